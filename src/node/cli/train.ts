/**
 * `npm run train -- --data <file> --target <column> --model <name> --out <bundle.json>`:
 * trains a model headlessly with the same core code the page's workers run
 * and prints one JSON summary (held-out metrics) on stdout.
 */
import { stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fingerprintTable } from '../../core/table/fingerprint'
import { DEFAULT_PIPELINE_CONFIG } from '../../core/pipeline/config'
import { runTraining } from '../../core/train/run-training'
import type { Task } from '../../core/types'
import { jsonObjectOption, numberOption, optionalString, parseOptions, requiredString } from './args'
import { chooseColumns } from './features'
import { CLI_MODELS, describeTask, requireTask, resolveModel } from './model-names'
import { tenthsReporter } from './progress'
import { fileProblem, readTableFile } from './read-input'
import { CliError, EXIT_USAGE, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'

const USAGE = `usage: npm run train -- --data <file.csv|file.parquet> --target <column> --model <${Object.keys(CLI_MODELS).join('|')}>
                      [--params '<json>'] [--test-size 0.2] [--seed 42] [--task binary|multiclass|regression] --out <bundle.json>
Prints one JSON object (model, task, rows, features, fitSeconds, held-out metrics) on stdout; progress goes to stderr.
`

const OPTIONS = {
  data: { type: 'string' },
  target: { type: 'string' },
  model: { type: 'string' },
  params: { type: 'string' },
  'test-size': { type: 'string' },
  seed: { type: 'string' },
  task: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** What `train` prints on stdout. */
export interface TrainSummary {
  model: string
  task: Task
  /** Rows in the data file. */
  rows: number
  /** Input columns the model learned from, in table order. */
  features: string[]
  fitSeconds: number
  /** Held-out metrics: accuracy, auc, f1, logLoss (classification) or rmse, mae, r2 (regression). */
  metrics: Record<string, number | null>
}

/** Runs the train command with `argv` (arguments after the script); resolves to the exit code. */
export function trainMain(argv: string[], io: CliIO = processIO): Promise<number> {
  return runCli('train', io, async () => {
    const values = parseOptions(argv, OPTIONS)
    if (values.help) return void io.stdout(USAGE)
    const dataPath = requiredString(values, 'data')
    const target = requiredString(values, 'target')
    const modelName = requiredString(values, 'model')
    const out = requiredString(values, 'out')
    const params = jsonObjectOption(values, 'params')
    const testShare = numberOption(values, 'test-size', 0.2, { min: 0, max: 1, exclusive: true })
    const seed = numberOption(values, 'seed', 42, { min: 0, max: 2 ** 31 - 1, integer: true })
    const task = taskOption(optionalString(values, 'task'))
    const family = resolveModel(modelName)
    // As the page does: the family's defaults, then the user's choices. Creating
    // the estimator validates them now rather than after reading a large file.
    const modelParams = { ...family.defaults, ...params }
    family.create(modelParams)
    // Fail before a long fit, not after it, when the bundle cannot be written.
    await requireDirectory(dirname(out))

    const { table } = await readTableFile(dataPath)
    io.stderr(`train: read ${table.name}: ${table.rowCount} rows × ${table.columns.length} columns\n`)
    const choice = chooseColumns(table, target, task)
    requireTask(family, modelName, choice.task)
    const excluded = choice.excluded.map((c) => `${c.name} (${c.kind})`).join(', ')
    io.stderr(`train: target "${choice.target}" (${describeTask(choice.task)}), ${choice.features.length} features${excluded ? `; left out ${excluded}` : ''}\n`)
    io.stderr(`train: fitting ${family.label}…\n`)

    const result = await runTraining(
      table,
      {
        target: choice.target,
        task: choice.task,
        features: choice.features,
        family: family.id,
        params: modelParams,
        testShare,
        seed,
        pipeline: DEFAULT_PIPELINE_CONFIG,
      },
      { dataset: { name: table.name, fingerprint: fingerprintTable(table) }, onProgress: tenthsReporter('train', io) },
    )
    try {
      await writeFile(out, JSON.stringify(result.bundle, null, 2) + '\n')
    } catch (error) {
      throw new CliError(`cannot write the bundle to "${out}": ${fileProblem(error)}`)
    }
    const summary: TrainSummary = {
      model: modelName,
      task: choice.task,
      rows: table.rowCount,
      features: choice.features,
      fitSeconds: result.timings.modelFitMs / 1000,
      metrics: pick(result.metrics, choice.task === 'regression' ? ['rmse', 'mae', 'r2'] : ['accuracy', 'auc', 'f1', 'logLoss']),
    }
    io.stdout(JSON.stringify(summary) + '\n')
    io.stderr(`train: wrote ${out} (${result.bundle.training.trainRows} training rows, ${result.bundle.training.testRows} held out)\n`)
  })
}

function taskOption(text: string | undefined): Task | undefined {
  if (text === undefined) return undefined
  if (text === 'binary' || text === 'multiclass' || text === 'regression') return text
  throw new CliError(`--task ${JSON.stringify(text)} is invalid; expected binary, multiclass or regression`, EXIT_USAGE)
}

async function requireDirectory(dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return
  } catch (error) {
    throw new CliError(`cannot write the bundle into "${dir}": ${fileProblem(error)}`)
  }
  throw new CliError(`cannot write the bundle into "${dir}": it is not a directory`)
}

function pick(metrics: Record<string, number | null>, names: string[]): Record<string, number | null> {
  return Object.fromEntries(names.map((name) => [name, metrics[name] ?? null]))
}

if (isEntryPoint(import.meta.url)) await runAsScript(trainMain)
