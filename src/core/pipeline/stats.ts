/**
 * Summary statistics the pipeline steps learn from training rows. Every
 * function reads only finite values: NaN and ±Infinity are missing everywhere
 * in the pipeline, tested as `v - v === 0` (NaN for NaN and ±Infinity), inline
 * in hot loops. Quantiles follow numpy's default ("linear") method so
 * bounds and scales match numpy and scikit-learn to the last bit where the
 * arithmetic allows.
 */
import { valuesAtRanks } from './order-stats'

/** How many values are finite. */
export function countPresent(values: Float64Array): number {
  let count = 0
  for (let i = 0; i < values.length; i++) if (values[i] - values[i] === 0) count++
  return count
}

/** The finite values of `values`, in order, as a new array. */
export function finiteValues(values: Float64Array): Float64Array {
  const out = new Float64Array(countPresent(values))
  let k = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v - v === 0) out[k++] = v
  }
  return out
}

/** The finite values sorted ascending (typed-array sort is numeric). */
export function sortedFinite(values: Float64Array): Float64Array {
  return finiteValues(values).sort()
}

/**
 * Quantiles `qs` (each in [0, 1]) of the finite values of `values` (any order;
 * left untouched) by linear interpolation between order statistics, exactly as
 * numpy.quantile's default method, including its two-sided lerp, so results
 * agree bit for bit. Order statistics come from counts or selection, not a full
 * sort. NaN for each when there is no finite value.
 */
export function quantiles(values: Float64Array, qs: readonly number[]): number[] {
  const ranked = rankedValues(values)
  if (ranked.count === 0) return qs.map(() => NaN)
  const positions = qs.map((q) => quantilePosition(ranked.count, q))
  const at = ranked.at(positions.flatMap((p) => [p.lo, p.hi]))
  return positions.map((p, i) => lerp(at[2 * i], at[2 * i + 1], p.gamma))
}

/** Median of the finite values (any order; left untouched), as numpy.median: the middle one or the mean of the two middle ones. NaN when none. */
export function median(values: Float64Array): number {
  const ranked = rankedValues(values)
  const n = ranked.count
  if (n === 0) return NaN
  const mid = n >> 1
  if (n % 2 === 1) return ranked.at([mid])[0] + 0
  const [a, b] = ranked.at([mid - 1, mid])
  return (a + b) / 2 + 0
}

/** Columns with at most this many distinct values (flags, scores, one-hot) get their ranks from counts, without selection. */
const FEW_DISTINCT = 16

/** Finite values able to answer "which value has rank r": by counting when there are few distinct values, else by selection. */
function rankedValues(values: Float64Array): { count: number; at: (ranks: number[]) => number[] } {
  const few = fewDistinct(values)
  if (few) {
    const { levels, cumulative } = few
    const count = cumulative[cumulative.length - 1] ?? 0
    return {
      count,
      at: (ranks) => ranks.map((r) => {
        let k = 0
        while (cumulative[k] <= r) k++
        return levels[k]
      }),
    }
  }
  const present = finiteValues(values)
  return { count: present.length, at: (ranks) => valuesAtRanks(present, ranks) }
}

/** The distinct finite values, ascending, with cumulative counts; null as soon as there are more than FEW_DISTINCT. */
function fewDistinct(values: Float64Array): { levels: number[]; cumulative: number[] } | null {
  const levels: number[] = []
  const counts: number[] = []
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v - v !== 0) continue
    let k = 0
    while (k < levels.length && levels[k] !== v) k++
    if (k === levels.length) {
      if (k === FEW_DISTINCT) return null
      levels.push(v)
      counts.push(0)
    }
    counts[k]++
  }
  const order = levels.map((_, k) => k).sort((a, b) => levels[a] - levels[b])
  let total = 0
  // -0 and 0 compare equal and share a level; callers turn a -0 result into 0.
  return { levels: order.map((k) => levels[k]), cumulative: order.map((k) => (total += counts[k])) }
}

/** numpy's "linear" method: position (n − 1)·q, between ranks lo and hi with weight gamma. */
function quantilePosition(n: number, q: number): { lo: number; hi: number; gamma: number } {
  const position = (n - 1) * q
  const lo = Math.floor(position)
  return { lo, hi: Math.min(lo + 1, n - 1), gamma: position - lo }
}

/** numpy's _lerp: interpolates from the nearer end to stay monotone; "+ 0" turns -0 into 0 so JSON keeps it. */
function lerp(a: number, b: number, gamma: number): number {
  const diff = b - a
  return (gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma) + 0
}

/** The most frequent of ascending `sorted` values; ties go to the smallest, as scikit-learn's SimpleImputer. NaN when empty. */
export function modeSorted(sorted: Float64Array): number {
  let best = NaN
  let bestCount = 0
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1
    while (j < sorted.length && sorted[j] === sorted[i]) j++
    if (j - i > bestCount) {
      bestCount = j - i
      best = sorted[i]
    }
    i = j
  }
  return best + 0
}

/** Count, mean and population standard deviation (ddof 0) of the finite values, by two passes for accuracy. */
export function meanAndStd(values: Float64Array): { count: number; mean: number; std: number } {
  let count = 0
  let sum = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v - v === 0) {
      count++
      sum += v
    }
  }
  if (count === 0) return { count, mean: NaN, std: NaN }
  const mean = sum / count
  let m2 = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v - v === 0) m2 += (v - mean) * (v - mean)
  }
  return { count, mean: mean + 0, std: Math.sqrt(m2 / count) }
}

/** Smallest and largest finite value; NaN for both when there is none. */
export function minMax(values: Float64Array): { min: number; max: number } {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v - v !== 0) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  return min > max ? { min: NaN, max: NaN } : { min: min + 0, max: max + 0 }
}
