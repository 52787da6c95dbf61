/**
 * The summary line of a numeric column, computed from its sorted present
 * values so the quartiles come free with the sort the profile does anyway.
 */
import { quartilesSorted } from './quantiles'

/** Summary statistics of present values; quartiles as numpy's linear method, std with n − 1 (pandas' describe). */
export interface NumericSummary {
  min: number
  q1: number
  median: number
  q3: number
  max: number
  mean: number
  std: number
}

/**
 * Summarises ascending `sorted` numbers (no NaN), or undefined when there are
 * none. `sum` is their sum when the caller already has it (the profile sums in
 * row order); otherwise it is computed here.
 */
export function summarizeSorted(sorted: Float64Array, sum?: number): NumericSummary | undefined {
  const n = sorted.length
  if (n === 0) return undefined
  let total = sum
  if (total === undefined) {
    total = 0
    for (let i = 0; i < n; i++) total += sorted[i]
  }
  const mean = total / n
  // Two passes (mean, then squared deviations) rather than Σx² − n·mean², which cancels badly.
  let squares = 0
  for (let i = 0; i < n; i++) squares += (sorted[i] - mean) * (sorted[i] - mean)
  const [q1, median, q3] = quartilesSorted(sorted)
  return { min: sorted[0], q1, median, q3, max: sorted[n - 1], mean, std: n > 1 ? Math.sqrt(squares / (n - 1)) : 0 }
}
