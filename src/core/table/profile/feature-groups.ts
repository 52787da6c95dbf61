/**
 * Single-column predictiveness by groups: a column is cut into groups
 * (category levels, or quantile bins of a number; missing cells form a group
 * of their own), every group is scored by the target in it (class-c rate,
 * or mean value), and the score is judged against the target with AUC or
 * Spearman. This catches what a monotone rank score misses: a category that
 * names the outcome, a middle class, a value recorded only for cases (missing
 * for everyone else).
 *
 * Scores are cross-fitted: rows are split into two folds by a hash of the row
 * index (not by parity, which periodic files such as alternating visits would
 * line up with), and each fold's groups are scored from the OTHER fold.
 * In-sample rates would give a unique identifier a perfect score (every
 * one-row group is pure); cross-fitted, a group never seen in the other fold
 * gets the overall rate and tells nothing. Rates are shrunk towards the other
 * fold's overall rate with a prior weight of one row, so a big pure group
 * outranks a small one. AUC and Spearman are then taken within each fold and
 * pooled, since the two folds are scored by different data.
 */
import type { CategoryColumn } from '../../types'
import { PearsonAccumulator } from '../stats/rank-stats'
import { codeCounts } from '../stats/value-counts'

/** Rows assigned to groups 0 … count − 1 (−1 where the row is left out). */
export interface Grouping {
  group: Int32Array
  count: number
}

/** At most this many category levels get a group of their own; the rarer rest share one. */
export const MAX_LEVEL_GROUPS = 4096
/** Rows of sample the quantile bin edges are taken from. */
const EDGE_SAMPLE = 10_000
/** Weight, in rows, of the overall rate a group's rate is shrunk towards. */
const PRIOR_ROWS = 1

/**
 * Quantile bins of a numeric column: one group per distinct value when there
 * are at most `bins` (as seen in a strided sample), else `bins` bins of about
 * equal rows cut at sample quantiles. Missing cells form the last group.
 */
export function numericGroups(values: Float64Array, bins: number): Grouping {
  if (!(bins >= 1)) throw new Error(`groups: bins must be at least 1, got ${bins}`)
  const n = values.length
  const stride = Math.max(1, Math.floor(n / EDGE_SAMPLE))
  const sample: number[] = []
  for (let i = 0; i < n; i += stride) if (values[i] === values[i]) sample.push(values[i])
  sample.sort((a, b) => a - b)
  const distinct = sample.filter((v, i) => i === 0 || v !== sample[i - 1])
  // A row's group is the number of cut points at or below its value.
  let cuts: number[]
  if (distinct.length <= bins) cuts = distinct.slice(1)
  else {
    cuts = []
    for (let j = 1; j < bins; j++) {
      const cut = sample[Math.floor((j * sample.length) / bins)]
      if (cut > sample[0] && cut !== cuts[cuts.length - 1]) cuts.push(cut)
    }
  }
  const missingGroup = cuts.length + 1
  const group = new Int32Array(n)
  const locate = cutLocator(cuts)
  for (let i = 0; i < n; i++) {
    const v = values[i]
    group[i] = v !== v ? missingGroup : locate(v)
  }
  return { group, count: missingGroup + 1 }
}

/** Cells in the lookup grid of `cutLocator`; a few per cut keeps the final scan to a step or two. */
const GRID_CELLS = 1024

/**
 * A function giving the number of `cuts` (ascending) at or below a value. A
 * binary search per row mispredicts a branch at every level; instead a uniform
 * grid over the cuts' range gives the count at each cell's left edge, and a
 * short forward scan finishes (cuts are quantiles, so they spread over cells).
 */
function cutLocator(cuts: number[]): (v: number) => number {
  const c = cuts.length
  if (c === 0) return () => 0
  const lo = cuts[0], hi = cuts[c - 1]
  if (!(hi > lo)) return (v) => (v >= lo ? c : 0)
  const scale = GRID_CELLS / (hi - lo)
  const start = new Int32Array(GRID_CELLS + 1)
  for (let cell = 0, k = 0; cell <= GRID_CELLS; cell++) {
    const edge = lo + cell / scale
    while (k < c && cuts[k] < edge) k++
    start[cell] = k
  }
  const sorted = Float64Array.from(cuts)
  return (v) => {
    if (v < lo) return 0
    if (v >= hi) return c
    let k = start[Math.min(GRID_CELLS, Math.floor((v - lo) * scale))]
    // The cell's edge may round above v; step back, then forward over cuts ≤ v.
    while (k > 0 && sorted[k - 1] > v) k--
    while (k < c && sorted[k] <= v) k++
    return k
  }
}

/**
 * Groups of a category column: each level seen in at least two rows (at most
 * MAX_LEVEL_GROUPS, the most frequent) gets its own group; levels seen once, or
 * beyond the cap, share a "rare" group; missing cells form the last group.
 * A level seen once lands in only one fold, so alone it could never be scored.
 */
export function categoryGroups(column: CategoryColumn): Grouping {
  const { counts } = codeCounts(column.codes, column.levels.length)
  let threshold = 2
  let kept = 0
  for (let code = 0; code < counts.length; code++) if (counts[code] >= threshold) kept++
  if (kept > MAX_LEVEL_GROUPS) {
    const sorted = Int32Array.from(counts).sort().reverse()
    threshold = Math.max(2, sorted[MAX_LEVEL_GROUPS - 1])
  }
  const groupOf = new Int32Array(counts.length)
  let next = 0
  for (let code = 0; code < counts.length; code++) groupOf[code] = counts[code] >= threshold && next < MAX_LEVEL_GROUPS ? next++ : -1
  const rare = next, missing = next + 1
  const group = new Int32Array(column.codes.length)
  for (let i = 0; i < group.length; i++) {
    const code = column.codes[i]
    group[i] = code < 0 ? missing : groupOf[code] < 0 ? rare : groupOf[code]
  }
  return { group, count: missing + 1 }
}

/**
 * Cross-fitted one-vs-rest ROC AUC of groups for a class target: `y` holds
 * class indices 0 … classes − 1 (NaN rows are left out). For two classes, the
 * AUC of class 1's rate; for more, the unweighted mean over classes (macro
 * one-vs-rest, as scikit-learn's roc_auc_score(multi_class='ovr')). Only
 * classes with members and non-members in both folds are scored. Null when no
 * class can be scored.
 */
export function groupedAuc(groups: Grouping, y: Float64Array, classes: number): number | null {
  if (groups.group.length !== y.length) throw new Error(`groups: ${groups.group.length} rows but ${y.length} target values`)
  const G = groups.count, K = classes
  // counts[(fold · G + g) · K + c]: rows of class c in group g of fold.
  const counts = new Float64Array(2 * G * K)
  for (let i = 0; i < y.length; i++) {
    const c = y[i]
    if (c !== c) continue
    const g = groups.group[i]
    if (g >= 0) counts[(foldOf(i) * G + g) * K + c]++
  }
  const totals = new Float64Array(2 * G), classTotals = new Float64Array(2 * K)
  for (let f = 0; f < 2; f++) {
    for (let g = 0; g < G; g++) {
      for (let c = 0; c < K; c++) {
        const k = counts[(f * G + g) * K + c]
        totals[f * G + g] += k
        classTotals[f * K + c] += k
      }
    }
  }
  const foldRows = [0, 0]
  for (let f = 0; f < 2; f++) for (let c = 0; c < K; c++) foldRows[f] += classTotals[f * K + c]
  const scoreClasses = K === 2 ? [1] : Array.from({ length: K }, (_, c) => c)
  const aucs: number[] = []
  const score = new Float64Array(2 * G), pos = new Float64Array(2 * G), neg = new Float64Array(2 * G)
  for (const c of scoreClasses) {
    // A class missing from a fold (or filling it) cannot be cross-fitted; scoring it would add a
    // meaningless 0.5 that dilutes the average (a one-row class would hide a perfect predictor).
    const scorable = [0, 1].every((f) => classTotals[f * K + c] > 0 && classTotals[f * K + c] < foldRows[f])
    if (!scorable) continue
    for (let f = 0; f < 2; f++) {
      const o = 1 - f
      const prior = foldRows[o] === 0 ? 0 : classTotals[o * K + c] / foldRows[o]
      for (let g = 0; g < G; g++) {
        const at = f * G + g
        score[at] = (counts[(o * G + g) * K + c] + PRIOR_ROWS * prior) / (totals[o * G + g] + PRIOR_ROWS)
        pos[at] = counts[at * K + c]
        neg[at] = totals[at] - pos[at]
      }
    }
    // Within each fold, then pooled: rows of one fold share the other fold's scoring, so comparing
    // across folds would mix in the folds' different overall rates (a bias below 0.5 for no signal).
    let wins = 0, pairs = 0
    for (let f = 0; f < 2; f++) {
      const fold = groupWins(score.subarray(f * G, (f + 1) * G), pos.subarray(f * G, (f + 1) * G), neg.subarray(f * G, (f + 1) * G))
      wins += fold.wins
      pairs += fold.pairs
    }
    if (pairs > 0) aucs.push(wins / pairs)
  }
  return aucs.length === 0 ? null : aucs.reduce((a, b) => a + b, 0) / aucs.length
}

/**
 * Cross-fitted Spearman correlation of groups with a numeric target: each
 * group scored by its mean target in the other fold, then ranked against the
 * target. `y` is NaN where the target is missing; `yRank` is each row's
 * average rank among the present target values (NaN where missing), computed
 * once by the caller for all columns. Null when undefined (no variation).
 */
export function groupedSpearman(groups: Grouping, y: Float64Array, yRank: Float64Array): number | null {
  if (groups.group.length !== y.length || yRank.length !== y.length) {
    throw new Error(`groups: ${groups.group.length} rows but ${y.length} target values and ${yRank.length} ranks`)
  }
  const G = groups.count
  const sums = new Float64Array(2 * G), rows = new Float64Array(2 * G)
  for (let i = 0; i < y.length; i++) {
    const v = y[i]
    const g = groups.group[i]
    if (v !== v || g < 0) continue
    const at = foldOf(i) * G + g
    sums[at] += v
    rows[at]++
  }
  const foldMean = [0, 1].map((f) => {
    let s = 0, r = 0
    for (let g = 0; g < G; g++) {
      s += sums[f * G + g]
      r += rows[f * G + g]
    }
    return r === 0 ? 0 : s / r
  })
  const score = new Float64Array(2 * G)
  for (let f = 0; f < 2; f++) {
    const o = 1 - f
    for (let g = 0; g < G; g++) score[f * G + g] = (sums[o * G + g] + PRIOR_ROWS * foldMean[o]) / (rows[o * G + g] + PRIOR_ROWS)
  }
  // Within each fold, as for AUC: rank each group's score among the fold's rows (ties merged),
  // correlate with the target's ranks, and average the folds' correlations weighted by rows.
  const scoreRank = new Float64Array(2 * G)
  for (let f = 0; f < 2; f++) {
    const order = Array.from({ length: G }, (_, g) => f * G + g).filter((k) => rows[k] > 0).sort((a, b) => score[a] - score[b])
    let before = 0
    for (let start = 0; start < order.length; ) {
      let end = start, tiedRows = 0
      while (end < order.length && score[order[end]] === score[order[start]]) tiedRows += rows[order[end++]]
      for (let t = start; t < end; t++) scoreRank[order[t]] = before + (tiedRows + 1) / 2
      before += tiedRows
      start = end
    }
  }
  const acc = [new PearsonAccumulator(), new PearsonAccumulator()]
  for (let i = 0; i < y.length; i++) {
    const g = groups.group[i]
    if (y[i] !== y[i] || g < 0) continue
    const f = foldOf(i)
    acc[f].add(scoreRank[f * G + g], yRank[i])
  }
  let total = 0, weight = 0
  for (let f = 0; f < 2; f++) {
    const r = acc[f].result()
    const foldRows = acc[f].count
    // A fold where every row scores the same has no correlation to offer: it counts as 0.
    total += (r ?? 0) * foldRows
    weight += foldRows
  }
  return weight === 0 ? null : total / weight
}

/** The fold (0 or 1) of row `i`: one bit of a MurmurHash3 finaliser of the index, so folds are balanced and unpatterned. */
export function foldOf(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) & 1
}

/** Correctly ordered (positive, negative) pairs of per-group scores, ties counted half, and all such pairs. */
function groupWins(score: Float64Array, pos: Float64Array, neg: Float64Array): { wins: number; pairs: number } {
  let P = 0, N = 0
  for (let k = 0; k < score.length; k++) {
    P += pos[k]
    N += neg[k]
  }
  const order = Array.from({ length: score.length }, (_, k) => k).filter((k) => pos[k] + neg[k] > 0).sort((a, b) => score[a] - score[b])
  let wins = 0, negBelow = 0
  for (let start = 0; start < order.length; ) {
    let end = start, p = 0, n = 0
    while (end < order.length && score[order[end]] === score[order[start]]) {
      p += pos[order[end]]
      n += neg[order[end++]]
    }
    wins += p * (negBelow + n / 2)
    negBelow += n
    start = end
  }
  return { wins, pairs: P * N }
}
