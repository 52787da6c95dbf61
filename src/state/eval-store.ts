/**
 * The Evaluate page's state: its settings and the activity on screen (a
 * cross-validation, a search or a leaderboard, with a live row per trial).
 * Every rule — folds, preflight, candidates, best trial, refit, run records —
 * is core's experiment runner (src/core/experiment); this store turns the
 * settings into the runner's inputs, draws its progress and keeps the runs.
 */
import { create } from 'zustand'
import type { CrossValidationResult } from '../core/eval/cross-validate'
import { defaultSearchSpace } from '../core/eval/default-spaces'
import type { FoldScheme } from '../core/eval/folds'
import { defaultMetric } from '../core/eval/metric-direction'
import type { Candidate, SearchSpace } from '../core/eval/search-space'
import {
  cvRecord,
  foldScheme,
  leaderboardModels,
  leaderboardRun,
  newTrials,
  planSearch,
  runTrials,
  schemeSettingsProblem,
  searchRecord,
  thresholdMetricsOf,
  trialMethod,
  trialRun,
  type BaseRequest,
  type ExperimentOutcome,
  type SchemeKind,
  type SchemeSettings,
  type SearchMethod,
  type Trial,
  type TrialsOptions,
} from '../core/experiment'
import { familyInfo, FAMILIES } from '../core/model/registry'
import { poolExecutor } from '../services/pool-executor'
import { getRun, saveRun } from '../services/storage/runs'
import { refreshRuns } from './runs-store'
import { messageOf, selectedFeatures, useDataStore } from './data-store'
import { currentParams, startTrainingRun, useTrainStore } from './train-store'

export type { SchemeKind, SearchMethod } from '../core/experiment'

/** One cross-validated candidate as the page shows it: the runner's trial and the run it opens. */
export interface TrialRow extends Trial {
  /** Set when the trial's final model was trained (or its leaderboard run kept): the run to open. */
  runId: string | null
}

export interface Activity {
  kind: 'cv' | 'search' | 'leaderboard'
  label: string
  metric: string
  startedAt: number
  finishedAt: number | null
  total: number
  trials: TrialRow[]
  cancelled: boolean
  error: string | null
  /** Full result of the best (or only) candidate, for the plots. */
  bestResult: { trialId: number; result: CrossValidationResult } | null
}

interface EvalStore {
  scheme: SchemeKind
  k: number
  repeats: number
  groupColumn: string | null
  /** Share of rows locked away before search (0 = none); the chosen model is scored on it once. */
  lockedTestShare: number
  /** null: ROC AUC for classification, RMSE for regression. */
  metric: string | null
  method: SearchMethod
  trials: number
  spaceByFamily: Record<string, SearchSpace>
  activity: Activity | null
  /** Binary: the decision threshold chosen on the threshold chart; null until one is chosen. A refit's bundle records it. */
  threshold: number | null
  /** Why the last request could not start (checked before any training). */
  error: string | null
}

export const useEvalStore = create<EvalStore>(() => ({
  scheme: 'stratified',
  k: 5,
  repeats: 2,
  groupColumn: null,
  lockedTestShare: 0,
  metric: null,
  method: 'random',
  trials: 8,
  spaceByFamily: Object.fromEntries(Object.values(FAMILIES).map((f) => [f.id, defaultSearchSpace(f)])),
  activity: null,
  threshold: null,
  error: null,
}))

export function setEval(patch: Partial<Omit<EvalStore, 'activity' | 'error'>>): void {
  useEvalStore.setState({ ...patch, error: null })
}

/** Chooses the decision threshold (binary); "Train final model" writes it into the model's bundle. */
export function setThreshold(threshold: number): void {
  useEvalStore.setState({ threshold })
}

export function setSpace(family: string, space: SearchSpace): void {
  useEvalStore.setState((s) => ({ spaceByFamily: { ...s.spaceByFamily, [family]: space } }))
}

/** The metric models are chosen by, for the current task. */
export function chosenMetric(): string {
  const { metric } = useEvalStore.getState()
  const task = useDataStore.getState().task ?? 'binary'
  return metric ?? defaultMetric(task)
}

/** Cancels the current activity's queued and running trials. */
let controller: AbortController | null = null
/** True while an activity's folds are being checked, before its trials show. */
let starting = false
/** Full cross-validation results of the current activity's trials, for saving folds and fold assignment with a refit run. */
let trialResults = new Map<number, CrossValidationResult>()
let activityToken = 0

function schemeSettings(): SchemeSettings {
  const s = useEvalStore.getState()
  return { kind: s.scheme, k: s.k, repeats: s.repeats, groupColumn: s.groupColumn }
}

function scheme(): FoldScheme {
  return foldScheme(schemeSettings(), useDataStore.getState().task ?? 'binary', useTrainStore.getState().seed)
}

/**
 * Why evaluation cannot start now, or null. The settings are checked here;
 * the data (classes and groups against k) by the runner's preflight, before any training.
 */
export function evaluationBlocker(): string | null {
  const data = useDataStore.getState()
  if (!data.view) return 'Load a dataset first.'
  if (data.target && data.targetProblem) return data.targetProblem
  if (!data.target || !data.task) return 'Choose the target column on the Data page.'
  if (selectedFeatures(data).length === 0) return 'No usable feature: include at least one column other than the target.'
  const problem = schemeSettingsProblem(schemeSettings(), data.target)
  if (problem) return problem
  if (starting || useEvalStore.getState().activity?.finishedAt === null) return 'An evaluation is already running.'
  return null
}

function baseRequest(): BaseRequest {
  const data = useDataStore.getState()
  const train = useTrainStore.getState()
  return {
    target: data.target!,
    task: data.task!,
    features: selectedFeatures(data),
    pipeline: train.pipeline,
    seed: train.seed,
    scheme: scheme(),
    testShare: useEvalStore.getState().lockedTestShare,
  }
}

function patchTrial(token: number, id: number, patch: Partial<TrialRow>): void {
  useEvalStore.setState((s) => {
    if (!s.activity || token !== activityToken) return {}
    return { activity: { ...s.activity, trials: s.activity.trials.map((t) => (t.id === id ? { ...t, ...patch } : t)) } }
  })
}

function begin(kind: Activity['kind'], label: string, trials: Trial[]): number {
  const token = ++activityToken
  trialResults = new Map()
  useEvalStore.setState({
    error: null,
    activity: {
      kind,
      label,
      metric: chosenMetric(),
      startedAt: Date.now(),
      finishedAt: null,
      total: trials.length,
      cancelled: false,
      error: null,
      bestResult: null,
      trials: trials.map((t) => ({ ...t, runId: null })),
    },
  })
  return token
}

/**
 * Runs `trials` through core's runner on the worker pool: the folds are
 * checked first (a bad scheme shows as "Not started"), then the activity
 * appears and its rows follow the trials. Resolves with the outcome and the
 * activity's token, or null when it could not start.
 */
async function runActivity(kind: Activity['kind'], label: string, trials: Trial[], method: TrialsOptions['method']): Promise<{ outcome: ExperimentOutcome; token: number } | null> {
  const blocker = evaluationBlocker()
  if (blocker) return fail(blocker)
  starting = true
  controller = new AbortController()
  let token = -1
  try {
    const outcome = await runTrials(trials, {
      executor: poolExecutor,
      base: baseRequest(),
      metric: chosenMetric(),
      method,
      signal: controller.signal,
      describeError: messageOf,
      onReady: () => {
        starting = false
        token = begin(kind, label, trials)
      },
      onTrial: (id, patch) => patchTrial(token, id, patch),
    })
    trialResults = outcome.results
    const best = kind === 'cv' ? (outcome.results.has(1) ? 1 : null) : outcome.best
    finish(token, { bestResult: best === null ? null : { trialId: best, result: outcome.results.get(best)! } })
    return { outcome, token }
  } catch (error) {
    return fail(messageOf(error))
  } finally {
    starting = false
  }
}

function finish(token: number, patch: Partial<Activity> = {}): void {
  if (token !== activityToken) return
  useEvalStore.setState((s) => (s.activity ? { activity: { ...s.activity, finishedAt: Date.now(), ...patch } } : {}))
}

/** Cross-validates the model chosen on the Train page with the current scheme. */
export async function crossValidateCurrent(): Promise<void> {
  const { family } = useTrainStore.getState()
  await runActivity('cv', `Cross-validation of ${familyInfo(family).label}`, newTrials([{ family, params: { ...currentParams() } }]), 'all')
}

/** Runs a grid, random or successive-halving search over the chosen family's parameters on the worker pool, then refits the best. */
export async function startSearch(): Promise<void> {
  const blocker = evaluationBlocker()
  if (blocker) return void fail(blocker)
  const s = useEvalStore.getState()
  const { family, seed } = useTrainStore.getState()
  const info = familyInfo(family)
  let candidates: Candidate[]
  try {
    candidates = planSearch(info, currentParams(), { method: s.method, trials: s.trials, space: s.spaceByFamily[family] ?? null }, seed).candidates
  } catch (error) {
    return void fail(messageOf(error))
  }
  const label = `${s.method === 'grid' ? 'Grid' : s.method === 'random' ? 'Random' : 'Successive-halving'} search of ${info.label}`
  const ran = await runActivity('search', label, newTrials(candidates.map((params) => ({ family, params }))), trialMethod(s.method))
  if (ran && ran.outcome.best !== null && !useEvalStore.getState().activity?.cancelled) await refit(ran.token, ran.outcome.best, 'search')
}

/** Cross-validates every family that can do the task, with default parameters, side by side on the pool; each entry is kept as a run. */
export async function startLeaderboard(): Promise<void> {
  const task = useDataStore.getState().task
  const models = task ? leaderboardModels(task) : []
  const ran = await runActivity('leaderboard', `Leaderboard of ${models.length} model families`, newTrials(models), 'all')
  if (ran) await saveLeaderboardRuns(ran.token)
}

/** Keeps every finished leaderboard entry as a cross-validation run, so each row opens its run; "Train final model" adds the model. */
async function saveLeaderboardRuns(token: number): Promise<void> {
  const activity = useEvalStore.getState().activity
  const data = useDataStore.getState()
  if (!activity || !data.view) return
  const finishedAt = new Date().toISOString()
  const dataset = { name: data.view.name, fingerprint: data.view.fingerprint, rows: data.view.rowCount, columns: data.view.columnNames.length }
  for (const t of activity.trials) {
    const result = trialResults.get(t.id)
    if (t.status !== 'done' || !result) continue
    const run = leaderboardRun({ id: `cv-${Date.now().toString(36)}-${t.id}`, startedAt: new Date(activity.startedAt).toISOString(), finishedAt, dataset, base: baseRequest(), metric: activity.metric, trial: t, result })
    try {
      await saveRun(run)
      patchTrial(token, t.id, { runId: run.id })
    } catch {
      // A full disk keeps the leaderboard on screen; the message appears when the next run is saved.
    }
  }
  await refreshRuns()
}

/**
 * Trains a trial's model as a run: on all non-test rows, scored once on the
 * locked test split when there is one (the same rows, by the same seed).
 */
export async function refit(token: number, trialId: number, kind: 'search' | 'leaderboard'): Promise<void> {
  const activity = useEvalStore.getState().activity
  const trial = activity?.trials.find((t) => t.id === trialId)
  if (!activity || !trial || !trial.summary) return
  const runId = await startTrainingRun({
    family: trial.family,
    params: trial.params,
    testShare: useEvalStore.getState().lockedTestShare,
    threshold: useEvalStore.getState().threshold ?? undefined,
    extras: {
      cv: cvRecord(scheme(), activity.metric, trial.summary, trialResults.get(trialId)),
      search: kind === 'search' ? searchRecord(useEvalStore.getState().method, activity.metric, activity.trials, trial) : null,
    },
  })
  patchTrial(token, trialId, { runId })
  if (runId && kind === 'search') await saveTrialRuns(runId, activity)
}

/** Keeps every trial of a search as a child run of the search's final model, so the Runs page can list and compare them. */
async function saveTrialRuns(parentId: string, activity: Activity): Promise<void> {
  const parent = await getRun(parentId)
  if (!parent) return
  for (const t of activity.trials) {
    try {
      await saveRun(trialRun(parent, t, activity.metric))
    } catch {
      // A trial that cannot be kept (full disk) does not undo the search; the final model is saved.
    }
  }
  await refreshRuns()
}

/** Trains the final model of a leaderboard row (or any finished trial). */
export async function trainTrial(trialId: number): Promise<void> {
  const activity = useEvalStore.getState().activity
  if (!activity) return
  await refit(activityToken, trialId, activity.kind === 'search' ? 'search' : 'leaderboard')
}

/** Cancels every queued and running trial; finished trials are kept. */
export function cancelActivity(): void {
  useEvalStore.setState((s) => (s.activity ? { activity: { ...s.activity, cancelled: true } } : {}))
  controller?.abort()
}

function fail(message: string): null {
  useEvalStore.setState({ error: message })
  return null
}

/** Metrics and confusion matrix of the best result's pooled out-of-fold probabilities at a decision threshold (binary tasks). */
export function thresholdMetrics(threshold: number): { metrics: Record<string, number | null>; confusion: number[][] } | null {
  const scores = useEvalStore.getState().activity?.bestResult?.result.pooled.scores
  return scores ? thresholdMetricsOf(scores, threshold) : null
}
