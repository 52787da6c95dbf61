import { plainMessage } from '../core/user-message'
import { STAGE_NAMES, type PipelineRunRecord, type PipelineSpec, type StageRecord } from '../core/workflow/types'

/**
 * The page's bookkeeping around pipeline runs, kept out of the store so it can
 * be tested without storage or workers: the stages before a run starts, the
 * record of a run the user cancelled (its worker is terminated, so core never
 * returns one), and the sentences the page shows when a run ends.
 */

/** The eight stages, all waiting. */
export function pendingStages(): StageRecord[] {
  return STAGE_NAMES.map((stage) => ({ stage, status: 'pending', startedAt: null, durationMs: null, rowsIn: null, rowsOut: null, messages: [], error: null }))
}

/** Replaces the record of `update.stage` in `stages`. */
export function withStage(stages: StageRecord[], update: StageRecord): StageRecord[] {
  return stages.map((s) => (s.stage === update.stage ? update : s))
}

const CANCELLED = 'The run was cancelled.'

/**
 * The record of a run cancelled with its stages as last reported: the stage
 * running is failed ("cancelled"), those not started are skipped. A version
 * registered before the cancel is named if the register stage had finished.
 */
export function cancelledRun(spec: PipelineSpec, live: { fileName: string; startedAt: string; stages: StageRecord[] }, now: Date, id: string): PipelineRunRecord {
  const stages = live.stages.map((s): StageRecord => {
    if (s.status === 'running') return { ...s, status: 'failed', durationMs: s.startedAt ? Math.max(0, now.getTime() - Date.parse(s.startedAt)) : null, messages: [...s.messages, CANCELLED], error: { code: 'cancelled', message: CANCELLED } }
    if (s.status === 'pending') return { ...s, status: 'skipped' }
    return s
  })
  const load = stages[0]
  return {
    id,
    pipelineName: spec.name,
    startedAt: live.startedAt,
    finishedAt: now.toISOString(),
    data: { name: live.fileName, fingerprint: '', rows: load.status === 'done' ? load.rowsOut : null },
    stages,
    outcome: 'failed',
    decision: null,
    registered: null,
  }
}

/** "…: version 4 of "Stroke risk" is now in Production (promoted: …)", or what was kept; null for a failed run. */
export function outcomeSentence(run: PipelineRunRecord): string | null {
  if (run.outcome === 'failed') return null
  const registered = run.registered ? `version ${run.registered.version} of "${run.registered.name}"` : 'the new model'
  if (run.outcome === 'promoted') return `Pipeline "${run.pipelineName}": ${registered} is now in Production (${run.decision?.comment ?? 'promoted'}).`
  return `Pipeline "${run.pipelineName}": ${registered} stays in Staging (${run.decision?.comment ?? 'kept'}).`
}

/** Where a failed run stopped, its message, and whether the registry was touched. */
export function failureSentence(run: PipelineRunRecord): string {
  const failed = run.stages.find((s) => s.status === 'failed')
  const registry = run.registered ? `Version ${run.registered.version} of "${run.registered.name}" was registered before it stopped.` : 'The registry was not changed.'
  if (!failed) return `Pipeline "${run.pipelineName}" failed. ${registry}`
  const why = failed.error ? plainMessage(failed.error.message, failed.error.code) : failed.messages.join(' ')
  return `Pipeline "${run.pipelineName}" stopped at the ${failed.stage} stage: ${why} ${registry}`
}
