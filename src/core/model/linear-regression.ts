import type { Matrix } from '../types'
import { checkMatrixWidth, notClassifierError, notFittedError, type FitOptions, type FitReport, type Model, type ModelJSON } from './estimator'
import { choleskySolve, minNormLeastSquares } from './least-squares'
import { checkParams } from './param-spec'
import { LINREG_PARAMS } from './param-specs/linreg'
import { relativeWeights } from './sample-weights'

export interface LinearRegressionParams {
  /** Ridge penalty α·‖w‖² (scikit-learn's Ridge alpha); 0 is ordinary least squares. The intercept is never penalised. */
  alpha: number
  fitIntercept: boolean
}

export const LINEAR_REGRESSION_DEFAULTS: LinearRegressionParams = { alpha: 0, fitIntercept: true }
const FAMILY = 'linear regression'

/**
 * Below this share of its own spread, a column counts as (nearly) explained by
 * the earlier ones — variance inflation above 1e8 — and the solve leaves
 * Cholesky for the SVD path, where the normal equations would lose ≥ 8 digits.
 */
const CHOLESKY_RELATIVE_PIVOT = 1e-8

/** How the coefficients were solved: 'cholesky' (normal equations) or 'svd' (minimum-norm fallback). */
export type LinearSolver = 'cholesky' | 'svd'

interface Fitted {
  features: number
  coef: Float64Array
  intercept: number
  featureStd: Float64Array
  /** Unweighted column means of the training matrix: the baseline of explanations (null in models saved before they were kept). */
  featureMean: Float64Array | null
  solver: LinearSolver
  /** Number of independent directions the solve used (p unless columns are collinear and alpha is 0). */
  rank: number
}

/**
 * Linear regression by least squares: ordinary (alpha = 0) or ridge
 * (alpha > 0), minimising Σ wᵢ·(yᵢ − b − xᵢ·w)² + α·‖w‖², the objective of
 * scikit-learn's LinearRegression and Ridge.
 *
 * How it is solved: the intercept is handled by centring X and y on their
 * weighted means (so it is unpenalised, as in scikit-learn), then the normal
 * equations (XᵀWX + αI)·w = XᵀWy are solved by Cholesky. When the columns are
 * collinear (a duplicated column, one column the sum of others, a constant
 * column) Cholesky would divide by ~0; the solve then switches to a
 * Householder QR + SVD of the weighted, centred data (with √α·I rows for
 * ridge), which returns the minimum-norm solution — what LAPACK's lstsq and so
 * scikit-learn's LinearRegression return: collinear columns share the weight
 * (two copies of a column get half the coefficient each) and predictions are
 * unaffected. `solverInfo()` tells which path ran and the rank found.
 *
 * Sample weights are relative (rescaled to mean 1, see sample-weights.ts):
 * for OLS this changes nothing; for ridge it keeps α's strength per row.
 * Inputs must be complete: missing values throw and ask for imputation.
 */
export class LinearRegression implements Model {
  readonly family = 'linreg'
  readonly isClassifier = false
  readonly params: LinearRegressionParams
  private fitted: Fitted | null = null

  constructor(params: Partial<LinearRegressionParams> = {}) {
    // Every parameter is checked against the family's spec (param-specs/linreg.ts), which the page's form also draws from.
    this.params = checkParams(FAMILY, LINREG_PARAMS, LINEAR_REGRESSION_DEFAULTS, params)
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): FitReport {
    if (options.task !== undefined && options.task !== 'regression') {
      throw new Error(`${FAMILY}: predicts numbers, not ${options.task} classes; use logistic regression for a class target`)
    }
    const { rows: n, cols: p, data } = X
    if (y.length !== n) throw new Error(`${FAMILY}: ${n} rows of features but ${y.length} targets`)
    if (n === 0) throw new Error(`${FAMILY}: no training rows`)
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) throw new Error(`${FAMILY}: feature matrix has ${data[i]} at row ${Math.floor(i / p)}, column ${i % p}; impute missing values first`)
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(y[i])) throw new Error(`${FAMILY}: target at row ${i} is ${y[i]}; expected a finite number`)
    }
    const w = relativeWeights(FAMILY, options.sampleWeight, n)
    const moments = columnMoments(X, y, w)
    // Without an intercept the line goes through the origin: nothing to centre.
    const xMean = this.params.fitIntercept ? moments.xMean : new Float64Array(p)
    const yMean = this.params.fitIntercept ? moments.yMean : 0
    const alpha = this.params.alpha
    // Centred copies: the intercept drops out of the normal equations.
    const Xc = new Float64Array(n * p)
    const yc = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) Xc[i * p + j] = data[i * p + j] - xMean[j]
      yc[i] = y[i] - yMean
    }
    const gram = new Float64Array(p * p)
    const rhs = new Float64Array(p)
    for (let i = 0; i < n; i++) {
      const wi = w[i]
      if (wi === 0) continue
      const row = i * p
      for (let j = 0; j < p; j++) {
        const a = wi * Xc[row + j]
        rhs[j] += a * yc[i]
        for (let k = 0; k <= j; k++) gram[j * p + k] += a * Xc[row + k]
      }
    }
    for (let j = 0; j < p; j++) {
      gram[j * p + j] += alpha
      for (let k = 0; k < j; k++) gram[k * p + j] = gram[j * p + k]
    }
    let coef = choleskySolve(gram, rhs, p, CHOLESKY_RELATIVE_PIVOT)
    let solver: LinearSolver = 'cholesky'
    let rank = p
    if (coef === null) {
      // Collinear columns: solve the least-squares problem itself, [√W·Xc; √α·I]·w ≈ [√W·yc; 0].
      const A = new Float64Array((n + p) * p)
      const b = new Float64Array(n + p)
      for (let i = 0; i < n; i++) {
        const s = Math.sqrt(w[i])
        for (let j = 0; j < p; j++) A[i * p + j] = s * Xc[i * p + j]
        b[i] = s * yc[i]
      }
      for (let j = 0; j < p; j++) A[(n + j) * p + j] = Math.sqrt(alpha)
      const solution = minNormLeastSquares(A, b, n + p, p)
      coef = solution.x
      solver = 'svd'
      rank = solution.rank
    }
    let intercept = yMean
    for (let j = 0; j < p; j++) intercept -= xMean[j] * coef[j]
    this.fitted = { features: p, coef, intercept, featureStd: moments.featureStd, featureMean: moments.plainMean, solver, rank }
    const predicted = this.predict(X)
    let sse = 0
    for (let i = 0; i < n; i++) sse += w[i] * (y[i] - predicted[i]) ** 2
    options.onProgress?.({ done: 1, total: 1, loss: sse / n, unit: 'iteration' })
    // A closed-form solve: one step, always converged. The loss is the weighted mean squared training error.
    return { iterations: 1, converged: true, finalLoss: sse / n }
  }

  /** Regressors have no class probabilities; throws (after the not-fitted check). */
  predictProba(_X: Matrix): Float64Array {
    if (!this.fitted) throw notFittedError(FAMILY)
    throw notClassifierError(FAMILY)
  }

  /** The predicted value b + x·w of each row. */
  predict(X: Matrix): Float64Array {
    const f = this.fitted
    if (!f) throw notFittedError(FAMILY)
    checkMatrixWidth(FAMILY, X, f.features)
    const { rows: n, cols: p, data } = X
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      let s = f.intercept
      for (let j = 0; j < p; j++) s += f.coef[j] * data[i * p + j]
      out[i] = s
    }
    return out
  }

  /** |coefficient| × the feature's standard deviation in training: the change in prediction per typical change in the feature. */
  featureImportance(): Float64Array {
    const f = this.fitted
    if (!f) throw notFittedError(FAMILY)
    return Float64Array.from(f.coef, (c, j) => Math.abs(c) * f.featureStd[j])
  }

  /** Coefficients (one per feature) and the intercept. */
  coefficients(): { coef: number[]; intercept: number } {
    const f = this.fitted
    if (!f) throw notFittedError(FAMILY)
    return { coef: Array.from(f.coef), intercept: f.intercept }
  }

  /** Which solve ran ('cholesky', or 'svd' for collinear columns) and the rank it found. */
  solverInfo(): { solver: LinearSolver; rank: number } {
    const f = this.fitted
    if (!f) throw notFittedError(FAMILY)
    return { solver: f.solver, rank: f.rank }
  }

  toJSON(): ModelJSON {
    const f = this.fitted
    if (!f) throw notFittedError(FAMILY)
    return {
      family: this.family,
      params: this.params,
      features: f.features,
      coef: Array.from(f.coef),
      intercept: f.intercept,
      featureStd: Array.from(f.featureStd),
      ...(f.featureMean ? { featureMean: Array.from(f.featureMean) } : {}),
      solver: f.solver,
      rank: f.rank,
    }
  }

  /** Rebuilds a fitted model; throws naming the field when the JSON is malformed. */
  static fromJSON(json: ModelJSON): LinearRegression {
    const model = new LinearRegression(json.params as Partial<LinearRegressionParams>)
    const features = json.features
    if (typeof features !== 'number' || !Number.isInteger(features) || features < 0) throw new Error(`${FAMILY}: model JSON field "features" is ${JSON.stringify(features)}; expected a whole number`)
    const coef = numberArray(json.coef, 'coef', features)
    const featureStd = numberArray(json.featureStd, 'featureStd', features)
    if (typeof json.intercept !== 'number') throw new Error(`${FAMILY}: model JSON field "intercept" is ${JSON.stringify(json.intercept)}; expected a number`)
    const solver: LinearSolver = json.solver === 'svd' ? 'svd' : 'cholesky'
    const rank = typeof json.rank === 'number' ? json.rank : features
    const featureMean = json.featureMean === undefined ? null : numberArray(json.featureMean, 'featureMean', features)
    model.fitted = { features, coef, intercept: json.intercept, featureStd, featureMean, solver, rank }
    return model
  }
}

function numberArray(value: unknown, field: string, length: number): Float64Array {
  if (!Array.isArray(value) || value.length !== length || value.some((v) => typeof v !== 'number')) {
    throw new Error(`${FAMILY}: model JSON field "${field}" must be an array of ${length} numbers`)
  }
  return Float64Array.from(value as number[])
}

/** Weighted means of the columns and the target (for centring), unweighted means (for explanations) and population standard deviations (for importances). */
function columnMoments(X: Matrix, y: Float64Array, w: Float64Array): { xMean: Float64Array; yMean: number; featureStd: Float64Array; plainMean: Float64Array } {
  const { rows: n, cols: p, data } = X
  let total = 0
  let ySum = 0
  const xMean = new Float64Array(p)
  const plainMean = new Float64Array(p)
  for (let i = 0; i < n; i++) {
    total += w[i]
    ySum += w[i] * y[i]
    for (let j = 0; j < p; j++) {
      xMean[j] += w[i] * data[i * p + j]
      plainMean[j] += data[i * p + j]
    }
  }
  for (let j = 0; j < p; j++) {
    xMean[j] /= total
    plainMean[j] /= n
  }
  const featureStd = new Float64Array(p)
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) featureStd[j] += (data[i * p + j] - plainMean[j]) ** 2
  for (let j = 0; j < p; j++) featureStd[j] = Math.sqrt(featureStd[j] / n)
  return { xMean, yMean: ySum / total, featureStd, plainMean }
}
