import { create } from 'zustand'
import type { CrossValidationProgress, CrossValidationRequest, CrossValidationResult } from '../core/eval/cross-validate'
import { defaultSearchSpace } from '../core/eval/default-spaces'
import type { FoldScheme } from '../core/eval/folds'
import { successiveHalving } from '../core/eval/halving'
import { defaultMetric, toMaximise } from '../core/eval/metric-direction'
import { gridCandidates, keepValid, randomCandidates, type Candidate, type SearchSpace } from '../core/eval/search-space'
import type { MetricSummary } from '../core/eval/summary'
import { confusionMatrix } from '../core/metrics/classification'
import { familyInfo, FAMILIES } from '../core/model/registry'
import { classificationMetrics } from '../core/train/score'
import * as dataClient from '../services/data-client'
import * as storage from '../services/storage'
import type { RunRecord } from '../services/storage'
import { submitCrossValidation, TrainingCancelled } from '../services/train-pool'
import { refreshRuns } from './runs-store'
import { messageOf, selectedFeatures, useDataStore } from './data-store'
import { currentParams, startTrainingRun, useTrainStore } from './train-store'

export type SchemeKind = 'stratified' | 'kfold' | 'repeated' | 'group'
export type SearchMethod = 'grid' | 'random' | 'halving'

/** One cross-validated candidate: a search trial or a leaderboard entry. */
export interface TrialRow {
  id: number
  family: string
  params: Candidate
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
  /** Share of rows used (successive halving rungs); 1 otherwise. */
  share: number
  fold: number
  folds: number
  summary: Record<string, MetricSummary> | null
  fitSeconds: number | null
  error: string | null
  /** Set when the trial's final model was trained: the run to open. */
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

const jobs = new Map<number, () => void>()
/** Full cross-validation results of the current activity's trials, for saving folds and fold assignment with a refit run. */
const trialResults = new Map<number, CrossValidationResult>()
let activityToken = 0

function scheme(): FoldScheme {
  const s = useEvalStore.getState()
  const seed = useTrainStore.getState().seed
  const task = useDataStore.getState().task
  switch (s.scheme) {
    case 'stratified':
      return task === 'regression' ? { kind: 'kfold', k: s.k, seed } : { kind: 'stratified', k: s.k, seed }
    case 'kfold':
      return { kind: 'kfold', k: s.k, seed }
    case 'repeated':
      return { kind: 'repeated', k: s.k, repeats: s.repeats, seed, stratified: task !== 'regression' }
    case 'group':
      return { kind: 'group', k: s.k, seed, column: s.groupColumn ?? '' }
  }
}

/** Why evaluation cannot start now, or null. Checks happen before any training (bad k, group column, task). */
export function evaluationBlocker(): string | null {
  const data = useDataStore.getState()
  if (!data.view) return 'Load a dataset first.'
  if (data.target && data.targetProblem) return data.targetProblem
  if (!data.target || !data.task) return 'Choose the target column on the Data page.'
  if (selectedFeatures(data).length === 0) return 'No usable feature: include at least one column other than the target.'
  const s = useEvalStore.getState()
  if (!Number.isInteger(s.k) || s.k < 2 || s.k > 20) return `Folds k = ${s.k} is invalid; choose an integer from 2 to 20.`
  if (s.scheme === 'group' && !s.groupColumn) return 'Choose the group column (e.g. the patient identifier) for group k-fold.'
  if (s.scheme === 'group' && s.groupColumn === data.target) return 'The group column cannot be the target.'
  if (s.scheme === 'group' && s.groupColumn) {
    const groups = data.view.profile.columns.find((c) => c.name === s.groupColumn)?.distinct ?? 0
    if (groups < 2) return `The group column "${s.groupColumn}" has ${groups} group${groups === 1 ? '' : 's'}; group k-fold needs at least 2.`
    if (s.k > groups) return `k = ${s.k} is larger than the number of groups in "${s.groupColumn}" (${groups}); use at most ${groups} folds.`
  }
  if (s.scheme === 'stratified' && data.task !== 'regression' && data.targetProfile) {
    const smallest = Math.min(...data.targetProfile.classes.map((c) => c.count))
    if (smallest < s.k) return `k = ${s.k} is larger than the smallest class (${smallest} rows); use at most ${smallest} folds.`
  }
  if (useEvalStore.getState().activity?.finishedAt === null) return 'An evaluation is already running.'
  return null
}

function baseRequest(family: string, params: Candidate): CrossValidationRequest {
  const data = useDataStore.getState()
  const train = useTrainStore.getState()
  return {
    target: data.target!,
    task: data.task!,
    features: selectedFeatures(data),
    family,
    params,
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

/** Cross-validates one trial on the worker pool; resolves with its score to maximise (null if it failed). */
async function runTrial(token: number, trial: TrialRow, share = 1): Promise<{ score: number | null; result: CrossValidationResult | null }> {
  patchTrial(token, trial.id, { status: 'queued', share })
  try {
    const table = await dataClient.trainingTable()
    if (token !== activityToken || useEvalStore.getState().activity?.cancelled) throw new TrainingCancelled()
    const job = submitCrossValidation(table, { ...baseRequest(trial.family, trial.params), rowShare: share }, {
      onStart: () => patchTrial(token, trial.id, { status: 'running' }),
      onProgress: (p: CrossValidationProgress) => patchTrial(token, trial.id, { fold: p.fold, folds: p.folds }),
    })
    jobs.set(trial.id, job.cancel)
    const result = await job.result
    if (share === 1) trialResults.set(trial.id, result)
    const metric = useEvalStore.getState().activity?.metric ?? chosenMetric()
    patchTrial(token, trial.id, { status: 'done', summary: result.summary, fitSeconds: result.fitSeconds, fold: result.folds.length, folds: result.folds.length })
    return { score: toMaximise(metric, result.summary[metric]?.mean), result }
  } catch (error) {
    const cancelled = error instanceof TrainingCancelled
    patchTrial(token, trial.id, { status: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : messageOf(error) })
    return { score: null, result: null }
  } finally {
    jobs.delete(trial.id)
  }
}

function begin(kind: Activity['kind'], label: string, rows: Omit<TrialRow, 'status' | 'share' | 'fold' | 'folds' | 'summary' | 'fitSeconds' | 'error' | 'runId'>[], total = rows.length): number {
  const token = ++activityToken
  trialResults.clear()
  useEvalStore.setState({
    error: null,
    activity: {
      kind,
      label,
      metric: chosenMetric(),
      startedAt: Date.now(),
      finishedAt: null,
      total,
      cancelled: false,
      error: null,
      bestResult: null,
      trials: rows.map((r) => ({ ...r, status: 'queued', share: 1, fold: 0, folds: 0, summary: null, fitSeconds: null, error: null, runId: null })),
    },
  })
  return token
}

function finish(token: number, patch: Partial<Activity> = {}): void {
  if (token !== activityToken) return
  useEvalStore.setState((s) => (s.activity ? { activity: { ...s.activity, finishedAt: Date.now(), ...patch } } : {}))
}

/** Picks the best finished trial by the activity's metric. */
function bestTrial(results: Map<number, { score: number | null; result: CrossValidationResult | null }>): number | null {
  let best: number | null = null
  let bestScore = -Infinity
  for (const [id, r] of results) {
    if (r.score !== null && r.score > bestScore) {
      bestScore = r.score
      best = id
    }
  }
  return best
}

/** Cross-validates the model chosen on the Train page with the current scheme. */
export async function crossValidateCurrent(): Promise<void> {
  const blocker = evaluationBlocker()
  if (blocker) return fail(blocker)
  const { family } = useTrainStore.getState()
  const token = begin('cv', `Cross-validation of ${familyInfo(family).label}`, [{ id: 1, family, params: { ...currentParams() } }])
  const outcome = await runTrial(token, useEvalStore.getState().activity!.trials[0])
  finish(token, outcome.result ? { bestResult: { trialId: 1, result: outcome.result } } : {})
}

/** Runs a grid, random or successive-halving search over the chosen family's parameters on the worker pool. */
export async function startSearch(): Promise<void> {
  const blocker = evaluationBlocker()
  if (blocker) return fail(blocker)
  const s = useEvalStore.getState()
  const { family, seed } = useTrainStore.getState()
  const info = familyInfo(family)
  const base = currentParams()
  let candidates: Candidate[]
  try {
    const space = s.spaceByFamily[family] ?? defaultSearchSpace(info)
    const raw = s.method === 'grid' ? gridCandidates(space) : randomCandidates(space, s.trials, seed)
    candidates = keepValid(raw.map((c) => ({ ...base, ...c })), (c) => info.create(c))
  } catch (error) {
    return fail(messageOf(error))
  }
  const label = `${s.method === 'grid' ? 'Grid' : s.method === 'random' ? 'Random' : 'Successive-halving'} search of ${info.label}`
  const token = begin('search', label, candidates.map((params, i) => ({ id: i + 1, family, params })))
  const results = new Map<number, { score: number | null; result: CrossValidationResult | null }>()
  const trials = () => useEvalStore.getState().activity!.trials
  if (s.method === 'halving') {
    const { best } = await successiveHalving(
      candidates,
      async (_c, index, share) => {
        if (useEvalStore.getState().activity?.cancelled) return null
        const outcome = await runTrial(token, trials()[index], share)
        if (share === 1) results.set(index + 1, outcome)
        return outcome.score
      },
      { eta: 3 },
    )
    void best
  } else {
    await Promise.all(trials().map(async (t) => results.set(t.id, await runTrial(token, t))))
  }
  const bestId = bestTrial(results)
  const bestResult = bestId === null ? null : { trialId: bestId, result: results.get(bestId)!.result! }
  finish(token, { bestResult })
  if (bestId !== null && !useEvalStore.getState().activity?.cancelled) await refit(token, bestId, 'search')
}

/** Cross-validates every family that can do the task, with default parameters, side by side on the pool. */
export async function startLeaderboard(): Promise<void> {
  const blocker = evaluationBlocker()
  if (blocker) return fail(blocker)
  const task = useDataStore.getState().task!
  const families = Object.values(FAMILIES).filter((f) => f.tasks.includes(task))
  const token = begin('leaderboard', `Leaderboard of ${families.length} model families`, families.map((f, i) => ({ id: i + 1, family: f.id, params: { ...f.defaults } })))
  const results = new Map<number, { score: number | null; result: CrossValidationResult | null }>()
  await Promise.all(useEvalStore.getState().activity!.trials.map(async (t) => results.set(t.id, await runTrial(token, t))))
  const bestId = bestTrial(results)
  finish(token, { bestResult: bestId === null ? null : { trialId: bestId, result: results.get(bestId)!.result! } })
  await saveLeaderboardRuns(token)
}

/**
 * Keeps every finished leaderboard entry as a cross-validation run (scores per
 * fold, mean ± sd, fold assignment; no model yet), so each row opens its run;
 * "Train final model" adds the model.
 */
async function saveLeaderboardRuns(token: number): Promise<void> {
  const activity = useEvalStore.getState().activity
  const data = useDataStore.getState()
  const train = useTrainStore.getState()
  if (!activity || !data.view || !data.target || !data.task) return
  const now = new Date().toISOString()
  for (const t of activity.trials) {
    const result = trialResults.get(t.id)
    if (t.status !== 'done' || !result) continue
    const run: RunRecord = {
      schemaVersion: storage.RUN_SCHEMA_VERSION,
      id: `cv-${Date.now().toString(36)}-${t.id}`,
      kind: 'cv',
      status: 'finished',
      startedAt: new Date(activity.startedAt).toISOString(),
      finishedAt: now,
      durationMs: t.fitSeconds === null ? null : Math.round(t.fitSeconds * 1000),
      dataset: { name: data.view.name, fingerprint: data.view.fingerprint, rows: data.view.rowCount, columns: data.view.columnNames.length },
      target: data.target,
      task: data.task,
      features: selectedFeatures(data),
      family: t.family,
      params: { ...t.params },
      seed: train.seed,
      testShare: useEvalStore.getState().lockedTestShare,
      metrics: Object.fromEntries(Object.entries(result.summary).map(([name, s]) => [name, s.mean])),
      confusion: null,
      roc: result.pooled.roc,
      pr: result.pooled.pr,
      calibration: result.pooled.calibration,
      residuals: result.pooled.residuals,
      featureImportance: [],
      iterations: null,
      error: null,
      bundle: null,
      recipe: null,
      pipelineConfig: train.pipeline,
      cv: { scheme: scheme(), metric: activity.metric, summary: result.summary, folds: result.folds.map((f) => ({ fold: f.fold, repeat: f.repeat, metrics: f.metrics })), assignment: Array.from(result.assignment) },
      note: 'Leaderboard entry: cross-validated scores; train the final model from the Evaluate page.',
    }
    try {
      await storage.saveRun(run)
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
      cv: {
        scheme: scheme(),
        metric: activity.metric,
        summary: trial.summary,
        folds: trialResults.get(trialId)?.folds.map((f) => ({ fold: f.fold, repeat: f.repeat, metrics: f.metrics })),
        assignment: (() => {
          const a = trialResults.get(trialId)?.assignment
          return a ? Array.from(a) : undefined
        })(),
      },
      search:
        kind === 'search'
          ? {
              method: useEvalStore.getState().method,
              metric: activity.metric,
              trials: activity.trials.map((t) => ({ params: t.params, share: t.share, status: t.status, summary: t.summary })),
              bestParams: trial.params,
              bestScore: trial.summary[activity.metric]?.mean ?? null,
            }
          : null,
    },
  })
  patchTrial(token, trialId, { runId })
  if (runId && kind === 'search') await saveTrialRuns(runId, activity)
}

/** Keeps every trial of a search as a child run of the search's final model, so the Runs page can list and compare them. */
async function saveTrialRuns(parentId: string, activity: Activity): Promise<void> {
  const parent = await storage.getRun(parentId)
  if (!parent) return
  for (const t of activity.trials) {
    const metrics = Object.fromEntries(Object.entries(t.summary ?? {}).map(([name, s]) => [name, s.mean]))
    const trial: RunRecord = {
      ...parent,
      id: `${parentId}-trial-${t.id}`,
      kind: 'trial',
      parentId,
      status: t.status === 'done' ? 'finished' : t.status === 'failed' ? 'failed' : 'cancelled',
      family: t.family,
      params: { ...t.params },
      metrics,
      durationMs: t.fitSeconds === null ? null : Math.round(t.fitSeconds * 1000),
      error: t.error,
      bundle: null,
      bundleSummary: null,
      confusion: null,
      roc: null,
      residuals: null,
      history: null,
      featureImportance: [],
      permutationImportance: null,
      pipelineSteps: [],
      cv: t.summary ? { scheme: parent.cv?.scheme ?? scheme(), metric: activity.metric, summary: t.summary } : null,
      search: null,
      tags: [],
      note: t.share < 1 ? `evaluated on ${Math.round(t.share * 100)}% of rows (successive halving)` : '',
    }
    try {
      await storage.saveRun(trial)
    } catch {
      // A trial that cannot be kept (full disk) does not undo the search; the final model is saved.
    }
  }
  await refreshRuns()
}

/** Trains the final model of a leaderboard row (or any finished trial) and returns its run id. */
export async function trainTrial(trialId: number): Promise<void> {
  const activity = useEvalStore.getState().activity
  if (!activity) return
  await refit(activityToken, trialId, activity.kind === 'search' ? 'search' : 'leaderboard')
}

/** Cancels every queued and running trial; finished trials are kept. */
export function cancelActivity(): void {
  useEvalStore.setState((s) => (s.activity ? { activity: { ...s.activity, cancelled: true } } : {}))
  for (const cancel of [...jobs.values()]) cancel()
}

function fail(message: string): void {
  useEvalStore.setState({ error: message })
}

/**
 * Metrics and confusion matrix of the best result's pooled out-of-fold
 * probabilities at a decision threshold (binary tasks), recomputed live as the
 * user moves the threshold.
 */
export function thresholdMetrics(threshold: number): { metrics: Record<string, number | null>; confusion: number[][] } | null {
  const scores = useEvalStore.getState().activity?.bestResult?.result.pooled.scores
  if (!scores) return null
  const truth = Int32Array.from(scores.positive, (p) => (p ? 1 : 0))
  const proba = new Float64Array(truth.length * 2)
  scores.score.forEach((s, i) => {
    proba[i * 2] = 1 - s
    proba[i * 2 + 1] = s
  })
  const { metrics, predicted } = classificationMetrics(truth, proba, 2, threshold)
  return { metrics, confusion: confusionMatrix(truth, predicted, 2) }
}
