/**
 * Dense linear-algebra kernels for least squares: a Cholesky solve for the
 * normal equations (fast, the usual path) and a minimum-norm solve by
 * Householder QR plus a Jacobi SVD of R (slower, exact for rank-deficient
 * problems, the fallback). Matrices are row-major Float64Arrays.
 */

/**
 * Solves A·x = b for a symmetric positive-definite p × p matrix A by Cholesky
 * (A = L·Lᵀ). Returns null when A is not clearly positive definite: when some
 * pivot — the part of column j's diagonal not explained by the columns before
 * it — falls below `relativePivot` × A[j][j]. For a Gram matrix this ratio is
 * 1 − R² of column j regressed on the earlier ones, so a duplicate or collinear
 * column (ratio ~1e-16) is caught before it turns into huge coefficients.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, p: number, relativePivot: number): Float64Array | null {
  const L = new Float64Array(p * p)
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j]
    for (let k = 0; k < j; k++) d -= L[j * p + k] * L[j * p + k]
    if (!(d > relativePivot * A[j * p + j]) || !(d > 0)) return null
    const ljj = Math.sqrt(d)
    L[j * p + j] = ljj
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j]
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k]
      L[i * p + j] = s / ljj
    }
  }
  // Forward substitution L·z = b, then back substitution Lᵀ·x = z.
  const x = Float64Array.from(b)
  for (let i = 0; i < p; i++) {
    let s = x[i]
    for (let k = 0; k < i; k++) s -= L[i * p + k] * x[k]
    x[i] = s / L[i * p + i]
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i]
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k]
    x[i] = s / L[i * p + i]
  }
  return x
}

export interface MinNormSolution {
  x: Float64Array
  /** Number of singular values kept (above rcond × the largest). */
  rank: number
  singularValues: Float64Array
}

/**
 * The minimum-norm least-squares solution of min ‖A·x − b‖ for an m × p matrix
 * A (m ≥ p): among all minimisers, the one with the smallest ‖x‖, as LAPACK's
 * gelsd (numpy/scipy lstsq, hence scikit-learn's LinearRegression) returns.
 * A duplicated column thus gets half the coefficient in each copy.
 *
 * Householder QR reduces A to a p × p triangle R without squaring its
 * condition number; one-sided Jacobi (Hestenes) then gives R = U·Σ·Vᵀ, and
 * x = V·Σ⁺·Uᵀ·Qᵀb with singular values below rcond × the largest treated as 0.
 * `rcond` defaults to max(m, p) × machine epsilon, numpy's default.
 */
export function minNormLeastSquares(A: Float64Array, b: Float64Array, m: number, p: number, rcond = Math.max(m, p) * Number.EPSILON): MinNormSolution {
  if (m < p) throw new Error(`least squares: ${m} rows for ${p} unknowns; pad with zero rows to at least ${p}`)
  const R = Float64Array.from(A)
  const c = Float64Array.from(b)
  const v = new Float64Array(m)
  for (let j = 0; j < p; j++) {
    // Householder reflector zeroing column j below the diagonal, applied to R and to b.
    let norm = 0
    for (let i = j; i < m; i++) norm += R[i * p + j] ** 2
    norm = Math.sqrt(norm)
    if (norm === 0) continue
    const alpha = R[j * p + j] > 0 ? -norm : norm
    for (let i = j; i < m; i++) v[i] = R[i * p + j]
    v[j] -= alpha
    let vv = 0
    for (let i = j; i < m; i++) vv += v[i] * v[i]
    if (vv === 0) continue
    for (let col = j; col < p; col++) {
      let s = 0
      for (let i = j; i < m; i++) s += v[i] * R[i * p + col]
      const f = (2 * s) / vv
      for (let i = j; i < m; i++) R[i * p + col] -= f * v[i]
    }
    let s = 0
    for (let i = j; i < m; i++) s += v[i] * c[i]
    const f = (2 * s) / vv
    for (let i = j; i < m; i++) c[i] -= f * v[i]
  }
  // U starts as the upper triangle of R, stored by columns for the Jacobi rotations.
  const U: Float64Array[] = Array.from({ length: p }, (_, j) => {
    const col = new Float64Array(p)
    for (let i = 0; i <= j; i++) col[i] = R[i * p + j]
    return col
  })
  const V: Float64Array[] = Array.from({ length: p }, (_, j) => {
    const col = new Float64Array(p)
    col[j] = 1
    return col
  })
  jacobiOrthogonalise(U, V)
  const sigma = Float64Array.from(U, (col) => Math.sqrt(dot(col, col)))
  const sigmaMax = sigma.reduce((a, s) => Math.max(a, s), 0)
  const x = new Float64Array(p)
  let rank = 0
  for (let k = 0; k < p; k++) {
    if (!(sigma[k] > rcond * sigmaMax)) continue
    rank++
    // U's column k is σₖ·uₖ, so (uₖ·c)/σₖ = (column·c)/σₖ².
    const coefficient = dot(U[k], c.subarray(0, p)) / (sigma[k] * sigma[k])
    for (let i = 0; i < p; i++) x[i] += coefficient * V[k][i]
  }
  return { x, rank, singularValues: sigma }
}

/**
 * One-sided Jacobi: rotates pairs of columns of U (and the same pairs of V)
 * until every pair is orthogonal to working precision. Afterwards the columns
 * of U are σₖ·uₖ and V holds the right singular vectors.
 */
function jacobiOrthogonalise(U: Float64Array[], V: Float64Array[]): void {
  const p = U.length
  const tolerance = 1e-15
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false
    for (let i = 0; i < p - 1; i++) {
      for (let j = i + 1; j < p; j++) {
        const a = dot(U[i], U[i])
        const b = dot(U[j], U[j])
        const g = dot(U[i], U[j])
        if (g === 0 || Math.abs(g) <= tolerance * Math.sqrt(a * b)) continue
        rotated = true
        const zeta = (b - a) / (2 * g)
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta))
        const cos = 1 / Math.sqrt(1 + t * t)
        const sin = cos * t
        rotate(U[i], U[j], cos, sin)
        rotate(V[i], V[j], cos, sin)
      }
    }
    if (!rotated) return
  }
}

function rotate(x: Float64Array, y: Float64Array, cos: number, sin: number): void {
  for (let k = 0; k < x.length; k++) {
    const xi = x[k]
    const yi = y[k]
    x[k] = cos * xi - sin * yi
    y[k] = sin * xi + cos * yi
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * b[i]
  return s
}
