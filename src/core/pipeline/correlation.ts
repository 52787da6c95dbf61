import type { NumericColumn } from '../types'

/**
 * Most training rows the correlation filter reads. Above this it uses this
 * many evenly spaced training rows: pairwise correlation costs rows × pairs,
 * and at 10⁵ rows an estimated r is within about ±0.002 of the full-data value
 * for strongly correlated pairs — far finer than any threshold a person sets.
 */
export const CORRELATION_ROWS = 100_000

/** A feature the correlation filter dropped, and the earlier kept feature it correlated with. */
export interface CorrelationDrop {
  name: string
  partner: string
  r: number
}

/**
 * Walks `columns` in order and drops one whose |Pearson r| with an earlier
 * kept column exceeds `threshold`; the earlier column wins and a dropped column
 * causes no further drops. Rows missing in either column of a pair are skipped
 * for that pair. Returns the kept columns, the drops and the rows read.
 */
export function correlationFilter(columns: readonly NumericColumn[], threshold: number): { kept: NumericColumn[]; dropped: CorrelationDrop[]; rowsRead: number } {
  const n = columns.length === 0 ? 0 : columns[0].values.length
  const sample = sampleRows(n)
  const kept: NumericColumn[] = []
  const keptData: Centred[] = []
  const dropped: CorrelationDrop[] = []
  for (const column of columns) {
    const data = centred(column.values, sample)
    let drop: CorrelationDrop | null = null
    for (let i = 0; i < kept.length && !drop; i++) {
      const r = centredCorrelation(keptData[i], data)
      if (Math.abs(r) > threshold) drop = { name: column.name, partner: kept[i].name, r }
    }
    if (drop) dropped.push(drop)
    else {
      kept.push(column)
      keptData.push(data)
    }
  }
  return { kept, dropped, rowsRead: sample ? sample.length : n }
}

/** Evenly spaced row indices when there are more than CORRELATION_ROWS rows; null = all rows. */
function sampleRows(n: number): Int32Array | null {
  if (n <= CORRELATION_ROWS) return null
  return Int32Array.from({ length: CORRELATION_ROWS }, (_, k) => Math.floor((k * n) / CORRELATION_ROWS))
}

/** A column's (sampled) values minus their mean, with its sum of squares when no value is missing. */
interface Centred {
  values: Float64Array
  /** Σ values² when complete; NaN when some value is missing (then pairs go through pearson). */
  sumSquares: number
}

function centred(source: Float64Array, sample: Int32Array | null): Centred {
  const values = sample ? Float64Array.from(sample, (i) => source[i]) : Float64Array.from(source)
  let count = 0, sum = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v - v === 0) {
      count++
      sum += v
    }
  }
  const mean = count > 0 ? sum / count : 0
  let sumSquares = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i] - mean
    values[i] = v - v === 0 ? v : NaN
    sumSquares += v * v
  }
  return { values, sumSquares: count === values.length ? sumSquares : NaN }
}

function centredCorrelation(a: Centred, b: Centred): number {
  if (Number.isNaN(a.sumSquares) || Number.isNaN(b.sumSquares)) return pearson(a.values, b.values, 0, 0)
  // Both complete: one dot product, the common case after imputation.
  if (!(a.sumSquares > 0 && b.sumSquares > 0)) return 0
  let dot = 0
  const x = a.values, y = b.values
  for (let i = 0; i < x.length; i++) dot += x[i] * y[i]
  return Math.max(-1, Math.min(1, dot / Math.sqrt(a.sumSquares * b.sumSquares)))
}

/**
 * Pearson correlation of two columns over the rows where both are present.
 * Sums run on values shifted by each column's overall mean, which keeps the
 * one-pass formula accurate (no cancellation of large squared sums) while the
 * pairwise mean correction handles rows that only one column has. A column
 * without spread correlates with nothing (0).
 */
export function pearson(x: Float64Array, y: Float64Array, xShift: number, yShift: number): number {
  let n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0
  for (let i = 0; i < x.length; i++) {
    const a = x[i] - xShift
    const b = y[i] - yShift
    if (a - a !== 0 || b - b !== 0) continue
    n++
    sx += a
    sy += b
    sxx += a * a
    syy += b * b
    sxy += a * b
  }
  if (n < 2) return 0
  const cov = sxy - (sx * sy) / n
  const vx = sxx - (sx * sx) / n
  const vy = syy - (sy * sy) / n
  if (!(vx > 0 && vy > 0)) return 0
  const r = cov / Math.sqrt(vx * vy)
  return Math.max(-1, Math.min(1, r))
}
