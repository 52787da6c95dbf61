/**
 * Pearson correlations between numeric columns, pairwise-complete: each pair
 * uses the rows where both cells are present (pandas' `DataFrame.corr()`), so
 * one sparse column does not shrink every other pair.
 *
 * The work is pairs × rows, so the matrix is capped at MAX_CORRELATION_COLUMNS
 * columns (1,770 pairs); past the cap the columns with the most present
 * values are kept. Rows are processed in blocks that fit in cache, with every
 * pair's sums accumulated per block, so each column is read from memory once
 * per block instead of once per pair.
 */
import type { NumericColumn } from '../../types'

/** At most this many columns enter the matrix; the rest are listed as omitted. */
export const MAX_CORRELATION_COLUMNS = 60

/** Pairs correlated more strongly than this (in absolute value) get a warning. */
export const STRONG_CORRELATION = 0.95

/** A symmetric correlation matrix; null where r is undefined (under 3 shared rows, or no variation in them). */
export interface CorrelationMatrix {
  columns: string[]
  values: (number | null)[][]
  /** Eligible columns left out because of the column cap. */
  omitted: string[]
}

/** Two columns and their correlation. */
export interface CorrelatedPair {
  a: string
  b: string
  r: number
}

const BLOCK_ROWS = 2048

/**
 * The columns that enter the correlation matrix: `eligible` (already filtered
 * to numeric, non-constant, non-identifier columns by the caller) capped at
 * `max` by most present values, ties and final order by table order.
 */
export function chooseCorrelationColumns(eligible: NumericColumn[], present: number[], max = MAX_CORRELATION_COLUMNS): { chosen: NumericColumn[]; omitted: string[] } {
  if (eligible.length !== present.length) throw new Error(`correlation: ${eligible.length} columns but ${present.length} present counts`)
  if (eligible.length <= max) return { chosen: eligible, omitted: [] }
  const order = eligible.map((_, i) => i).sort((i, j) => present[j] - present[i] || i - j)
  const keep = new Set(order.slice(0, max))
  return {
    chosen: eligible.filter((_, i) => keep.has(i)),
    omitted: eligible.filter((_, i) => !keep.has(i)).map((c) => c.name),
  }
}

/** The pairwise-complete Pearson correlation matrix of `columns` (all of equal length). */
export function correlationMatrix(columns: NumericColumn[], omitted: string[] = []): CorrelationMatrix {
  const p = columns.length
  const n = p === 0 ? 0 : columns[0].values.length
  for (const c of columns) {
    if (c.values.length !== n) throw new Error(`correlation: column "${c.name}" has ${c.values.length} rows, expected ${n}`)
  }
  // Centre on each column's own mean so the one-pass sums do not cancel catastrophically.
  const centre = columns.map((c) => meanOf(c.values))
  const pairs = (p * (p - 1)) / 2
  const count = new Float64Array(pairs), sa = new Float64Array(pairs), sb = new Float64Array(pairs)
  const saa = new Float64Array(pairs), sbb = new Float64Array(pairs), sab = new Float64Array(pairs)
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const end = Math.min(n, start + BLOCK_ROWS)
    let pair = 0
    for (let i = 0; i < p; i++) {
      const x = columns[i].values, mx = centre[i]
      for (let j = i + 1; j < p; j++, pair++) {
        const y = columns[j].values, my = centre[j]
        let k = 0, s1 = 0, s2 = 0, s11 = 0, s22 = 0, s12 = 0
        for (let r = start; r < end; r++) {
          const a = x[r] - mx, b = y[r] - my
          if (a !== a || b !== b) continue
          k++
          s1 += a
          s2 += b
          s11 += a * a
          s22 += b * b
          s12 += a * b
        }
        count[pair] += k
        sa[pair] += s1
        sb[pair] += s2
        saa[pair] += s11
        sbb[pair] += s22
        sab[pair] += s12
      }
    }
  }
  const values: (number | null)[][] = columns.map((_, i) => columns.map((__, j) => (i === j ? 1 : null)))
  let pair = 0
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++, pair++) {
      const r = pearsonFromSums(count[pair], sa[pair], sb[pair], saa[pair], sbb[pair], sab[pair])
      values[i][j] = values[j][i] = r
    }
  }
  // A column with no variation at all has no defined correlation, not even with itself.
  columns.forEach((c, i) => {
    if (!hasVariation(c.values)) values[i][i] = null
  })
  return { columns: columns.map((c) => c.name), values, omitted }
}

/** Pearson's r of `x` and `y` over rows where both are present; null when undefined. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (x.length !== y.length) throw new Error(`correlation: ${x.length} values against ${y.length}`)
  const mx = meanOf(x), my = meanOf(y)
  let k = 0, s1 = 0, s2 = 0, s11 = 0, s22 = 0, s12 = 0
  for (let r = 0; r < x.length; r++) {
    const a = x[r] - mx, b = y[r] - my
    if (a !== a || b !== b) continue
    k++
    s1 += a
    s2 += b
    s11 += a * a
    s22 += b * b
    s12 += a * b
  }
  return pearsonFromSums(k, s1, s2, s11, s22, s12)
}

/** Pairs in `matrix` with |r| > `threshold`, strongest first. */
export function strongPairs(matrix: CorrelationMatrix, threshold = STRONG_CORRELATION): CorrelatedPair[] {
  const out: CorrelatedPair[] = []
  const { columns, values } = matrix
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) {
      const r = values[i][j]
      if (r !== null && Math.abs(r) > threshold) out.push({ a: columns[i], b: columns[j], r })
    }
  }
  return out.sort((u, v) => Math.abs(v.r) - Math.abs(u.r))
}

function pearsonFromSums(k: number, s1: number, s2: number, s11: number, s22: number, s12: number): number | null {
  if (k < 3) return null
  const vx = s11 - (s1 * s1) / k, vy = s22 - (s2 * s2) / k
  // Relative tolerance: a constant pair subset leaves only rounding noise in the variance.
  if (!(vx > 1e-12 * s11) || !(vy > 1e-12 * s22)) return null
  const r = (s12 - (s1 * s2) / k) / Math.sqrt(vx * vy)
  return Math.max(-1, Math.min(1, r))
}

function meanOf(values: ArrayLike<number>): number {
  let sum = 0, k = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v === v) {
      sum += v
      k++
    }
  }
  return k === 0 ? 0 : sum / k
}

function hasVariation(values: Float64Array): boolean {
  let first = NaN
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v !== v) continue
    if (first !== first) first = v
    else if (v !== first) return true
  }
  return false
}
