import { sortNumbers } from '../../table/stats/sort-numbers'

/**
 * The Wasserstein-1 distance between two samples, as
 * scipy.stats.wasserstein_distance(a, b) without weights: the area between
 * the two ECDFs, Σ |F_a(x_k) − F_b(x_k)|·(x_{k+1} − x_k) over the pooled sorted
 * values. One merged walk over the two sorted samples, O(n1 + n2) after the
 * sorts. Inputs: present values only, at least one each.
 */
export function wassersteinDistance(a: Float64Array, b: Float64Array): number {
  return wassersteinSorted(sortNumbers(Float64Array.from(a)), sortNumbers(Float64Array.from(b)))
}

/**
 * wassersteinDistance for samples already sorted ascending (no NaN): one
 * merged walk, element by element; between consecutive pooled values the
 * ECDF gap is |i·n2 − j·n1| / (n1·n2) with i, j the values consumed so far
 * (exact integers; one division at the end). Equal values give zero-width
 * steps, so ties need no special case.
 */
export function wassersteinSorted(sa: Float64Array, sb: Float64Array): number {
  const n1 = sa.length
  const n2 = sb.length
  if (n1 === 0 || n2 === 0) throw new Error('wassersteinDistance: both samples need at least one value')
  let i = 0
  let j = 0
  let sum = 0
  let prev = sa[0] < sb[0] ? sa[0] : sb[0]
  while (i < n1 && j < n2) {
    const a = sa[i]
    const b = sb[j]
    const v = a <= b ? a : b
    const gap = i * n2 - j * n1
    sum += (gap < 0 ? -gap : gap) * (v - prev)
    if (a <= b) i++
    else j++
    prev = v
  }
  // One side is used up: the gap then closes linearly over the rest of the other side.
  while (i < n1) {
    const v = sa[i]
    const gap = i * n2 - j * n1
    sum += (gap < 0 ? -gap : gap) * (v - prev)
    i++
    prev = v
  }
  while (j < n2) {
    const v = sb[j]
    const gap = i * n2 - j * n1
    sum += (gap < 0 ? -gap : gap) * (v - prev)
    j++
    prev = v
  }
  return sum / n1 / n2
}

/**
 * The Wasserstein-1 distance between a binned reference and a current sample,
 * for a bundle, which keeps a quantile histogram of the training rows rather
 * than the rows. Like is compared with like: inside the reference's range
 * [edges[0], edges[B]] both sides are taken as spread evenly within each bin
 * (the reference by its counts, the current by its own counts over the same
 * bins, [e_k, e_k+1) with the last bin closed), so a current sample from the
 * training distribution scores near 0 whatever the bin widths; outside that
 * range the current values are kept exactly (a shift past the training range
 * counts in full). Both CDFs are then piecewise linear between the edges and
 * ∫ |F_ref − F_cur| is summed in closed form. A one-value histogram
 * (edges [v, v]) is a point mass at v, compared exactly.
 */
export function wassersteinBinned(edges: readonly number[], refCounts: readonly number[], sorted: Float64Array): number {
  const bins = refCounts.length
  const n = sorted.length
  const total = refCounts.reduce((s, c) => s + c, 0)
  if (!(total > 0) || n === 0 || edges.length !== bins + 1) throw new Error('wassersteinBinned: both sides need at least one value')
  const lo = edges[0]
  const hi = edges[bins]
  if (!(hi > lo)) return wassersteinSorted(Float64Array.of(lo), sorted)
  let sum = 0
  // Below the range: F_ref = 0, F_cur steps up at each value v < lo: ∫ = Σ (lo − v)/n.
  let i = 0
  while (i < n && sorted[i] < lo) sum += (lo - sorted[i++]) / n
  const below = i
  // Inside: current counts per bin over the same edges.
  const cur = new Float64Array(bins)
  while (i < n && sorted[i] <= hi) {
    let k = 0
    // Binary search: the largest k < bins with edges[k] ≤ v.
    let a = 0
    let b = bins - 1
    const v = sorted[i]
    while (a < b) {
      const mid = (a + b + 1) >> 1
      if (edges[mid] <= v) a = mid
      else b = mid - 1
    }
    k = a
    cur[k]++
    i++
  }
  // Above the range: F_ref = 1, ∫ (1 − F_cur) = Σ (v − hi)/n.
  for (let j = i; j < n; j++) sum += (sorted[j] - hi) / n
  let refCum = 0
  let curCum = below
  for (let k = 0; k < bins; k++) {
    const r0 = refCum / total - curCum / n
    refCum += refCounts[k]
    curCum += cur[k]
    const r1 = refCum / total - curCum / n
    sum += integrateAbsLinear(r0, r1, edges[k + 1] - edges[k])
  }
  return sum
}

/** ∫₀^w |r0 + (r1 − r0)·s/w| ds. */
function integrateAbsLinear(r0: number, r1: number, w: number): number {
  if (w <= 0) return 0
  if ((r0 >= 0 && r1 >= 0) || (r0 <= 0 && r1 <= 0)) return (Math.abs(r0 + r1) * w) / 2
  const s = (w * r0) / (r0 - r1) // where the sign changes
  return (Math.abs(r0) * s + Math.abs(r1) * (w - s)) / 2
}
