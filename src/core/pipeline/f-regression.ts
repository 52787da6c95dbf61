/**
 * The univariate regression F-statistic of scikit-learn's f_regression
 * (center=True, force_finite=True): r = Pearson correlation of x and y,
 * F = r² / (1 − r²) · (n − 2), over rows where both are present. As in
 * scikit-learn, a feature or target without spread scores 0 and a perfect
 * correlation scores Number.MAX_VALUE (finite, so it survives JSON).
 */
export function fRegression(x: Float64Array, y: Float64Array): { f: number; r: number; n: number } {
  let n = 0, sx = 0, sy = 0
  for (let i = 0; i < x.length; i++) {
    const a = x[i], b = y[i]
    if (a - a !== 0 || b - b !== 0) continue
    n++
    sx += a
    sy += b
  }
  if (n < 3) return { f: 0, r: 0, n }
  const mx = sx / n, my = sy / n
  let sxx = 0, syy = 0, sxy = 0
  for (let i = 0; i < x.length; i++) {
    const a = x[i], b = y[i]
    if (a - a !== 0 || b - b !== 0) continue
    const da = a - mx, db = b - my
    sxx += da * da
    syy += db * db
    sxy += da * db
  }
  if (!(sxx > 0 && syy > 0)) return { f: 0, r: 0, n }
  // sqrt of the product is exact for y = c·x (so r is exactly ±1 there); split it only if the product overflows.
  const product = sxx * syy
  const norm = Number.isFinite(product) ? Math.sqrt(product) : Math.sqrt(sxx) * Math.sqrt(syy)
  const r = Math.max(-1, Math.min(1, sxy / norm))
  const r2 = r * r
  if (r2 >= 1) return { f: Number.MAX_VALUE, r, n }
  return { f: (r2 / (1 - r2)) * (n - 2), r, n }
}
