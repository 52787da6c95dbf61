import { quantileSorted } from '../table/stats/quantiles'
import { sortNumbers } from '../table/stats/sort-numbers'
import type { Column } from '../types'
import type { ReferenceColumn, ReferenceScores } from './bundle'

/**
 * Reference statistics of the training rows, kept in the bundle so a server
 * can tell when the records it scores drift away from what the model learned
 * from. Numbers: missing share, min/max and a histogram over quantile bins of
 * the training values (equal counts per bin, so drift shows as unequal counts
 * — the binning population-stability measures use). Categories: missing share
 * and the most frequent values' shares. Scores: the predicted distribution on
 * held-out rows over fixed probability bins.
 */

/** Quantile bins of a numeric reference histogram. */
export const REFERENCE_BINS = 10
/** Categories listed per column; the rest are summed in otherShare. */
export const REFERENCE_TOP_CATEGORIES = 20
/** Equal-width bins of predicted probabilities in [0, 1]. */
export const SCORE_BINS = 20

/** Numbers with at most this many distinct values also list each value's share (`values`): 0/1 flags, scores, counts. */
export const REFERENCE_MAX_VALUES = REFERENCE_TOP_CATEGORIES

/** Statistics of one column's values over `rows` positions (all when omitted). */
export function referenceColumn(name: string, column: Column, rows?: ArrayLike<number>): ReferenceColumn {
  const n = rows ? rows.length : column.type === 'number' ? column.values.length : column.codes.length
  const at = (i: number): number => (rows ? rows[i] : i)
  if (column.type === 'number') {
    const present = new Float64Array(n)
    let m = 0
    for (let i = 0; i < n; i++) {
      const v = column.values[at(i)]
      if (Number.isFinite(v)) present[m++] = v
    }
    return numberReference(name, sortNumbers(present.slice(0, m)), n)
  }
  const counts = new Int32Array(column.levels.length)
  for (let i = 0; i < n; i++) {
    const code = column.codes[at(i)]
    if (code >= 0) counts[code]++
  }
  return categoryReference(name, column.levels, counts, n)
}

/**
 * A numeric column's statistics from its present values sorted ascending
 * (`rows` counts the missing ones too): min/max, the quantile histogram,
 * the population mean and standard deviation (ddof 0, what drift's
 * Wasserstein distance is divided by), and each value's share when there are
 * at most REFERENCE_MAX_VALUES distinct values. Drift computes a dataset
 * reference through this very function, so a bundle and its training file
 * give the same bins.
 */
export function numberReference(name: string, sorted: Float64Array, rows: number): ReferenceColumn {
  const out: ReferenceColumn = { name, type: 'number', missingShare: share(rows - sorted.length, rows) }
  const m = sorted.length
  if (m === 0) return out
  let sum = 0
  for (let i = 0; i < m; i++) sum += sorted[i]
  const mean = sum / m
  let squares = 0
  for (let i = 0; i < m; i++) squares += (sorted[i] - mean) * (sorted[i] - mean)
  const values: { value: number; share: number }[] = []
  for (let i = 0; i < m && values.length <= REFERENCE_MAX_VALUES; ) {
    let j = i
    while (j < m && sorted[j] === sorted[i]) j++
    values.push({ value: sorted[i], share: (j - i) / m })
    i = j
  }
  return {
    ...out,
    min: sorted[0],
    max: sorted[m - 1],
    histogram: quantileHistogram(sorted, REFERENCE_BINS),
    mean,
    std: Math.sqrt(squares / m),
    ...(values.length <= REFERENCE_MAX_VALUES ? { values } : {}),
  }
}

/**
 * A category column's statistics from the count per level (`rows` counts the
 * missing ones too): the REFERENCE_TOP_CATEGORIES most frequent values (ties
 * by text) and the share of the rest.
 */
export function categoryReference(name: string, levels: readonly string[], counts: ArrayLike<number>, rows: number): ReferenceColumn {
  let present = 0
  for (let code = 0; code < levels.length; code++) present += counts[code]
  const order = levels.map((_, code) => code).filter((code) => counts[code] > 0)
  order.sort((a, b) => counts[b] - counts[a] || (levels[a] < levels[b] ? -1 : levels[a] > levels[b] ? 1 : 0))
  const top = order.slice(0, REFERENCE_TOP_CATEGORIES)
  const listed = top.reduce((sum, code) => sum + counts[code], 0)
  return {
    name,
    type: 'category',
    missingShare: share(rows - present, rows),
    frequencies: top.map((code) => ({ value: levels[code], share: share(counts[code], present) })),
    otherShare: share(present - listed, present),
  }
}

/** A histogram of ascending `sorted` values over `bins` quantile bins (edges distinct; the last bin includes its upper edge). */
export function quantileHistogram(sorted: ArrayLike<number>, bins: number): { edges: number[]; counts: number[] } {
  const edges: number[] = []
  for (let k = 0; k <= bins; k++) {
    const q = quantileSorted(sorted, k / bins)
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q)
  }
  if (edges.length === 1) return { edges: [edges[0], edges[0]], counts: [sorted.length] }
  return { edges, counts: binCounts(sorted, edges) }
}

/** Counts of `values` per bin [edges[j], edges[j+1]); the last bin is closed; values outside go to the end bins. */
export function binCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array(edges.length - 1).fill(0)
  for (let i = 0; i < values.length; i++) counts[binOf(values[i], edges)]++
  return counts
}

/** The bin of `v` over `edges` (binary search): the largest j with edges[j] ≤ v, clamped into the bins. */
export function binOf(v: number, edges: readonly number[]): number {
  let lo = 0
  let hi = edges.length - 2
  // The largest j with edges[j] <= v, clamped into the bins.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (edges[mid] <= v) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Equal-width probability edges 0, 1/SCORE_BINS, …, 1. */
function probabilityEdges(): number[] {
  return Array.from({ length: SCORE_BINS + 1 }, (_, k) => k / SCORE_BINS)
}

/**
 * The distribution of predicted scores: binary — the positive class's
 * probability; multiclass — each class's predicted share and probability
 * histogram; regression — predicted values over quantile bins.
 * `output` is rows × classes probabilities, or the values.
 */
export function referenceScores(task: 'binary' | 'multiclass' | 'regression', labels: readonly string[], output: Float64Array, source: ReferenceScores['source']): ReferenceScores {
  if (task === 'regression') {
    const finite = Array.from(output).filter((v) => Number.isFinite(v))
    const sorted = Float64Array.from(finite).sort()
    const rows = output.length
    return sorted.length === 0 ? { rows, source, edges: [], counts: [] } : { rows, source, ...quantileHistogram(sorted, REFERENCE_BINS) }
  }
  const k = labels.length
  const rows = output.length / k
  const edges = probabilityEdges()
  const column = (c: number): Float64Array => {
    const out = new Float64Array(rows)
    for (let i = 0; i < rows; i++) out[i] = output[i * k + c]
    return out
  }
  if (task === 'binary') return { rows, source, edges, counts: binCounts(column(1), edges) }
  const predicted = new Int32Array(k)
  for (let i = 0; i < rows; i++) {
    let best = 0
    for (let c = 1; c < k; c++) if (output[i * k + c] > output[i * k + best]) best = c
    predicted[best]++
  }
  return { rows, source, classes: labels.map((label, c) => ({ label, share: share(predicted[c], rows), edges, counts: binCounts(column(c), edges) })) }
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}
