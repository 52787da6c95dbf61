/**
 * Special functions the drift tests need for their p-values: log-gamma, the
 * regularized upper incomplete gamma (the chi-squared survival function) and
 * the standard normal's upper tail. Accurate to ~1e-14 relative, far inside
 * the 1e-6 the scipy fixtures ask of p-values.
 */

// Lanczos approximation, g = 7, 9 coefficients (double-precision set).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI)

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x)
  const z = x - 1
  let a = LANCZOS[0]
  const t = z + 7.5
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i)
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

const EPS = 1e-16
const TINY = 1e-300

/**
 * Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function
 * (scipy.special.gammaincc): the series for P when x < a + 1, Lentz's
 * continued fraction for Q otherwise (Numerical Recipes §6.2).
 */
export function gammaincc(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN
  if (x === 0) return 1
  if (!Number.isFinite(x)) return 0
  const logPrefix = -x + a * Math.log(x) - logGamma(a)
  if (x < a + 1) {
    let term = 1 / a
    let sum = term
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n)
      sum += term
      if (Math.abs(term) < Math.abs(sum) * EPS) break
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix))
  }
  let b = x + 1 - a
  let c = 1 / TINY
  let d = 1 / b
  let h = d
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < TINY) d = TINY
    c = b + an / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < EPS) break
  }
  return Math.exp(logPrefix) * h
}

/** The chi-squared distribution's survival function, scipy.stats.chi2.sf(x, dof) = gammaincc(dof/2, x/2). */
export function chi2Sf(x: number, dof: number): number {
  return gammaincc(dof / 2, x / 2)
}

/**
 * erfc(x), the complementary error function, as Q(1/2, x²) for x ≥ 0 (and
 * 2 − erfc(−x) below 0): the same series / continued fraction as gammaincc,
 * so one well-tested routine serves both.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN
  const q = gammaincc(0.5, x * x)
  return x >= 0 ? q : 2 - q
}

/** The standard normal's upper tail P(Z > z) = erfc(z/√2)/2 (scipy.stats.norm.sf). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2)
}
