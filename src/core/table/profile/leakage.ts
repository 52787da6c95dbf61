/**
 * Suspected leakage: how well one column predicts the target on its own. A
 * column that does so almost perfectly is usually recorded after the outcome
 * (a treatment given to cases, a score from the diagnostic visit) or computed
 * from it, and a model trained on it is useless at the bedside.
 *
 * Scores, per task:
 * - binary: ROC AUC, the best of (a) the column's own values as the score
 *   (max(auc, 1 − auc), rows with the value present) and (b) the cross-fitted
 *   class-1 rate of its group (category level, or quantile bin of a number,
 *   with missing cells as a group; see feature-groups.ts). (b) catches
 *   categories, non-monotone numbers and values present only for cases.
 * - multiclass: macro one-vs-rest AUC of (b) with each class's rate as that
 *   class's score. (a) is not used: a monotone score cannot single out a
 *   middle class, so its one-vs-rest AUC would hide a perfect predictor.
 * - regression: |Spearman| of (a) the values (rows with both present), or
 *   Spearman of (b) the cross-fitted group mean, whichever is higher. Spearman
 *   is the correlation of ranks, i.e. how well the best monotone function of
 *   the column orders the target.
 * Identifier columns are scored on their order (the number, or the digits
 * ending a text code such as "P-0042"), which exposes rows numbered by outcome.
 *
 * AUC is computed from sorted class values by merging (aucSorted), equal to
 * metrics/classification.ts rocAuc on the same rows (the tests check), but
 * without rocAuc's comparator sort of a million indices, which takes ~0.6 s
 * per column.
 */
import type { Column, ColumnKind, Task } from '../../types'
import { categoryGroups, groupedAuc, groupedSpearman, numericGroups, type Grouping } from './feature-groups'
import { aucSorted, indexOfValue, rankTable, spearmanFromRanks, type RankTable } from '../stats/rank-stats'
import { sortNumbers } from '../stats/sort-numbers'

/** A column scoring at least this well on its own is flagged as suspected leakage (AUC or |Spearman|). */
export const LEAKAGE_THRESHOLD = 0.98
/** An identifier whose order reaches this AUC … */
export const IDENTIFIER_AUC = 0.6
/** … or this |Spearman| with the target is flagged: rows may be numbered by outcome. */
export const IDENTIFIER_SPEARMAN = 0.2
/** Below this many scored rows an identifier's correlation is too noisy to flag. */
export const MIN_IDENTIFIER_ROWS = 50

/** How well one column predicts the target on its own. */
export interface LeakageScore {
  column: string
  kind: ColumnKind
  metric: 'auc' | 'spearman'
  /** AUC (0.5 = no information, 1 = perfect) or |Spearman| (0 … 1); null when the column cannot be scored (constant or empty). */
  score: number | null
  /** Which score won: 'rank' (the values in order) or 'grouped' (cross-fitted group rates); null with no score. */
  method: 'rank' | 'grouped' | null
  /** Rows the winning score used. */
  rows: number
}

/** The target in the form the scorers read, built once for all columns by `prepareTarget`. */
export interface PreparedTarget {
  task: Task
  /** Class index (classification) or value (regression) per row; NaN where missing. */
  y: Float64Array
  classes: number
  /** Rows with a target value. */
  present: number
  /** Regression: each row's average rank among present target values (NaN where missing). */
  rank: Float64Array | null
  /** Regression: the distinct present target values with their positions and ranks. */
  table: RankTable | null
  /** Regression: per row, the index of its target value in `table` (−1 where missing). */
  valueIndex: Int32Array | null
}

/** Prepares an encoded target (train/target.ts encodeTarget) for scoring columns against it. */
export function prepareTarget(task: Task, y: Float64Array, classes: number): PreparedTarget {
  let present = 0
  for (let i = 0; i < y.length; i++) if (y[i] === y[i]) present++
  if (task !== 'regression') return { task, y, classes, present, rank: null, table: null, valueIndex: null }
  const sorted = new Float64Array(present)
  for (let i = 0, j = 0; i < y.length; i++) if (y[i] === y[i]) sorted[j++] = y[i]
  const table = rankTable(sortNumbers(sorted))
  const rank = new Float64Array(y.length), valueIndex = new Int32Array(y.length)
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== y[i]) {
      rank[i] = NaN
      valueIndex[i] = -1
      continue
    }
    const k = indexOfValue(table, y[i])
    valueIndex[i] = k
    rank[i] = table.ranks[k]
  }
  return { task, y, classes, present, rank, table, valueIndex }
}

/** Reusable buffers, each at least as long as the table, so scoring 30 columns allocates once. */
export interface ScoreScratch {
  a: Float64Array
  b: Float64Array
  c: Float64Array
  d: Float64Array
}

/** Scratch buffers for a table of `rows` rows. */
export function createScratch(rows: number): ScoreScratch {
  return { a: new Float64Array(rows), b: new Float64Array(rows), c: new Float64Array(rows), d: new Float64Array(rows) }
}

/**
 * Scores `column` (of inferred `kind`) against `target`. Constant columns
 * score null; identifiers are scored on their order (see module notes).
 */
export function scoreColumn(column: Column, kind: ColumnKind, target: PreparedTarget, scratch = createScratch(target.y.length)): LeakageScore {
  const n = target.y.length
  const length = column.type === 'number' ? column.values.length : column.codes.length
  if (length !== n) throw new Error(`leakage: column "${column.name}" has ${length} rows but the target has ${n}`)
  const metric = target.task === 'regression' ? 'spearman' : 'auc'
  const none: LeakageScore = { column: column.name, kind, metric, score: null, method: null, rows: 0 }
  if (kind === 'constant') return none

  // Numbers and identifiers (by their order) are scored on values and on bins; categories on their levels.
  const values = column.type === 'number' ? column.values : kind === 'identifier' ? identifierOrder(column) : null
  const groups: Grouping = column.type === 'category' && !values ? categoryGroups(column) : numericGroups(values as Float64Array, binsFor(target.present))

  let best: LeakageScore = none
  const consider = (score: number | null, method: 'rank' | 'grouped', rows: number): void => {
    if (score !== null && (best.score === null || score > best.score)) best = { ...none, score, method, rows }
  }
  if (target.task === 'regression') {
    if (values) {
      const { r, rows } = valueSpearman(values, target, scratch)
      consider(r === null ? null : Math.abs(r), 'rank', rows)
    }
    consider(groupedSpearman(groups, target.y, target.rank as Float64Array), 'grouped', target.present)
  } else {
    if (values && target.classes === 2) {
      const { auc, rows } = valueAuc(values, target.y, scratch)
      consider(auc === null ? null : Math.max(auc, 1 - auc), 'rank', rows)
    }
    consider(groupedAuc(groups, target.y, target.classes), 'grouped', target.present)
  }
  return best
}

/**
 * The order of an identifier as a number: the value itself for a number
 * column, else the digits ending each code ("P-0042" → 42, NaN for none), so
 * codes numbered in sequence keep their sequence.
 */
export function identifierOrder(column: Column): Float64Array {
  if (column.type === 'number') return column.values
  const byCode = new Float64Array(column.levels.length)
  column.levels.forEach((level, code) => (byCode[code] = trailingNumber(level)))
  const out = new Float64Array(column.codes.length)
  for (let i = 0; i < out.length; i++) {
    const code = column.codes[i]
    out[i] = code < 0 ? NaN : byCode[code]
  }
  return out
}

/** The last run of digits in `text` as a number (at most 15 digits, to stay exact); NaN when there is none. */
function trailingNumber(text: string): number {
  let end = text.length
  while (end > 0 && !isDigit(text.charCodeAt(end - 1))) end--
  if (end === 0) return NaN
  let start = end
  while (start > 0 && end - start < 15 && isDigit(text.charCodeAt(start - 1))) start--
  return Number(text.slice(start, end))
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** Quantile bins for grouping numbers: about 50 rows per bin, between 8 and 64 bins. */
function binsFor(rows: number): number {
  return Math.max(8, Math.min(64, Math.floor(rows / 50)))
}

/**
 * ROC AUC of the values `x` as a score for class 1 against class 0 of a binary
 * `y` (NaN where missing), over rows with both present; rocAuc's number
 * without its index sort.
 */
export function valueAuc(x: Float64Array, y: Float64Array, scratch: ScoreScratch = createScratch(y.length)): { auc: number | null; rows: number } {
  if (x.length !== y.length) throw new Error(`leakage: ${x.length} values but ${y.length} target values`)
  let p = 0, q = 0
  for (let i = 0; i < y.length; i++) {
    const v = x[i], c = y[i]
    if (v !== v || c !== c) continue
    if (c === 1) scratch.a[p++] = v
    else scratch.b[q++] = v
  }
  const positive = sortNumbers(scratch.a.subarray(0, p), scratch.c)
  const negative = sortNumbers(scratch.b.subarray(0, q), scratch.c)
  return { auc: aucSorted(positive, negative), rows: p + q }
}

/**
 * Spearman correlation of the values `x` with a regression target over rows
 * with both present (scipy.stats.spearmanr with nan_policy='omit'). The target's ranks among those rows are its precomputed ranks
 * corrected for the rows this column drops (counted per distinct target
 * value), so nothing but the column itself is sorted.
 */
export function valueSpearman(x: Float64Array, target: PreparedTarget, scratch: ScoreScratch = createScratch(target.y.length)): { r: number | null; rows: number } {
  if (x.length !== target.y.length) throw new Error(`leakage: ${x.length} values but ${target.y.length} target values`)
  if (!target.table || !target.valueIndex) throw new Error(`leakage: Spearman needs a regression target, got a ${target.task} one`)
  const table = target.table, valueIndex = target.valueIndex
  const distinct = table.values.length
  let m = 0, d = 0
  for (let i = 0; i < x.length; i++) {
    if (valueIndex[i] < 0) continue
    if (x[i] === x[i]) m++
    else d++
  }
  // droppedAt[k]: dropped rows with the k-th target value; droppedBelow[k]: dropped rows with a smaller one.
  let droppedAt: Int32Array | null = null, droppedBelow: Int32Array | null = null
  if (d > 0) {
    droppedAt = new Int32Array(distinct)
    droppedBelow = new Int32Array(distinct)
    for (let i = 0; i < x.length; i++) if (valueIndex[i] >= 0 && x[i] !== x[i]) droppedAt[valueIndex[i]]++
    for (let k = 1; k < distinct; k++) droppedBelow[k] = droppedBelow[k - 1] + droppedAt[k - 1]
  }
  const centre = (m + 1) / 2
  const keys = scratch.a.subarray(0, m), centred = scratch.b.subarray(0, m)
  for (let i = 0, j = 0; i < x.length; i++) {
    const k = valueIndex[i], v = x[i]
    if (k < 0 || v !== v) continue
    let below = table.starts[k]
    let tied = (k + 1 < distinct ? table.starts[k + 1] : table.total) - below
    if (droppedAt && droppedBelow) {
      below -= droppedBelow[k]
      tied -= droppedAt[k]
    }
    keys[j] = v
    centred[j++] = below + (tied + 1) / 2 - centre
  }
  return { r: spearmanFromRanks(keys, centred, scratch.c, scratch.d), rows: m }
}
