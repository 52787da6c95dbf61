/**
 * Runs a headless search: every candidate cross-validated (grid, random) or
 * successive halving over growing shares of the rows, the best chosen by the
 * metric's mean over folds. Candidates come from search-candidates.ts.
 */
import type { CrossValidationRequest } from '../../core/eval/cross-validate'
import { successiveHalving } from '../../core/eval/halving'
import { toMaximise } from '../../core/eval/metric-direction'
import type { Candidate } from '../../core/eval/search-space'
import type { MetricSummary } from '../../core/eval/summary'
import type { Table } from '../../core/types'
import { describeScore } from './cv-report'
import { crossValidateLogged } from './cv-run'
import type { SearchMethod } from './eval-options'
import { CliError, type CliIO } from './run-cli'

/** Halving keeps the best third of the candidates at each rung, as the page does. */
const HALVING_ETA = 3

export interface SearchResult {
  /** Candidates tried (on all rows, for a grid or random search; at the first rung, for halving). */
  trials: number
  bestParams: Candidate
  /** The metric's mean over folds for the best candidate (as reported, not negated); null if undefined. */
  score: number | null
  /** The best candidate's cross-validation on all (non-test) rows. */
  summary: Record<string, MetricSummary>
}

/** What to search: full parameter sets, the names the space varies (for the log), the method and the metric to choose by. */
export interface SearchTask {
  candidates: Candidate[]
  varied: string[]
  method: SearchMethod
  metric: string
}

/**
 * Searches the candidates with the cross-validation of `request`. A
 * candidate that fails is logged and ranks last; when every one fails the
 * first failure is the error. Ties keep the earlier candidate.
 */
export async function runSearch(table: Table, request: CrossValidationRequest, task: SearchTask, io: CliIO): Promise<SearchResult> {
  const { candidates, method, metric } = task
  const full = new Map<number, Record<string, MetricSummary>>()
  let firstFailure: string | null = null
  const evaluate = async (candidate: Candidate, index: number, share: number): Promise<number | null> => {
    const where = share < 1 ? ` on ${Math.round(share * 100)}% of rows` : ''
    try {
      const result = await crossValidateLogged(table, { ...request, params: candidate, rowShare: share }, io, { command: 'train', foldLines: false })
      if (share === 1) full.set(index, result.summary)
      io.stderr(`train: trial ${index + 1}/${candidates.length}${where} ${JSON.stringify(pick(candidate, task.varied))}: ${describeScore(metric, result.summary)}\n`)
      return toMaximise(metric, result.summary[metric]?.mean)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      firstFailure ??= message
      io.stderr(`train: trial ${index + 1}/${candidates.length}${where} failed: ${message}\n`)
      return null
    }
  }
  let best: number
  if (method === 'halving') {
    best = (await successiveHalving(candidates, serially(evaluate), { eta: HALVING_ETA })).best
  } else {
    const scores: (number | null)[] = []
    for (let i = 0; i < candidates.length; i++) scores.push(await evaluate(candidates[i], i, 1))
    best = scores.reduce<number>((b, s, i) => ((s ?? -Infinity) > (scores[b] ?? -Infinity) ? i : b), 0)
  }
  const summary = full.get(best)
  if (summary === undefined) throw new CliError(`search: every trial failed; the first: ${firstFailure ?? 'unknown error'}`)
  return { trials: candidates.length, bestParams: candidates[best], score: summary[metric]?.mean ?? null, summary }
}

/**
 * The row shares successive halving will use for `count` candidates, from a
 * dry run of core's schedule (with equal scores the schedule depends only on
 * the count), so the folds of every rung can be checked before training.
 */
export async function halvingShares(count: number): Promise<number[]> {
  const shares = new Set<number>()
  await successiveHalving(Array.from({ length: count }, () => ({})), async (_c, _i, share) => (shares.add(share), 0), { eta: HALVING_ETA })
  return [...shares]
}

/**
 * successiveHalving evaluates a rung's candidates with Promise.all (the page
 * spreads them over workers). In one process that gains nothing and would
 * interleave their logs, so they run one after another.
 */
function serially<A extends unknown[], R>(work: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let chain: Promise<unknown> = Promise.resolve()
  return (...args) => {
    const next = chain.then(() => work(...args))
    chain = next.catch(() => undefined)
    return next
  }
}

/** The searched parameters of a candidate, for a short log line. */
function pick(candidate: Candidate, names: string[]): Candidate {
  return Object.fromEntries(names.map((name) => [name, candidate[name]]))
}
