import { create } from 'zustand'
import { defaultModelName, defaultPipelineName, defaultPromotionRule, pipelineSpecFromRun } from '../core/tracking/pipeline-from-run'
import { plainMessage } from '../core/user-message'
import { STAGE_NAMES, type PipelineRunRecord, type PromotionRule, type StageRecord } from '../core/workflow/types'
import { PipelineCancelled, runPipelineInWorker, type PipelineJob } from '../services/pipeline-client'
import { studioRegistryPort } from '../services/pipeline-registry'
import * as pipelineStorage from '../services/pipeline-storage'
import type { PipelineRecord, StoredPipelineRun } from '../services/pipeline-storage'
import type { RunRecord } from '../services/storage'
import { messageOf } from './data-store'
import { refreshRegistry, useRegistryStore } from './registry-store'
import { refreshRuns } from './runs-store'

/** A pipeline running now: its file and its stages as the worker reports them. */
export interface LivePipelineRun {
  fileName: string
  startedAt: string
  stages: StageRecord[]
}

interface PipelinesStore {
  pipelines: PipelineRecord[]
  loaded: boolean
  /** Past runs per pipeline name, newest first (loaded when its card is shown). */
  runs: Record<string, StoredPipelineRun[]>
  /** Runs in progress, by pipeline name (one at a time per pipeline). */
  live: Record<string, LivePipelineRun>
  error: string | null
  notice: string | null
}

export const usePipelinesStore = create<PipelinesStore>(() => ({ pipelines: [], loaded: false, runs: {}, live: {}, error: null, notice: null }))

const jobs = new Map<string, PipelineJob>()

export async function refreshPipelines(): Promise<void> {
  try {
    const pipelines = await pipelineStorage.listPipelines()
    const runs: Record<string, StoredPipelineRun[]> = {}
    for (const p of pipelines) runs[p.name] = await pipelineStorage.listPipelineRuns(p.name)
    usePipelinesStore.setState({ pipelines, runs, loaded: true })
  } catch (error) {
    usePipelinesStore.setState({ loaded: true, error: `Could not read the saved pipelines: ${messageOf(error)}` })
  }
}

/** What the "Save as pipeline" form starts with for `run`. */
export function pipelineDefaults(run: RunRecord): { name: string; modelName: string; promotion: PromotionRule } {
  const name = defaultPipelineName(run)
  return { name, modelName: defaultModelName(run, name, useRegistryStore.getState().models), promotion: defaultPromotionRule(run.task, run.metrics) }
}

/** Saves `run` as a pipeline; the message says why not (a taken name, a bad gain…). Returns true when saved. */
export async function savePipelineFromRun(run: RunRecord, choice: { name: string; modelName: string; promotion: PromotionRule }): Promise<{ saved: true } | { saved: false; error: string }> {
  try {
    const spec = pipelineSpecFromRun(run, { ...choice, now: new Date() })
    await pipelineStorage.savePipeline(spec)
    usePipelinesStore.setState({ notice: `Saved pipeline "${spec.name}".`, error: null })
    await refreshPipelines()
    return { saved: true }
  } catch (error) {
    return { saved: false, error: messageOf(error) }
  }
}

export async function removePipeline(name: string): Promise<void> {
  try {
    await pipelineStorage.deletePipeline(name)
    usePipelinesStore.setState({ notice: `Deleted pipeline "${name}" and the record of its runs; the models it registered stay in the registry.`, error: null })
    await refreshPipelines()
  } catch (error) {
    usePipelinesStore.setState({ error: messageOf(error), notice: null })
  }
}

function setLive(name: string, live: LivePipelineRun | null): void {
  usePipelinesStore.setState((s) => {
    const next = { ...s.live }
    if (live) next[name] = live
    else delete next[name]
    return { live: next }
  })
}

/** The eight stages, all waiting. */
function pendingStages(): StageRecord[] {
  return STAGE_NAMES.map((stage) => ({ stage, status: 'pending', startedAt: null, durationMs: null, rowsIn: null, rowsOut: null, messages: [], error: null }))
}

/**
 * "Run on new data": re-runs every stage of pipeline `name` on `file` in a
 * worker, showing each stage as it changes; keeps the run in the pipeline's
 * history and refreshes the registry and runs the challenger went into.
 */
export async function runOnNewData(name: string, file: File): Promise<void> {
  const record = usePipelinesStore.getState().pipelines.find((p) => p.name === name)
  if (!record || jobs.has(name)) return
  const startedAt = new Date().toISOString()
  setLive(name, { fileName: file.name, startedAt, stages: pendingStages() })
  usePipelinesStore.setState({ error: null, notice: null })
  const job = runPipelineInWorker(record.spec, file, studioRegistryPort(record.spec), (stage) => {
    const live = usePipelinesStore.getState().live[name]
    if (live) setLive(name, { ...live, stages: live.stages.map((s) => (s.stage === stage.stage ? stage : s)) })
  })
  jobs.set(name, job)
  try {
    const run = await job.result
    await pipelineStorage.savePipelineRun(run)
    usePipelinesStore.setState({ notice: outcomeSentence(run), error: run.outcome === 'failed' ? failureSentence(run) : null })
  } catch (error) {
    const message = error instanceof PipelineCancelled ? 'The pipeline run was cancelled.' : messageOf(error)
    usePipelinesStore.setState({ error: message, notice: null })
  } finally {
    jobs.delete(name)
    setLive(name, null)
    await refreshPipelines()
    await refreshRegistry()
    await refreshRuns()
  }
}

export function cancelPipelineRun(name: string): void {
  jobs.get(name)?.cancel()
}

/** "Version 4 of "Stroke risk" promoted to Production: …", or what was kept, or where it stopped. */
export function outcomeSentence(run: PipelineRunRecord): string | null {
  if (run.outcome === 'failed') return null
  const registered = run.registered ? `version ${run.registered.version} of "${run.registered.name}"` : 'the new model'
  if (run.outcome === 'promoted') return `Pipeline "${run.pipelineName}": ${registered} is now in Production (${run.decision?.comment ?? 'promoted'}).`
  return `Pipeline "${run.pipelineName}": ${registered} stays in Staging (${run.decision?.comment ?? 'kept'}).`
}

/** The failed stage and its message. */
export function failureSentence(run: PipelineRunRecord): string {
  const failed = run.stages.find((s) => s.status === 'failed')
  if (!failed) return `Pipeline "${run.pipelineName}" failed.`
  const registry = run.registered ? `Version ${run.registered.version} of "${run.registered.name}" was registered before it stopped.` : 'The registry was not changed.'
  return `Pipeline "${run.pipelineName}" stopped at the ${failed.stage} stage: ${failed.error ? plainMessage(failed.error.message, failed.error.code) : failed.messages.join(' ')} ${registry}`
}
