import { applyRecipe } from '../clean/apply-recipe'
import { CancelledError, errorCode, errorText, throwIfAborted } from '../errors'
import { familyInfo } from '../model/registry'
import { fingerprintTable } from '../table/fingerprint'
import { readDataFile, type ReadOptions } from '../table/read/read-file'
import { runTraining } from '../train/run-training'
import { userMessage } from '../user-message'
import { decidePromotion } from './decide'
import { evaluate } from './evaluate'
import { searchParams } from './search'
import { trainingRequest } from '../experiment'
import type { MetricSummary } from '../eval/summary'
import { checkFeatures, validateTable } from './stage-checks'
import { STAGE_NAMES, type PipelineRunRecord, type PipelineSpec, type PromotionDecision, type RegistryPort, type StageName, type StageRecord } from './types'
import { capitalise, count, formatName } from './wording'

/** What runPipeline needs besides the spec and the data. */
export interface RunDeps {
  registry: RegistryPort
  /** Called on every change of a stage's record (running, then done / failed / skipped). */
  onStage?: (record: StageRecord) => void
  signal?: AbortSignal
  /** The clock for startedAt / finishedAt and the registry's dates (tests). */
  now?: () => Date
  /** How to read the file (Node passes zlib's gunzip). */
  read?: ReadOptions
}

/** What one stage hands back besides its record. */
interface StageOutcome<T> {
  value: T
  rowsOut: number | null
}

/** Raised inside runPipeline to stop after a failed stage; never escapes it. */
class StageFailed extends Error {}

/**
 * Runs a saved pipeline on new data: load → validate → clean → features →
 * train → evaluate → register → promote, one StageRecord each. A stage that
 * fails stops the run: its record carries the error (and the plain sentence
 * in `messages`), later stages are 'skipped', and since nothing touches the
 * registry before the register stage, a failure up to evaluation leaves it
 * untouched. Never throws for a stage failure (cancellation included: the
 * stage running is failed with code 'cancelled').
 *
 * Registry history: the challenger is registered in stage None (register);
 * promote then moves it to Staging — with comment "pipeline <name>:
 * challenger" followed by the move to Production (archiving the old one)
 * with the decision's comment when promoted, or with the decision's comment
 * itself ("kept version 3: …") when kept, so a kept challenger waits in
 * Staging and the history says why.
 */
export async function runPipeline(spec: PipelineSpec, input: { bytes: Uint8Array; fileName: string }, deps: RunDeps): Promise<PipelineRunRecord> {
  const now = deps.now ?? (() => new Date())
  const startedAt = now().toISOString()
  const records: StageRecord[] = STAGE_NAMES.map((stage) => ({ stage, status: 'pending', startedAt: null, durationMs: null, rowsIn: null, rowsOut: null, messages: [], error: null }))
  const emit = (record: StageRecord): void => deps.onStage?.({ ...record, messages: [...record.messages] })
  const data: PipelineRunRecord['data'] = { name: input.fileName, fingerprint: '', rows: null }
  let decision: PromotionDecision | null = null
  let registered: PipelineRunRecord['registered'] = null

  async function stage<T>(name: StageName, rowsIn: number | null, work: (say: (message: string) => void) => Promise<StageOutcome<T>>): Promise<T> {
    const record = records[STAGE_NAMES.indexOf(name)]
    record.status = 'running'
    record.startedAt = now().toISOString()
    record.rowsIn = rowsIn
    emit(record)
    const started = performance.now()
    try {
      throwIfAborted(deps.signal)
      const { value, rowsOut } = await work((message) => record.messages.push(message))
      record.status = 'done'
      record.rowsOut = rowsOut
      return value
    } catch (error) {
      record.status = 'failed'
      const code = error instanceof CancelledError ? 'cancelled' : (errorCode(error) ?? 'pipeline-stage-failed')
      record.error = { code, message: errorText(error) }
      record.messages.push(error instanceof CancelledError ? 'The run was cancelled.' : userMessage(error))
      throw new StageFailed()
    } finally {
      record.durationMs = Math.round(performance.now() - started)
      emit(record)
    }
  }

  try {
    const loaded = await stage('load', null, async (say) => {
      const file = await readDataFile(input.bytes, input.fileName, undefined, deps.read)
      data.fingerprint = fingerprintTable(file.table)
      data.rows = file.table.rowCount
      say(`Read ${count(file.table.rowCount, 'row')} × ${count(file.table.columns.length, 'column')} from "${input.fileName}" (${formatName(file)}).`)
      for (const warning of file.warnings) say(warning)
      if (spec.source.kind === 'file' && spec.source.fingerprint === data.fingerprint) say(`This is the same data the pipeline was saved from ("${spec.source.name}").`)
      return { value: file.table, rowsOut: file.table.rowCount }
    })

    await stage('validate', loaded.rowCount, async (say) => {
      validateTable(spec, loaded, say)
      return { value: null, rowsOut: loaded.rowCount }
    })

    const cleaned = await stage('clean', loaded.rowCount, async (say) => {
      if (!spec.recipe || spec.recipe.steps.length === 0) {
        say('No cleaning recipe: the file is used as read.')
        return { value: loaded, rowsOut: loaded.rowCount }
      }
      const result = await applyRecipe(loaded, spec.recipe, { signal: deps.signal, textEngine: 'core' })
      say(`Applied ${count(spec.recipe.steps.length, 'cleaning step')}: ${count(result.table.rowCount, 'row')} kept of ${loaded.rowCount.toLocaleString('en-US')}.`)
      for (const report of result.reports) for (const line of report.details) say(line)
      return { value: { ...result.table, name: loaded.name }, rowsOut: result.table.rowCount }
    })

    const labelled = await stage('features', cleaned.rowCount, async (say) => {
      const rows = checkFeatures(spec, cleaned, say)
      return { value: rows, rowsOut: rows }
    })

    const trained = await stage('train', labelled, async (say) => {
      const family = familyInfo(spec.model.family)
      let params = { ...family.defaults, ...spec.model.params }
      let cvSummary: Record<string, MetricSummary> | undefined
      if (spec.model.search) {
        const best = await searchParams(cleaned, spec, params, deps.signal)
        say(best.summary)
        params = best.params
        cvSummary = best.cv ?? undefined
      }
      // The runner's refit request (as the page's and the CLI's): the bundle records the cross-validation behind a searched model.
      const request = trainingRequest({ target: spec.target, task: spec.task, features: spec.features, family: family.id, params, testShare: spec.validation.testShare, seed: spec.validation.seed, pipeline: spec.pipeline, recipe: spec.recipe, cvSummary })
      const result = await runTraining(loaded, request, { signal: deps.signal, dataset: { name: loaded.name, fingerprint: fingerprintTable(cleaned) } })
      const rows = result.bundle.training
      say(`Trained ${family.label} on ${count(rows.trainRows, 'row')}; ${count(rows.testRows, 'row')} locked away for testing.`)
      if (result.outlierRows > 0) say(`${count(result.outlierRows, 'training row')} dropped as outliers.`)
      return { value: result, rowsOut: rows.trainRows }
    })

    const scores = await stage('evaluate', trained.heldOut.sourceRows.length, async (say) => {
      const { scores, rowsScored } = await evaluate(spec, loaded, trained, deps.registry, say)
      return { value: scores, rowsOut: rowsScored }
    })

    const version = await stage('register', null, async (say) => {
      const { version } = await deps.registry.register(spec.registry.modelName, trained.bundle, `pipeline ${spec.name}: challenger`)
      registered = { name: spec.registry.modelName, version }
      say(`Registered as version ${version} of "${spec.registry.modelName}".`)
      return { value: version, rowsOut: null }
    })

    await stage('promote', null, async (say) => {
      decision = decidePromotion({ rule: spec.promotion, challenger: { version, value: scores.challenger }, champion: scores.champion, goldenPassed: scores.goldenPassed })
      const name = spec.registry.modelName
      if (decision.promoted) {
        await deps.registry.transition(name, version, 'Staging', `pipeline ${spec.name}: challenger`, false)
        await deps.registry.transition(name, version, 'Production', decision.comment, true)
        say(`Version ${version} is now in Production${scores.champion ? `; version ${scores.champion.version} was archived` : ''}.`)
      } else {
        await deps.registry.transition(name, version, 'Staging', decision.comment, false)
        say(`Version ${version} stays in Staging${scores.champion ? `; version ${scores.champion.version} stays in Production` : ''}.`)
      }
      say(capitalise(decision.comment) + '.')
      return { value: null, rowsOut: null }
    })
  } catch (error) {
    if (!(error instanceof StageFailed)) throw error
    for (const record of records) {
      if (record.status !== 'pending') continue
      record.status = 'skipped'
      emit(record)
    }
  }
  const failed = records.some((r) => r.status === 'failed')
  const finalDecision = decision as PromotionDecision | null
  return {
    id: runId(startedAt),
    pipelineName: spec.name,
    startedAt,
    finishedAt: now().toISOString(),
    data,
    stages: records,
    outcome: failed ? 'failed' : finalDecision?.promoted ? 'promoted' : 'kept',
    decision: finalDecision,
    registered,
  }
}

function runId(startedAt: string): string {
  return `run-${startedAt.replace(/[^0-9]/g, '').slice(0, 17)}-${Math.random().toString(36).slice(2, 8)}`
}
