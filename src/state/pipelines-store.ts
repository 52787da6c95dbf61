import { create } from 'zustand'
import { StudioError } from '../core/errors'
import { defaultModelName, defaultPipelineName, defaultPromotionRule, pipelineSpecFromRun } from '../core/tracking/pipeline-from-run'
import { parsePipelineSpec } from '../core/workflow/spec'
import type { PromotionRule, StageRecord } from '../core/workflow/types'
import { PipelineCancelled, runPipelineInWorker, type PipelineJob } from '../services/pipeline-client'
import { tryModelLock } from '../services/pipeline-locks'
import { studioRegistryPort } from '../services/pipeline-registry'
import * as pipelineStorage from '../services/pipeline-storage'
import type { PipelineRecord, StoredPipelineRun } from '../services/pipeline-storage'
import type { RunRecord } from '../services/storage/runs'
import { messageOf } from './data-store'
import { cancelledRun, failureSentence, outcomeSentence, pendingStages, withStage } from './pipeline-runs'
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
    // Checked as the CLI reads it, so the JSON the page saves (and downloads) is one `npm run pipeline` accepts.
    const spec = parsePipelineSpec(pipelineSpecFromRun(run, { ...choice, now: new Date() }))
    await pipelineStorage.savePipeline(spec)
    usePipelinesStore.setState({ notice: `Saved pipeline "${spec.name}".`, error: null })
    await refreshPipelines()
    return { saved: true }
  } catch (error) {
    return { saved: false, error: messageOf(error) }
  }
}

/** Keeps a pipeline from a JSON file (one the page downloaded, or written for `npm run pipeline`), checked as the CLI checks it. */
export async function importPipelineText(text: string): Promise<void> {
  try {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new StudioError('pipeline-import-json', 'pipelines: the file is not JSON; choose a pipeline file saved by the studio (name.pipeline.json)')
    }
    const spec = parsePipelineSpec(json)
    await pipelineStorage.savePipeline(spec)
    usePipelinesStore.setState({ notice: `Imported pipeline "${spec.name}".`, error: null })
    await refreshPipelines()
  } catch (error) {
    usePipelinesStore.setState({ error: messageOf(error), notice: null })
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

/**
 * "Run on new data": re-runs every stage of pipeline `name` on `file` in a
 * worker, showing each stage as it changes; keeps the run in the pipeline's
 * history and refreshes the registry and runs the challenger went into.
 */
export async function runOnNewData(name: string, file: File): Promise<void> {
  const record = usePipelinesStore.getState().pipelines.find((p) => p.name === name)
  if (!record || jobs.has(name)) return
  const model = record.spec.registry.modelName
  const unlock = await tryModelLock(model)
  if (!unlock) {
    usePipelinesStore.setState({ error: `Another pipeline run for the registry model "${model}" is going on (here or in another tab of the studio); run this one when it has finished.`, notice: null })
    return
  }
  const startedAt = new Date().toISOString()
  setLive(name, { fileName: file.name, startedAt, stages: pendingStages() })
  usePipelinesStore.setState({ error: null, notice: null })
  const job = runPipelineInWorker(record.spec, file, studioRegistryPort(record.spec), (stage) => {
    const live = usePipelinesStore.getState().live[name]
    if (live) setLive(name, { ...live, stages: withStage(live.stages, stage) })
  })
  jobs.set(name, job)
  try {
    const run = await job.result
    await pipelineStorage.savePipelineRun(run)
    usePipelinesStore.setState({ notice: outcomeSentence(run), error: run.outcome === 'failed' ? failureSentence(run) : null })
  } catch (error) {
    const live = usePipelinesStore.getState().live[name]
    if (error instanceof PipelineCancelled && live) {
      // Core never returns a record for a worker that was stopped: the history keeps the stages as last seen.
      const at = new Date()
      await pipelineStorage.savePipelineRun(cancelledRun(record.spec, live, at, `run-${at.getTime().toString(36)}-cancelled`)).catch(() => undefined)
      const registered = live.stages.some((s) => s.stage === 'register' && s.status === 'done')
      usePipelinesStore.setState({ error: null, notice: `Pipeline "${name}": the run was cancelled${registered ? ' after its new model was registered; the Registry page shows where it stands' : ''}.` })
    } else {
      usePipelinesStore.setState({ error: messageOf(error), notice: null })
    }
  } finally {
    unlock()
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
