/**
 * Rank statistics on sorted numbers, for scoring single columns against a
 * target over a million rows: ROC AUC by merging the two classes' sorted
 * values (no index sort), and average ranks by binary search into the distinct
 * values of a sorted copy. Both treat ties the standard way: an AUC tie counts
 * half (as metrics/classification.ts rocAuc), tied values share their mean rank
 * (as scipy's rankdata, so Spearman matches scipy.stats.spearmanr).
 */
import { sortNumbersWith } from './sort-numbers'

/**
 * ROC AUC of a score whose values for positive rows are `positive` and for
 * negative rows `negative` (each ascending, no NaN): the share of
 * (positive, negative) pairs the score orders correctly, ties counted half.
 * Equals rocAuc on the same rows. Null when either class is empty.
 */
export function aucSorted(positive: Float64Array, negative: Float64Array): number | null {
  const p = positive.length, n = negative.length
  if (p === 0 || n === 0) return null
  let wins = 0, below = 0, j = 0
  for (let i = 0; i < p; ) {
    const v = positive[i]
    let run = 1
    while (i + run < p && positive[i + run] === v) run++
    while (j < n && negative[j] < v) j++
    below = j
    let tied = 0
    while (j + tied < n && negative[j + tied] === v) tied++
    wins += run * (below + tied / 2)
    i += run
  }
  return wins / (p * n)
}

/** The distinct values of a sorted array, where each first occurs, and the average (1-based) rank each holds. */
export interface RankTable {
  values: Float64Array
  /** 0-based position of each value's first occurrence: how many values are smaller. */
  starts: Int32Array
  ranks: Float64Array
  /** How many values were ranked. */
  total: number
}

/** Distinct values of ascending `sorted` (no NaN) with their positions and average ranks. */
export function rankTable(sorted: Float64Array): RankTable {
  let distinct = 0
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++
  const values = new Float64Array(distinct), starts = new Int32Array(distinct), ranks = new Float64Array(distinct)
  let k = 0
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1
    while (end < sorted.length && sorted[end] === sorted[start]) end++
    values[k] = sorted[start]
    starts[k] = start
    // Ranks start..end−1 (0-based) average to (start + end − 1) / 2, plus 1 for 1-based.
    ranks[k++] = (start + end + 1) / 2
    start = end
  }
  return { values, starts, ranks, total: sorted.length }
}

/** The index of `v` among `table`'s distinct values; `v` must be one of them. */
export function indexOfValue(table: RankTable, v: number): number {
  const values = table.values
  let lo = 0, hi = values.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (values[mid] < v) lo = mid + 1
    else hi = mid
  }
  if (values[lo] !== v) throw new Error(`ranks: value ${v} is not in the ranked values`)
  return lo
}

/** The average rank of `v` in `table`; `v` must be one of its values. */
export function rankOf(table: RankTable, v: number): number {
  return table.ranks[indexOfValue(table, v)]
}

/**
 * Spearman's correlation from `keys` (one variable, any order) and `centred`
 * (the other variable's ranks among the same rows minus their mean (m + 1)/2,
 * in the same order). Sorts both arrays by key, then ranks the keys run by
 * run, so no per-row rank lookup is needed. Null when either side is constant
 * or there are fewer than 3 rows.
 */
export function spearmanFromRanks(keys: Float64Array, centred: Float64Array, keyScratch?: Float64Array, payloadScratch?: Float64Array): number | null {
  const m = keys.length
  if (m < 3) return null
  sortNumbersWith(keys, centred, keyScratch, payloadScratch)
  let sxy = 0, sxx = 0, syy = 0
  for (let start = 0; start < m; ) {
    let end = start + 1, run = centred[start]
    syy += centred[start] * centred[start]
    while (end < m && keys[end] === keys[start]) {
      run += centred[end]
      syy += centred[end] * centred[end]
      end++
    }
    // The run's average rank (start + end + 1)/2, centred on (m + 1)/2.
    const cx = (start + end - m) / 2
    sxy += cx * run
    sxx += cx * cx * (end - start)
    start = end
  }
  if (!(sxx > 0) || !(syy > 0)) return null
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)))
}

/** Accumulates Pearson's r one pair at a time (Welford-style, so large ranks do not cancel). */
export class PearsonAccumulator {
  private n = 0
  private mx = 0
  private my = 0
  private cxx = 0
  private cyy = 0
  private cxy = 0

  /** Pairs added so far. */
  get count(): number {
    return this.n
  }

  /** Adds the pair (x, y). */
  add(x: number, y: number): void {
    this.n++
    const dx = x - this.mx
    this.mx += dx / this.n
    const dy = y - this.my
    this.my += dy / this.n
    this.cxx += dx * (x - this.mx)
    this.cyy += dy * (y - this.my)
    this.cxy += dx * (y - this.my)
  }

  /** Pearson's r of the pairs added; null with fewer than 3 pairs or no variation on a side. */
  result(): number | null {
    if (this.n < 3 || !(this.cxx > 0) || !(this.cyy > 0)) return null
    return Math.max(-1, Math.min(1, this.cxy / Math.sqrt(this.cxx * this.cyy)))
  }
}
