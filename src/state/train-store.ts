import { create } from 'zustand'
import type { FitProgress } from '../core/model/estimator'
import { familyInfo } from '../core/model/registry'
import type { TrainingRequest } from '../core/train/run-training'
import * as storage from '../services/storage'
import type { RunRecord } from '../services/storage'
import { startTraining, TrainingCancelled, type TrainingJob } from '../services/train-client'
import { messageOf, selectedFeatures, useDataStore } from './data-store'
import { refreshRuns } from './runs-store'

export type TrainStatus = 'idle' | 'training' | 'finished' | 'failed' | 'cancelled'

interface TrainStore {
  family: string
  params: Record<string, unknown>
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
  seed: 42,
  testShare: 0.2,
  status: 'idle',
  progress: null,
  startedAt: null,
  error: null,
  run: null,
}))

let job: TrainingJob | null = null

export function setParam(name: string, value: unknown): void {
  useTrainStore.setState((s) => ({ params: { ...s.params, [name]: value } }))
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
  if (!data.dataset) return 'Load a dataset first.'
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
  const dataset = data.dataset!
  const settings = useTrainStore.getState()
  const request: TrainingRequest = {
    target: data.target!,
    task: data.task!,
    features: selectedFeatures(data),
    family: settings.family,
    params: settings.params,
    testShare: settings.testShare,
    seed: settings.seed,
  }
  const started = Date.now()
  let run: RunRecord = {
    schemaVersion: storage.RUN_SCHEMA_VERSION,
    id: `run-${started.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    status: 'running',
    startedAt: new Date(started).toISOString(),
    finishedAt: null,
    durationMs: null,
    dataset: { name: dataset.table.name, fingerprint: dataset.fingerprint, rows: dataset.table.rowCount, columns: dataset.table.columns.length },
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
    recipe: null,
    pipelineConfig: null,
  }
  useTrainStore.setState({ status: 'training', progress: null, startedAt: started, error: null, run })
  const saveError = await persist(run)
  job = startTraining(dataset.table, request, { name: dataset.table.name, fingerprint: dataset.fingerprint }, (progress) =>
    useTrainStore.setState({ progress }),
  )
  try {
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
