import { StudioError } from '../errors'
import type { Candidate } from './search-space'
import { log } from '../numeric/portable-math'

export interface Rung {
  /** Share of the training rows each candidate trains on in this rung. */
  share: number
  candidates: number[]
  scores: (number | null)[]
}

/**
 * Successive halving: every candidate is scored on a small share of the data;
 * the best 1/η move on to a share η times larger, until one rung uses all rows.
 * `evaluate` may run candidates in parallel (the page spreads them over the
 * worker pool). Scores are maximised; null (failed) ranks last.
 */
export async function successiveHalving(
  candidates: Candidate[],
  evaluate: (candidate: Candidate, index: number, share: number) => Promise<number | null>,
  options: { eta?: number; minShare?: number; signal?: AbortSignal } = {},
): Promise<{ rungs: Rung[]; best: number }> {
  const eta = options.eta ?? 3
  if (!(eta >= 2)) throw new StudioError('bad-param', `search: halving factor ${eta} is invalid; expected at least 2`)
  if (candidates.length === 0) throw new StudioError('search-space', 'search: no candidates to halve')
  // Enough rungs that the last one trains on all rows with one or a few candidates.
  const rungCount = Math.max(1, Math.ceil(log(candidates.length) / log(eta) - 1e-9) + 1)
  const minShare = Math.max(options.minShare ?? 0.1, eta ** -(rungCount - 1))
  const rungs: Rung[] = []
  let alive = candidates.map((_, i) => i)
  for (let r = 0; r < rungCount; r++) {
    if (options.signal?.aborted) break
    const share = r === rungCount - 1 || alive.length === 1 ? 1 : Math.min(1, minShare * eta ** r)
    const scores = await Promise.all(alive.map((i) => evaluate(candidates[i], i, share)))
    rungs.push({ share, candidates: alive, scores })
    if (alive.length === 1 || r === rungCount - 1) break
    const keep = Math.max(1, Math.floor(alive.length / eta))
    alive = alive
      .map((i, j) => ({ i, s: scores[j] }))
      .sort((a, b) => (b.s ?? -Infinity) - (a.s ?? -Infinity) || a.i - b.i)
      .slice(0, keep)
      .map((x) => x.i)
  }
  const last = rungs[rungs.length - 1]
  let best = last.candidates[0]
  let bestScore = -Infinity
  last.candidates.forEach((i, j) => {
    const s = last.scores[j] ?? -Infinity
    if (s > bestScore) {
      bestScore = s
      best = i
    }
  })
  return { rungs, best }
}
