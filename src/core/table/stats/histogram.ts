/**
 * Histograms for the profile's small distribution charts. Bins are equal
 * width, left-closed, with the last bin also holding the maximum (numpy's
 * convention). Integer columns spanning at most MAX_BINS values get one bin
 * per integer, centred on it, so a 0–10 score reads as eleven bars rather
 * than bins straddling values.
 */

/** Bin edges (one more than counts) and the number of values in each bin. */
export interface Histogram {
  edges: number[]
  counts: number[]
}

/** At most this many bins: enough for shape, few enough for a thumbnail chart. */
export const MAX_BINS = 30

/**
 * Bin edges for values spanning [min, max] with `distinct` different values:
 * one bin per integer when `integers` and the range spans ≤ MAX_BINS integers,
 * else min(MAX_BINS, distinct) equal-width bins. A single value gets one bin
 * of width 1 around it; no values give no bins.
 */
export function histogramEdges(min: number, max: number, distinct: number, integers: boolean): number[] {
  if (distinct === 0) return []
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) throw new Error(`histogram: bad value range [${min}, ${max}]`)
  if (min === max) return [min - 0.5, max + 0.5]
  if (integers && max - min + 1 <= MAX_BINS) {
    const edges: number[] = []
    for (let v = min; v <= max + 1; v++) edges.push(v - 0.5)
    return edges
  }
  const bins = Math.max(1, Math.min(MAX_BINS, distinct))
  const edges: number[] = []
  for (let i = 0; i < bins; i++) edges.push(min + ((max - min) * i) / bins)
  edges.push(max)
  return edges
}

/** Counts ascending `sorted` numbers (no NaN) into the bins `edges` delimit, in one walk. */
export function histogramSorted(sorted: ArrayLike<number>, edges: number[]): Histogram {
  const bins = Math.max(0, edges.length - 1)
  const counts = new Array<number>(bins).fill(0)
  let b = 0
  for (let i = 0; i < sorted.length && bins > 0; i++) {
    const v = sorted[i]
    while (b < bins - 1 && v >= edges[b + 1]) b++
    counts[b]++
  }
  return { edges, counts }
}

/** A histogram of the present values of `sorted` (ascending, no NaN), with edges chosen by `histogramEdges`. */
export function histogramOf(sorted: Float64Array): Histogram {
  const n = sorted.length
  if (n === 0) return { edges: [], counts: [] }
  let distinct = 0, integers = true
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++
    if (integers && !Number.isInteger(sorted[i])) integers = false
  }
  return histogramSorted(sorted, histogramEdges(sorted[0], sorted[n - 1], distinct, integers))
}
