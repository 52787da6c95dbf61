/**
 * `npm run pipeline -- --spec pipeline.json --data new.parquet --registry models/`:
 * re-runs a saved pipeline headlessly (cron, CI, an Airflow task) with the
 * same core stages the page runs, against a registry directory that
 * `npm run serve -- --model models/` serves. stdout carries one JSON object
 * per stage as it finishes (JSON lines), then one summary object; progress
 * and errors go to stderr. Exit codes: 0 promoted, 3 kept out (the challenger
 * waits in Staging), 1 failed, 2 bad usage.
 */
import { resolve } from 'node:path'
import { bundlePath } from '../../core/workflow/registry-dir'
import { runPipeline } from '../../core/workflow/run-pipeline'
import { parsePipelineSpec } from '../../core/workflow/spec'
import type { PipelineRunRecord } from '../../core/workflow/types'
import { lockModel } from '../registry/dir-lock'
import { DirectoryRegistry } from '../registry/directory-registry'
import { parseOptions, requiredString } from './args'
import { readBytes, readJsonFile, readOptions, SHEET_OPTION } from './read-input'
import { CliError, EXIT_FAILURE, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'
import { defaultThreads, useThreads } from '../threads/histogram-threads'
import { useNodeTfjsBackend } from '../tfjs-backend'

/** Exit code when the run finished but the challenger did not beat Production. */
export const EXIT_KEPT = 3

const USAGE = `usage: npm run pipeline -- --spec <pipeline.json> --data <file.csv|file.parquet|file.xlsx> [--sheet <name>] --registry <dir>
Runs the saved pipeline's stages (load, validate, clean, features, train, evaluate, register, promote) on the
data file, registers the new model in the registry directory (<dir>/<model>/v<version>.json and registry.json,
as npm run serve -- --model <dir> serves it) and promotes it to Production when the pipeline's rule holds.
stdout: one JSON object per stage, then a summary {"pipeline", "outcome", "decision", "registered", …}.
Exit code: 0 promoted, 3 kept out (the new version stays in Staging), 1 failed, 2 bad usage.
`

const OPTIONS = {
  spec: { type: 'string' },
  data: { type: 'string' },
  ...SHEET_OPTION,
  registry: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** What `pipeline` prints last. */
export interface PipelineSummary {
  pipeline: string
  run: string
  outcome: PipelineRunRecord['outcome']
  data: PipelineRunRecord['data']
  decision: PipelineRunRecord['decision']
  registered: (NonNullable<PipelineRunRecord['registered']> & { file: string }) | null
  /** The failed stage and its message, when the run failed. */
  failed: { stage: string; message: string } | null
  startedAt: string
  finishedAt: string
}

/** Runs the pipeline command with `argv`; resolves to the exit code. */
export async function pipelineMain(argv: string[], io: CliIO = processIO): Promise<number> {
  let outcome: PipelineRunRecord['outcome'] | null = null
  const code = await runCli('pipeline', io, async () => {
    const values = parseOptions(argv, OPTIONS)
    if (values.help) return void io.stdout(USAGE)
    const specPath = requiredString(values, 'spec')
    const dataPath = requiredString(values, 'data')
    const registryDir = resolve(requiredString(values, 'registry'))
    const read = readOptions(values)
    const spec = parsePipelineSpec(await readJsonFile(specPath, 'pipeline spec'))
    // Tree fits use every core (the same models as on one thread; see src/node/threads).
    const compute = await useThreads(defaultThreads())
    if (compute.note) io.stderr(`pipeline: ${compute.note}\n`)
    const bytes = await readBytes(dataPath, 'data file')
    const registry = new DirectoryRegistry(registryDir)
    io.stderr(`pipeline: "${spec.name}" on ${dataPath} → ${registryDir}\n`)
    const lock = await lockModel(registryDir, spec.registry.modelName)
    let record: PipelineRunRecord
    try {
      record = await runPipeline(spec, { bytes, fileName: dataPath.split(/[\\/]/).pop() ?? dataPath }, {
        registry,
        read,
        onStage: (stage) => {
          if (stage.status === 'running') return void io.stderr(`pipeline: ${stage.stage}…\n`)
          io.stdout(JSON.stringify(stage) + '\n')
        },
      })
    } finally {
      await lock.release()
    }
    const failed = record.stages.find((s) => s.status === 'failed') ?? null
    const summary: PipelineSummary = {
      pipeline: record.pipelineName,
      run: record.id,
      outcome: record.outcome,
      data: record.data,
      decision: record.decision,
      registered: record.registered && { ...record.registered, file: resolve(registryDir, bundlePath(record.registered.name, record.registered.version)) },
      failed: failed && { stage: failed.stage, message: failed.messages.at(-1) ?? '' },
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
    }
    io.stdout(JSON.stringify(summary) + '\n')
    outcome = record.outcome
    if (failed) throw new CliError(`stage ${failed.stage} failed: ${failed.error?.message ?? failed.messages.at(-1)}`, EXIT_FAILURE)
    io.stderr(`pipeline: ${record.decision?.comment ?? record.outcome}\n`)
  })
  return code === 0 && outcome === 'kept' ? EXIT_KEPT : code
}

// A neural net fitted by this command trains on tfjs' wasm backend, as in the page (STUDIO_TFJS_BACKEND=cpu for the pure-JS one).
if (isEntryPoint(import.meta.url)) await runAsScript(pipelineMain, useNodeTfjsBackend)
