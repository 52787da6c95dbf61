import { sortNumbers } from '../../table/stats/sort-numbers'
import { kstwoSf } from './kolmogorov'

/**
 * The two-sample Kolmogorov–Smirnov test, two-sided, as
 * scipy.stats.ks_2samp(a, b) with its defaults (alternative="two-sided",
 * method="auto"; scipy 1.10, scipy/stats/_stats_py.py):
 * - D = max |F_a(x) − F_b(x)| over the pooled values, ECDFs counting values ≤ x
 *   (searchsorted side="right"), so ties are handled as scipy does;
 * - max(n1, n2) ≤ 10000 → exact: D is rounded to h / lcm(n1, n2) and the
 *   p-value counts lattice paths (Hodges; equal sizes by the closed-form
 *   alternating sum, unequal by the "inside" recursion for 1 − p that scipy
 *   takes from Viehmann 2021). The returned statistic is that rounded D, as
 *   scipy returns it. Should the count fail numerically, scipy falls back to
 *   the asymptotic branch, and so do we.
 * - otherwise asymptotic: p = kstwo.sf(D, round(n1·n2 / (n1 + n2))).
 * Inputs: present values only (no NaN), at least one each.
 */
export interface TestResult {
  statistic: number
  pValue: number
}

const MAX_AUTO_N = 10000

export function ks2samp(a: Float64Array, b: Float64Array): TestResult {
  const n1 = a.length
  const n2 = b.length
  if (n1 === 0 || n2 === 0) throw new Error('ks2samp: both samples need at least one value')
  const sa = sortNumbers(Float64Array.from(a))
  const sb = sortNumbers(Float64Array.from(b))
  return ks2sampSorted(sa, sb)
}

/** ks2samp on samples already sorted ascending (no NaN); saves the sorts when the caller has them. */
export function ks2sampSorted(sa: Float64Array, sb: Float64Array): TestResult {
  const n1 = sa.length
  const n2 = sb.length
  if (n1 === 0 || n2 === 0) throw new Error('ks2samp: both samples need at least one value')
  let d = ksStatisticSorted(sa, sb)
  const g = gcd(n1, n2)
  let prob = NaN
  let exact = Math.max(n1, n2) <= MAX_AUTO_N
  if (exact) {
    const lcm = (n1 / g) * n2
    const h = roundHalfEven(d * lcm)
    d = h / lcm
    if (h === 0) return { statistic: d, pValue: 1 }
    prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h)
    if (!(prob >= 0 && prob <= 1)) exact = false
  }
  if (!exact) {
    const m = Math.max(n1, n2)
    const n = Math.min(n1, n2)
    const en = (m * n) / (m + n)
    prob = kstwoSf(roundHalfEven(en), d)
  }
  return { statistic: d, pValue: Math.min(1, Math.max(0, prob)) }
}

/** max over the pooled values of |i/n1 − j/n2|, i and j counting values ≤ x (scipy's cdf1 − cdf2, same divisions). */
export function ksStatisticSorted(sa: Float64Array, sb: Float64Array): number {
  const n1 = sa.length
  const n2 = sb.length
  let i = 0
  let j = 0
  let maxS = 0
  let minS = 0
  while (i < n1 || j < n2) {
    const x = j >= n2 || (i < n1 && sa[i] <= sb[j]) ? sa[i] : sb[j]
    while (i < n1 && sa[i] <= x) i++
    while (j < n2 && sb[j] <= x) j++
    const diff = i / n1 - j / n2
    if (diff > maxS) maxS = diff
    if (diff < minS) minS = diff
  }
  const m = Math.min(1, -minS)
  return m > maxS ? m : maxS
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

/** numpy's round: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/** P(D_{n,n} ≥ h/n): 2·Σ_k (−1)^k binom(2n, n−kh)/binom(2n, n) in Horner form (scipy's _compute_prob_outside_square). */
function probOutsideSquare(n: number, h: number): number {
  let P = 0
  let k = Math.floor(n / h)
  while (k >= 0) {
    let p1 = 1
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1)
    P = p1 * (1 - P)
    k--
  }
  return 2 * P
}

/**
 * The share of lattice paths from (0,0) to (m,n) that leave the band
 * |x/m − y/n| < h/lcm, computed as 1 − p column by column with scaling
 * (scipy's _compute_outer_prob_inside_method, Viehmann's recursion).
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0)
  const n = Math.min(m0, n0)
  const mg = m / g
  const ng = n / g
  let minj = 0
  let maxj = Math.min(Math.ceil(h / mg), n + 1)
  let curlen = maxj - minj
  const lenA = Math.min(2 * maxj + 2, n + 1)
  const A = new Float64Array(Math.max(lenA, n + 2)).fill(1)
  for (let j = minj; j < maxj; j++) A[j] = 0
  for (let i = 1; i <= m; i++) {
    const lastminj = minj
    const lastlen = curlen
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n)
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1)
    if (maxj <= minj) return 1
    let val = minj === 0 ? 0 : 1
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j)
      A[jj] = val
    }
    curlen = maxj - minj
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen))
  }
  return A[maxj - minj - 1]
}
