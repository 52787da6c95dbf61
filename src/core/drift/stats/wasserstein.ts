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
 * than the rows. What the bins do not say — how the reference's rows lie
 * inside each bin — is taken from the current rows in that bin (evenly spread
 * when the current has none there): without drift the two agree, so the
 * distance is near 0 whatever the bin widths, and drift shows as moved mass
 * between bins plus the exact distance of current values beyond the
 * reference's range. Against the exact distance on the training rows (tests
 * in tests/unit/core/drift/column-drift.test.ts): within ~5% for shifts,
 * 10–20% low for changes of spread (some of which stays inside the wide tail
 * bins). Bins are [e_k, e_k+1), the last closed, as binCounts; a one-value
 * histogram (edges [v, v]) is a point mass at v, compared exactly.
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
  // Below the range: F_ref = 0 and F_cur steps up at each v < lo, so ∫ = Σ (lo − v) / n.
  let i = 0
  while (i < n && sorted[i] < lo) sum += (lo - sorted[i++]) / n
  let refCum = 0
  let curCum = i
  for (let k = 0; k < bins; k++) {
    const a = edges[k]
    const b = edges[k + 1]
    const last = k === bins - 1
    let j = i
    while (j < n && (sorted[j] < b || (last && sorted[j] === b))) j++
    const m = j - i
    const r0 = refCum / total - curCum / n
    const dr = refCounts[k] / total
    if (m === 0) {
      // No current row here: the reference's mass spread evenly, F_cur flat.
      sum += integrateAbsLinear(r0, r0 + dr, b - a)
    } else {
      // Both CDFs rise in step with the current rows here: F_ref − F_cur = r0 + (dr − m/n)·t/m after t of them.
      const slope = dr - m / n
      let x = a
      for (let t = 0; t <= m; t++) {
        const next = t < m ? sorted[i + t] : b
        const gap = r0 + (slope * t) / m
        sum += (gap < 0 ? -gap : gap) * (next - x)
        x = next
      }
    }
    refCum += refCounts[k]
    curCum += m
    i = j
  }
  // Above the range: F_ref = 1, so ∫ (1 − F_cur) = Σ (v − hi) / n.
  for (; i < n; i++) sum += (sorted[i] - hi) / n
  return sum
}

/** ∫₀^w |r0 + (r1 − r0)·s/w| ds. */
function integrateAbsLinear(r0: number, r1: number, w: number): number {
  if (w <= 0) return 0
  if ((r0 >= 0 && r1 >= 0) || (r0 <= 0 && r1 <= 0)) return (Math.abs(r0 + r1) * w) / 2
  const s = (w * r0) / (r0 - r1) // where the sign changes
  return (Math.abs(r0) * s + Math.abs(r1) * (w - s)) / 2
}
