import { create } from 'zustand'
import type { FitProgress, LossPoint } from '../core/model/estimator'
import { familyInfo, FAMILIES } from '../core/model/registry'
import { DEFAULT_PIPELINE_CONFIG, type CategoricalPlan, type NumericPlan, type PipelineConfig, type SelectionPlan } from '../core/pipeline/config'
import { CancelledError } from '../core/errors'
import { baseParams, endedRun, finishedRun, startedRun, trainingRequest } from '../core/experiment'
import { poolExecutor } from '../services/pool-executor'
import { announceRunsChanged, holdRunLock } from '../services/run-locks'
import { type RunRecord, saveRun } from '../services/storage/runs'
import { currentRecipe } from './clean-store'
import { messageOf, selectedFeatures, useDataStore } from './data-store'
import { refreshRuns } from './runs-store'

/** A run in progress (or waiting for a free worker), with its own progress and Cancel. */
export interface ActiveRun {
  id: string
  family: string
  label: string
  /** When Train was pressed (ms); the run record's startedAt is the same instant. */
  submittedAt: number
  /** When a worker picked the run up (ms), for the elapsed time shown. */
  startedAt: number
  queued: boolean
  progress: FitProgress | null
  /** Loss reported so far, one point per round or epoch (boosting, neural net). */
  history: LossPoint[]
}

interface TrainStore {
  family: string
  /** Parameters per family, so switching family keeps each one's settings. */
  paramsByFamily: Record<string, Record<string, unknown>>
  pipeline: PipelineConfig
  seed: number
  testShare: number
  active: ActiveRun[]
  error: string | null
  /** Shown in the results card: the run that ended last (finished, failed or cancelled). */
  run: RunRecord | null
}

export const useTrainStore = create<TrainStore>(() => ({
  family: 'logistic',
  paramsByFamily: Object.fromEntries(Object.values(FAMILIES).map((f) => [f.id, baseParams(f)])),
  pipeline: DEFAULT_PIPELINE_CONFIG,
  seed: 42,
  testShare: 0.2,
  active: [],
  error: null,
  run: null,
}))

/** The Cancel of every run in progress, by run id. */
const jobs = new Map<string, AbortController>()

/** The parameters of the chosen family. */
export function currentParams(state: Pick<TrainStore, 'family' | 'paramsByFamily'> = useTrainStore.getState()): Record<string, unknown> {
  return state.paramsByFamily[state.family] ?? baseParams(familyInfo(state.family))
}


export function setFamily(family: string): void {
  const info = familyInfo(family)
  useTrainStore.setState((s) => ({ family, paramsByFamily: { ...s.paramsByFamily, [family]: s.paramsByFamily[family] ?? baseParams(info) } }))
}

export function setParam(name: string, value: unknown): void {
  useTrainStore.setState((s) => ({ paramsByFamily: { ...s.paramsByFamily, [s.family]: { ...currentParams(s), [name]: value } } }))
}

export function resetParams(): void {
  useTrainStore.setState((s) => ({ paramsByFamily: { ...s.paramsByFamily, [s.family]: baseParams(familyInfo(s.family)) } }))
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

/**
 * True while a run started after the one whose results are shown is still
 * training: the results on screen are then the previous run's, and the page
 * must say so rather than let them pass for the new model's.
 */
export function resultsSuperseded(state: Pick<TrainStore, 'run' | 'active'>): boolean {
  const shown = state.run
  if (!shown) return false
  const shownAt = Date.parse(shown.startedAt)
  return state.active.some((a) => a.id !== shown.id && a.submittedAt >= shownAt)
}

/** The name of a run on the Train page: its model family and the time it started, as its progress bar was labelled. */
export function runTitle(run: Pick<RunRecord, 'family' | 'startedAt'>): string {
  return `${FAMILIES[run.family]?.label ?? run.family} · ${new Date(run.startedAt).toLocaleTimeString('en-GB')}`
}

/** Why training cannot start now, or null when it can. */
export function trainingBlocker(familyId?: string): string | null {
  const data = useDataStore.getState()
  if (!data.view) return 'Load a dataset first.'
  // The target's own reason (empty, one value, text for regression…) before "choose a target": one is chosen.
  if (data.target && data.targetProblem) return data.targetProblem
  if (!data.target || !data.task) return 'Choose the target column to predict on the Data page.'
  if (selectedFeatures(data).length === 0) return 'No usable feature: include at least one column other than the target on the Data page.'
  const info = familyInfo(familyId ?? useTrainStore.getState().family)
  if (!info.tasks.includes(data.task)) {
    return `${info.label} does not do ${data.task === 'regression' ? 'regression' : 'classification'}; choose another model family or task.`
  }
  return null
}

/** Keeps the latest progress and, for rounds and epochs, the loss curve drawn live on the page. */
function recordProgress(id: string, progress: FitProgress): void {
  useTrainStore.setState((s) => ({
    active: s.active.map((a) => {
      if (a.id !== id) return a
      const tracked = progress.unit === 'round' || progress.unit === 'epoch'
      const point = { step: progress.done, train: progress.loss, valid: progress.validLoss }
      return { ...a, progress, history: tracked && (progress.loss !== undefined || progress.validLoss !== undefined) ? [...a.history, point].slice(-5000) : a.history }
    }),
  }))
}

function patchActive(id: string, patch: Partial<ActiveRun>): void {
  useTrainStore.setState((s) => ({ active: s.active.map((a) => (a.id === id ? { ...a, ...patch } : a)) }))
}

/** What a run started from the Evaluate page overrides of the Train page's settings. */
export interface RunOverrides {
  family: string
  params: Record<string, unknown>
  testShare: number
  /** Cross-validation and search behind the run, kept with it. */
  extras?: Pick<RunRecord, 'cv' | 'search'>
  /** Binary: the decision threshold chosen on the Evaluate page, recorded in the bundle. */
  threshold?: number
}

/**
 * Starts a training run on the worker pool (through core's runner: its
 * request and run record are built there) and records it in storage as it
 * goes; several runs may train at once, each with its own progress and Cancel.
 */
export async function startTrainingRun(overrides?: RunOverrides): Promise<string | null> {
  const blocker = trainingBlocker(overrides?.family)
  if (blocker) {
    useTrainStore.setState({ error: blocker })
    return null
  }
  const data = useDataStore.getState()
  const view = data.view!
  const settings = useTrainStore.getState()
  const family = overrides?.family ?? settings.family
  const info = familyInfo(family)
  const request = trainingRequest({
    target: data.target!,
    task: data.task!,
    features: selectedFeatures(data),
    family,
    params: overrides?.params ?? currentParams(settings),
    testShare: overrides?.testShare ?? settings.testShare,
    seed: settings.seed,
    pipeline: settings.pipeline,
    recipe: currentRecipe(),
    threshold: overrides?.threshold,
    cvSummary: overrides?.extras?.cv?.summary,
  })
  const started = Date.now()
  const id = `run-${started.toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const dataset = { name: view.name, fingerprint: view.fingerprint, rows: view.rowCount, columns: view.columnNames.length }
  let run: RunRecord = startedRun({ id, startedAt: new Date(started).toISOString(), dataset, request, extras: overrides?.extras })
  const label = runTitle(run)
  useTrainStore.setState((s) => ({ active: [...s.active, { id, family: info.id, label, submittedAt: started, startedAt: started, queued: true, progress: null, history: [] }], error: null }))
  const controller = new AbortController()
  jobs.set(id, controller)
  // The run belongs to this tab: other tabs see it as running while the lock is held (run-locks.ts).
  const releaseLock = await holdRunLock(id)
  const saveError = await persist(run)
  announceRunsChanged()
  void refreshRuns()
  try {
    const result = await poolExecutor.run(
      { kind: 'train', request, dataset: { name: view.name, fingerprint: view.fingerprint } },
      {
        signal: controller.signal,
        onStart: () => patchActive(id, { queued: false, startedAt: Date.now() }),
        onProgress: (progress) => recordProgress(id, progress),
      },
    )
    run = finishedRun(run, result, new Date().toISOString(), Date.now() - started)
  } catch (error) {
    run = endedRun(run, error instanceof CancelledError ? null : messageOf(error), new Date().toISOString(), Date.now() - started)
  } finally {
    jobs.delete(id)
  }
  useTrainStore.setState((s) => ({ active: s.active.filter((a) => a.id !== id), run, error: run.status === 'failed' ? run.error : null }))
  const finalError = (await persist(run)) ?? saveError
  // Let go only once the end is saved: other tabs re-read the run when the lock is free.
  releaseLock()
  announceRunsChanged()
  if (finalError) useTrainStore.setState({ error: finalError })
  await refreshRuns()
  return run.id
}

/** Cancels one run: a queued run never starts, a running one's worker is stopped at once. */
export function cancelTraining(id: string): void {
  jobs.get(id)?.abort()
}

async function persist(run: RunRecord): Promise<string | null> {
  try {
    await saveRun(run)
    return null
  } catch (error) {
    return messageOf(error)
  }
}
