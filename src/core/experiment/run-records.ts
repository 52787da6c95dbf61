/**
 * Run records of the runner's work, as the Runs page lists them: a training
 * run (started, then finished, failed or cancelled), a leaderboard entry (a
 * cross-validation without a model yet) and a search's trials (child runs of
 * its final model). Ids and times are given by the caller, so the records are
 * pure functions of what ran.
 */
import type { CrossValidationResult } from '../eval/cross-validate'
import type { FoldScheme } from '../eval/folds'
import type { MetricSummary } from '../eval/summary'
import type { PipelineConfig } from '../pipeline/config'
import { RUN_SCHEMA_VERSION, type RunRecord } from '../tracking/run-schema'
import type { TrainingRequest, TrainingResult } from '../train/run-training'
import type { Trial } from './trials'

export interface DatasetFacts {
  name: string
  fingerprint: string
  rows: number
  columns: number
}

/** The `cv` part of a run: the scheme, the metric models were chosen by, the summary and, when known, every fold and the fold of every row. */
export function cvRecord(scheme: FoldScheme, metric: string, summary: Record<string, MetricSummary>, result?: CrossValidationResult): NonNullable<RunRecord['cv']> {
  return {
    scheme,
    metric,
    summary,
    folds: result?.folds.map((f) => ({ fold: f.fold, repeat: f.repeat, metrics: f.metrics })),
    assignment: result ? Array.from(result.assignment) : undefined,
  }
}

/** The `search` part of a search's final model: method, every trial and the winner. */
export function searchRecord(method: string, metric: string, trials: readonly Trial[], best: Trial): NonNullable<RunRecord['search']> {
  return {
    method,
    metric,
    trials: trials.map((t) => ({ params: t.params, share: t.share, status: t.status, summary: t.summary })),
    bestParams: best.params,
    bestScore: best.summary?.[metric]?.mean ?? null,
  }
}

/** A training run as it starts (status running), before any result. */
export function startedRun(options: {
  id: string
  startedAt: string
  dataset: DatasetFacts
  request: TrainingRequest
  extras?: Pick<RunRecord, 'cv' | 'search'>
}): RunRecord {
  const { request } = options
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: options.id,
    status: 'running',
    startedAt: options.startedAt,
    finishedAt: null,
    durationMs: null,
    dataset: { ...options.dataset },
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
    recipe: request.recipe ?? null,
    pipelineConfig: request.pipeline ?? null,
    kind: options.extras?.search ? 'search' : 'holdout',
    ...(options.extras ?? {}),
  }
}

/** The run once training finished. */
export function finishedRun(run: RunRecord, result: TrainingResult, finishedAt: string, durationMs: number): RunRecord {
  return {
    ...run,
    status: 'finished',
    finishedAt,
    durationMs,
    metrics: { ...result.metrics },
    confusion: result.confusion,
    roc: result.roc,
    pr: result.pr,
    calibration: result.calibration,
    featureImportance: result.featureImportance,
    iterations: result.iterations,
    bundle: result.bundle,
    pipelineSteps: result.pipelineSteps,
    permutationImportance: result.permutationImportance,
    residuals: result.residuals,
    history: result.history,
    bestIteration: result.bestIteration,
    oobScore: result.oobScore,
    backend: result.backend,
  }
}

/** The run once training failed (error: the sentence to show) or was cancelled (error null). */
export function endedRun(run: RunRecord, error: string | null, finishedAt: string, durationMs: number): RunRecord {
  return { ...run, status: error === null ? 'cancelled' : 'failed', finishedAt, durationMs, error }
}

/**
 * A leaderboard entry kept as a cross-validation run (scores per fold, mean ±
 * std, fold assignment; no model yet), so each row of the leaderboard opens its run.
 */
export function leaderboardRun(options: {
  id: string
  startedAt: string
  finishedAt: string
  dataset: DatasetFacts
  base: { target: string; task: TrainingRequest['task']; features: string[]; seed: number; testShare: number; pipeline?: PipelineConfig; scheme: FoldScheme }
  metric: string
  trial: Trial
  result: CrossValidationResult
}): RunRecord {
  const { trial: t, result, base } = options
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: options.id,
    kind: 'cv',
    status: 'finished',
    startedAt: options.startedAt,
    finishedAt: options.finishedAt,
    durationMs: t.fitSeconds === null ? null : Math.round(t.fitSeconds * 1000),
    dataset: { ...options.dataset },
    target: base.target,
    task: base.task,
    features: base.features,
    family: t.family,
    params: { ...t.params },
    seed: base.seed,
    testShare: base.testShare,
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
    pipelineConfig: base.pipeline ?? null,
    cv: cvRecord(base.scheme, options.metric, result.summary, result),
    note: 'Leaderboard entry: cross-validated scores; train the final model from the Evaluate page.',
  }
}

/** One search trial as a child run of the search's final model `parent`. */
export function trialRun(parent: RunRecord, trial: Trial, metric: string): RunRecord {
  const t = trial
  return {
    ...parent,
    id: `${parent.id}-trial-${t.id}`,
    kind: 'trial',
    parentId: parent.id,
    status: t.status === 'done' ? 'finished' : t.status === 'failed' ? 'failed' : 'cancelled',
    family: t.family,
    params: { ...t.params },
    metrics: Object.fromEntries(Object.entries(t.summary ?? {}).map(([name, s]) => [name, s.mean])),
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
    cv: t.summary && parent.cv ? { scheme: parent.cv.scheme, metric, summary: t.summary } : null,
    search: null,
    tags: [],
    note: t.share < 1 ? `evaluated on ${Math.round(t.share * 100)}% of rows (successive halving)` : '',
  }
}
