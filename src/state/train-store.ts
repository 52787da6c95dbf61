import { create } from 'zustand'
import type { FitProgress } from '../core/model/estimator'
import { familyInfo } from '../core/model/registry'
import { DEFAULT_PIPELINE_CONFIG, type CategoricalPlan, type NumericPlan, type PipelineConfig, type SelectionPlan } from '../core/pipeline/config'
import type { TrainingRequest } from '../core/train/run-training'
import * as storage from '../services/storage'
import type { RunRecord } from '../services/storage'
import { startTraining, TrainingCancelled, type TrainingJob } from '../services/train-client'
import * as dataClient from '../services/data-client'
import { currentRecipe } from './clean-store'
import { messageOf, selectedFeatures, useDataStore } from './data-store'
import { refreshRuns } from './runs-store'

export type TrainStatus = 'idle' | 'training' | 'finished' | 'failed' | 'cancelled'

interface TrainStore {
  family: string
  params: Record<string, unknown>
  pipeline: PipelineConfig
  seed: number
  testShare: number
  status: TrainStatus
  progress: FitProgress | null
  startedAt: number | null
  error: string | null
  /** The run started last (kept after it ends, to show its results). */
  run: RunRecord | null
}

export const useTrainStore = create<TrainStore>(() => ({
  family: 'logistic',
  params: { ...familyInfo('logistic').defaults },
  pipeline: DEFAULT_PIPELINE_CONFIG,
  seed: 42,
  testShare: 0.2,
  status: 'idle',
  progress: null,
  startedAt: null,
  error: null,
  run: null,
}))

let job: TrainingJob | null = null
/** Set when Cancel is pressed before the worker has started (while the table is being copied). */
let cancelRequested = false

export function setParam(name: string, value: unknown): void {
  useTrainStore.setState((s) => ({ params: { ...s.params, [name]: value } }))
}

export function setNumericPlan(patch: Partial<NumericPlan>): void {
  useTrainStore.setState((s) => ({ pipeline: { ...s.pipeline, numeric: { ...s.pipeline.numeric, ...patch } } }))
}

export function setCategoricalPlan(patch: Partial<CategoricalPlan>): void {
  useTrainStore.setState((s) => ({ pipeline: { ...s.pipeline, categorical: { ...s.pipeline.categorical, ...patch } } }))
}

export function setSelection(patch: Partial<SelectionPlan>): void {
  useTrainStore.setState((s) => ({ pipeline: { ...s.pipeline, selection: { ...s.pipeline.selection, ...patch } } }))
}

/** Sets (or with an empty patch, removes) the override of one column. */
export function setOverride(column: string, patch: Partial<NumericPlan> | Partial<CategoricalPlan> | null): void {
  useTrainStore.setState((s) => {
    const overrides = { ...s.pipeline.overrides }
    if (patch === null || Object.keys(patch).length === 0) delete overrides[column]
    else overrides[column] = patch
    return { pipeline: { ...s.pipeline, overrides } }
  })
}

export function setSeed(seed: number): void {
  useTrainStore.setState({ seed })
}

export function setTestShare(testShare: number): void {
  useTrainStore.setState({ testShare })
}

/** Why training cannot start now, or null when it can. */
export function trainingBlocker(): string | null {
  const data = useDataStore.getState()
  if (!data.view) return 'Load a dataset first.'
  if (!data.target) return 'Choose the target column to predict on the Data page.'
  if (selectedFeatures(data).length === 0) return 'No usable feature: include at least one column other than the target on the Data page.'
  if (useTrainStore.getState().status === 'training') return 'A model is already training.'
  return null
}

/** Starts a training run in a worker and records it in storage as it goes. */
export async function startTrainingRun(): Promise<void> {
  const blocker = trainingBlocker()
  if (blocker) return void useTrainStore.setState({ error: blocker, status: 'failed' })
  const data = useDataStore.getState()
  const view = data.view!
  const settings = useTrainStore.getState()
  const request: TrainingRequest = {
    target: data.target!,
    task: data.task!,
    features: selectedFeatures(data),
    family: settings.family,
    params: settings.params,
    testShare: settings.testShare,
    seed: settings.seed,
    pipeline: settings.pipeline,
  }
  const started = Date.now()
  let run: RunRecord = {
    schemaVersion: storage.RUN_SCHEMA_VERSION,
    id: `run-${started.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    status: 'running',
    startedAt: new Date(started).toISOString(),
    finishedAt: null,
    durationMs: null,
    dataset: { name: view.name, fingerprint: view.fingerprint, rows: view.rowCount, columns: view.columnNames.length },
    target: request.target,
    task: request.task,
    features: request.features,
    family: request.family,
    params: { ...request.params },
    seed: request.seed,
    testShare: request.testShare,
    metrics: {},
    confusion: null,
    roc: null,
    featureImportance: [],
    iterations: null,
    error: null,
    bundle: null,
    recipe: currentRecipe(),
    pipelineConfig: settings.pipeline,
  }
  useTrainStore.setState({ status: 'training', progress: null, startedAt: started, error: null, run })
  const saveError = await persist(run)
  try {
    cancelRequested = false
    const table = await dataClient.trainingTable()
    if (cancelRequested) throw new TrainingCancelled()
    job = startTraining(table, request, { name: view.name, fingerprint: view.fingerprint }, (progress) => useTrainStore.setState({ progress }))
    const result = await job.result
    run = {
      ...run,
      status: 'finished',
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      metrics: { ...result.metrics },
      confusion: result.confusion,
      roc: result.roc,
      featureImportance: result.featureImportance,
      pipelineSteps: result.pipelineSteps,
      residuals: result.residuals,
      history: result.history,
      bestIteration: result.bestIteration,
      oobScore: result.oobScore,
      backend: result.backend,
      iterations: result.iterations,
      bundle: result.bundle,
    }
    useTrainStore.setState({ status: 'finished', run })
  } catch (error) {
    const cancelled = error instanceof TrainingCancelled
    run = { ...run, status: cancelled ? 'cancelled' : 'failed', finishedAt: new Date().toISOString(), durationMs: Date.now() - started, error: cancelled ? null : messageOf(error) }
    useTrainStore.setState({ status: run.status as TrainStatus, run, error: run.error })
  } finally {
    job = null
  }
  const finalError = (await persist(run)) ?? saveError
  if (finalError) useTrainStore.setState({ error: finalError })
  await refreshRuns()
}

export function cancelTraining(): void {
  cancelRequested = true
  job?.cancel()
}

async function persist(run: RunRecord): Promise<string | null> {
  try {
    await storage.saveRun(run)
    return null
  } catch (error) {
    return messageOf(error)
  }
}
