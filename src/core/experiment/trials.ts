/**
 * Runs an experiment's trials through an executor: a cross-validation of one
 * model, a grid or random search (every candidate on all rows), successive
 * halving (candidates on growing shares of the rows), or a leaderboard (every
 * family with its defaults). Folds are checked first (preflight), so a bad
 * scheme fails before any fit. The caller sees every trial's state change
 * through `onTrial`; the page draws them, the CLI logs them.
 */
import type { CrossValidationProgress, CrossValidationRequest, CrossValidationResult } from '../eval/cross-validate'
import { successiveHalving } from '../eval/halving'
import { toMaximise } from '../eval/metric-direction'
import type { Candidate } from '../eval/search-space'
import type { MetricSummary } from '../eval/summary'
import { CancelledError } from '../errors'
import { HALVING_ETA, type SearchMethod } from './candidates'
import { bestTrial } from './ranking'
import type { ExperimentExecutor } from './types'

/** What every trial of an experiment shares: the cross-validation request without the model. */
export type BaseRequest = Omit<CrossValidationRequest, 'family' | 'params' | 'rowShare'>

export type TrialStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

/** One cross-validated candidate: a search trial or a leaderboard entry. */
export interface Trial {
  /** 1-based, in candidate order. */
  id: number
  family: string
  params: Candidate
  status: TrialStatus
  /** Share of rows used (successive halving rungs); 1 otherwise. */
  share: number
  fold: number
  folds: number
  summary: Record<string, MetricSummary> | null
  fitSeconds: number | null
  error: string | null
}

export interface TrialsOptions {
  executor: ExperimentExecutor
  base: BaseRequest
  /** The metric trials are judged by. */
  metric: string
  /** 'all': every trial on all rows (grid, random, leaderboard); 'halving': successive halving. */
  method: 'all' | 'halving'
  signal?: AbortSignal
  /** Called once the folds passed the preflight, before the first trial is queued. */
  onReady?(): void
  onTrial?(id: number, patch: Partial<Trial>): void
  onProgress?(id: number, progress: CrossValidationProgress): void
  /** How a failure reads in the trial row (the page's plain sentence; the error's message by default). */
  describeError?(error: unknown): string
}

export interface ExperimentOutcome {
  trials: Trial[]
  /** Full results of the trials cross-validated on all rows. */
  results: Map<number, CrossValidationResult>
  /** The best trial by the metric (see bestTrial), or null when none scored. */
  best: number | null
  /** The first failure's message, when some trial failed. */
  firstError: string | null
}

/** The trials for candidates of one family, ids 1, 2, … in candidate order. */
export function newTrials(models: readonly { family: string; params: Candidate }[]): Trial[] {
  return models.map((m, i) => ({ id: i + 1, family: m.family, params: m.params, status: 'queued', share: 1, fold: 0, folds: 0, summary: null, fitSeconds: null, error: null }))
}

/** The row shares successive halving uses for `count` candidates (with equal scores the schedule depends only on the count). */
export async function halvingShares(count: number): Promise<number[]> {
  const shares = new Set<number>()
  await successiveHalving(Array.from({ length: count }, () => ({})), async (_c, _i, share) => (shares.add(share), 0), { eta: HALVING_ETA })
  return [...shares]
}

/** The trial method of a search method. */
export function trialMethod(method: SearchMethod): TrialsOptions['method'] {
  return method === 'halving' ? 'halving' : 'all'
}

/**
 * Cross-validates `trials` (mutated in place as they progress, and reported
 * through onTrial). Throws only when the preflight fails; a failing trial is
 * recorded and ranks last.
 */
export async function runTrials(trials: Trial[], options: TrialsOptions): Promise<ExperimentOutcome> {
  const { executor, base, signal } = options
  if (trials.length > 0) {
    const shares = options.method === 'halving' ? await halvingShares(trials.length) : [1]
    await executor.run({ kind: 'preflight', request: { ...base, family: trials[0].family, params: trials[0].params }, shares }, { signal })
  }
  options.onReady?.()
  const results = new Map<number, CrossValidationResult>()
  let firstError: string | null = null
  const patch = (trial: Trial, change: Partial<Trial>) => {
    Object.assign(trial, change)
    options.onTrial?.(trial.id, change)
  }
  const runOne = async (trial: Trial, share: number): Promise<number | null> => {
    patch(trial, { status: 'queued', share })
    try {
      if (signal?.aborted) throw new CancelledError()
      const result = await executor.run(
        { kind: 'cv', request: { ...base, family: trial.family, params: trial.params, rowShare: share } },
        {
          signal,
          onStart: () => patch(trial, { status: 'running' }),
          onProgress: (p) => {
            patch(trial, { fold: p.fold, folds: p.folds })
            options.onProgress?.(trial.id, p)
          },
        },
      )
      if (share === 1) results.set(trial.id, result)
      patch(trial, { status: 'done', summary: result.summary, fitSeconds: result.fitSeconds, fold: result.folds.length, folds: result.folds.length })
      return toMaximise(options.metric, result.summary[options.metric]?.mean)
    } catch (error) {
      const cancelled = error instanceof CancelledError
      const message = cancelled ? null : (options.describeError ?? messageText)(error)
      if (message !== null) firstError ??= message
      patch(trial, { status: cancelled ? 'cancelled' : 'failed', error: message })
      return null
    }
  }
  if (options.method === 'halving') {
    await successiveHalving(trials.map((t) => t.params), (_c, index, share) => runOne(trials[index], share), { eta: HALVING_ETA })
  } else {
    await Promise.all(trials.map((t) => runOne(t, 1)))
  }
  // Only trials on all rows compete: a halving rung's score on a sample is not comparable.
  const best = bestTrial(trials.filter((t) => results.has(t.id)), options.metric)
  return { trials, results, best, firstError }
}

function messageText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
