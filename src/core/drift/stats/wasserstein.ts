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

/** wassersteinDistance for samples already sorted ascending (no NaN). */
export function wassersteinSorted(sa: Float64Array, sb: Float64Array): number {
  const n1 = sa.length
  const n2 = sb.length
  if (n1 === 0 || n2 === 0) throw new Error('wassersteinDistance: both samples need at least one value')
  let i = 0
  let j = 0
  let sum = 0
  let x = sa[0] <= sb[0] ? sa[0] : sb[0]
  while (i < n1 || j < n2) {
    while (i < n1 && sa[i] <= x) i++
    while (j < n2 && sb[j] <= x) j++
    if (i >= n1 && j >= n2) break
    const next = j >= n2 || (i < n1 && sa[i] <= sb[j]) ? sa[i] : sb[j]
    sum += Math.abs(i / n1 - j / n2) * (next - x)
    x = next
  }
  return sum
}

/**
 * The Wasserstein-1 distance between a piecewise-uniform histogram (a bundle's
 * reference: `counts` per bin [edges[k], edges[k+1]] with ascending distinct
 * edges, mass spread evenly inside each bin) and a sorted sample:
 * ∫ |F_ref(x) − F_cur(x)| dx, integrated exactly. Between consecutive
 * breakpoints (edges and sample values) F_cur is constant and F_ref linear,
 * so each piece is |linear| integrated in closed form. A one-value histogram
 * (edges [v, v]) is a point mass at v.
 */
export function wassersteinHistogramSorted(edges: readonly number[], counts: readonly number[], sb: Float64Array): number {
  const bins = counts.length
  const total = counts.reduce((s, c) => s + c, 0)
  const n2 = sb.length
  if (!(total > 0) || n2 === 0 || edges.length !== bins + 1) throw new Error('wassersteinHistogram: both sides need at least one value')
  if (edges[bins] <= edges[0]) return wassersteinSorted(Float64Array.of(edges[0]), sb)
  const cum = new Float64Array(bins + 1)
  for (let k = 0; k < bins; k++) cum[k + 1] = cum[k] + counts[k]
  // F_ref at t inside bin k (edges[k] ≤ t ≤ edges[k+1]).
  const fRef = (t: number, k: number): number => (cum[k] + (counts[k] * (t - edges[k])) / (edges[k + 1] - edges[k])) / total
  let sum = 0
  let e = 0 // edges ≤ x
  let j = 0 // sample values ≤ x
  let x = Math.min(edges[0], sb[0])
  for (;;) {
    while (e <= bins && edges[e] <= x) e++
    while (j < n2 && sb[j] <= x) j++
    const next = Math.min(e <= bins ? edges[e] : Infinity, j < n2 ? sb[j] : Infinity)
    if (next === Infinity) break
    const c = j / n2
    let r0: number, r1: number
    if (e === 0) r0 = r1 = -c // left of the histogram: F_ref = 0
    else if (e > bins) r0 = r1 = 1 - c // right of it: F_ref = 1
    else {
      r0 = fRef(x, e - 1) - c
      r1 = fRef(next, e - 1) - c
    }
    sum += integrateAbsLinear(r0, r1, next - x)
    x = next
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
