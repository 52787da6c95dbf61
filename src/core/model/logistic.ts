import type { Matrix } from '../types'
import { argmaxRowsAsValues, checkMatrixWidth, notFittedError, type FitOptions, type FitReport, type Model, type ModelJSON } from './estimator'
import { minimizeLbfgs, type LbfgsOptions, type LbfgsResult } from './lbfgs'
import { minimizeOwlqn } from './owlqn'
import { logisticObjective, sigmoid } from './logistic-objective'
import { checkParams } from './param-spec'
import { LOGISTIC_PARAMS } from './param-specs/logistic'
import { relativeWeights } from './sample-weights'
import { exp } from '../numeric/portable-math'

/** The penalties on the coefficients (never on intercepts), named as in scikit-learn. */
export type LogisticPenalty = 'l2' | 'l1' | 'elasticnet' | 'none'
export const LOGISTIC_PENALTIES: readonly LogisticPenalty[] = ['l2', 'l1', 'elasticnet', 'none']

export interface LogisticParams {
  /** Inverse regularisation strength, as scikit-learn's C: smaller means a stronger penalty. Ignored when penalty is 'none'. */
  C: number
  /** 'l2' (ridge, L-BFGS), 'l1' (lasso, OWL-QN: sparse coefficients), 'elasticnet' (a mix, OWL-QN) or 'none'. */
  penalty: LogisticPenalty
  /** Elastic net only: the L1 share of the penalty, 0 (pure L2) to 1 (pure L1). */
  l1Ratio: number
  maxIterations: number
  /** Stop when the largest (pseudo-)gradient component of the mean objective is below this. */
  tolerance: number
  fitIntercept: boolean
  /** 'balanced' weighs each class by n / (k × its count), for imbalanced targets. */
  classWeight: 'none' | 'balanced'
}

export const LOGISTIC_DEFAULTS: LogisticParams = { C: 1, penalty: 'l2', l1Ratio: 0.5, maxIterations: 500, tolerance: 1e-6, fitIntercept: true, classWeight: 'none' }
const FAMILY = 'logistic regression'

interface Fitted {
  classes: number
  features: number
  /** Rows of weights: one row for binary (the positive class), k rows for multinomial. */
  coef: Float64Array
  intercept: Float64Array
  featureStd: Float64Array
  /** Column means of the training matrix: the baseline of explanations (null in models saved before they were kept). */
  featureMean: Float64Array | null
}

/**
 * Regularised logistic regression: binary (sigmoid) for two classes,
 * multinomial (softmax) for more, with scikit-learn's objectives (intercepts
 * never penalised):
 *
 * - 'l2':         C·Σ wᵢ·lossᵢ + ½‖W‖²                      (L-BFGS)
 * - 'l1':         C·Σ wᵢ·lossᵢ + ‖W‖₁                       (OWL-QN)
 * - 'elasticnet': C·Σ wᵢ·lossᵢ + r·‖W‖₁ + (1 − r)/2·‖W‖²   (OWL-QN; r = l1Ratio)
 * - 'none':       Σ wᵢ·lossᵢ                                (L-BFGS)
 *
 * so coefficients agree with LogisticRegression(solver='lbfgs' | 'saga') at its
 * optimum. The solvers minimise the objective divided by C·Σwᵢ (a mean loss),
 * which has the same minimiser and makes `tolerance` independent of row count.
 *
 * Sample weights are relative: they are rescaled to mean 1 before fitting, so
 * multiplying every weight by a constant changes nothing and the penalty keeps
 * its strength per row. (scikit-learn treats weights as row counts instead:
 * there, doubling every weight halves the penalty's relative strength.)
 */
export class LogisticRegression implements Model {
  readonly family = 'logistic'
  readonly isClassifier = true
  readonly params: LogisticParams
  private fitted: Fitted | null = null

  constructor(params: Partial<LogisticParams> = {}) {
    // Every parameter is checked against the family's spec (param-specs/logistic.ts), which the page's form also draws from.
    this.params = checkParams(FAMILY, LOGISTIC_PARAMS, LOGISTIC_DEFAULTS, params)
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): FitReport {
    if (options.task === 'regression') throw new Error(`${FAMILY}: predicts classes; use linear regression for a numeric target`)
    const { rows: n, cols: p, data } = X
    if (y.length !== n) throw new Error(`${FAMILY}: ${n} rows of features but ${y.length} targets`)
    let classes = options.classCount ?? 0
    for (let i = 0; i < n; i++) {
      const c = y[i]
      if (!Number.isInteger(c) || c < 0) throw new Error(`${FAMILY}: target at row ${i} is ${c}; expected a class index 0, 1, …`)
      if (options.classCount !== undefined && c >= options.classCount) throw new Error(`${FAMILY}: target at row ${i} is class ${c} but classCount is ${options.classCount}`)
      classes = Math.max(classes, c + 1)
    }
    if (classes < 2) throw new Error(`${FAMILY}: the training rows hold ${classes} class(es); at least 2 are needed`)
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) throw new Error(`${FAMILY}: feature matrix has ${data[i]} at row ${Math.floor(i / p)}, column ${i % p}; impute missing values first`)
    }
    const weights = rowWeights(y, classes, this.params.classWeight, options.sampleWeight)
    const totalWeight = weights.reduce((a, b) => a + b, 0)
    const k = classes === 2 ? 1 : classes
    const stride = p + 1
    const { l1: l1Strength, l2: l2Strength } = penaltyStrengths(this.params, totalWeight)
    const objective = logisticObjective(X, y, weights, totalWeight, k, l2Strength, this.params.fitIntercept)
    const solverOptions: LbfgsOptions = {
      maxIterations: this.params.maxIterations,
      gradientTolerance: this.params.tolerance,
      signal: options.signal,
      onIteration: (iteration, value) => options.onProgress?.({ done: iteration, total: this.params.maxIterations, loss: value, unit: 'iteration' }),
    }
    const theta0 = new Float64Array(k * stride)
    let result: LbfgsResult
    if (l1Strength > 0) {
      // The L1 term has a kink at zero: OWL-QN handles it; intercepts (the last entry of each class block) carry no L1 weight.
      const l1 = new Float64Array(k * stride)
      for (let c = 0; c < k; c++) l1.fill(l1Strength, c * stride, c * stride + p)
      result = minimizeOwlqn(objective, l1, theta0, solverOptions)
    } else {
      result = minimizeLbfgs(objective, theta0, solverOptions)
    }
    const coef = new Float64Array(k * p)
    const intercept = new Float64Array(k)
    for (let c = 0; c < k; c++) {
      coef.set(result.x.subarray(c * stride, c * stride + p), c * p)
      intercept[c] = result.x[c * stride + p]
    }
    const moments = columnMoments(X)
    this.fitted = { classes, features: p, coef, intercept, featureStd: moments.std, featureMean: moments.mean }
    return { iterations: result.iterations, converged: result.converged, finalLoss: result.value }
  }

  predictProba(X: Matrix): Float64Array {
    const f = this.fitted
    if (!f) throw notFittedError(FAMILY)
    checkMatrixWidth(FAMILY, X, f.features)
    const { rows: n, cols: p, data } = X
    const K = f.classes
    const out = new Float64Array(n * K)
    const z = new Float64Array(K)
    for (let i = 0; i < n; i++) {
      const row = i * p
      if (K === 2) {
        let s = f.intercept[0]
        for (let j = 0; j < p; j++) s += f.coef[j] * data[row + j]
        const q = sigmoid(s)
        out[i * 2] = 1 - q
        out[i * 2 + 1] = q
        continue
      }
      let zmax = -Infinity
      for (let c = 0; c < K; c++) {
        let s = f.intercept[c]
        for (let j = 0; j < p; j++) s += f.coef[c * p + j] * data[row + j]
        z[c] = s
        if (s > zmax) zmax = s
      }
      let sum = 0
      for (let c = 0; c < K; c++) sum += (z[c] = exp(z[c] - zmax))
      for (let c = 0; c < K; c++) out[i * K + c] = z[c] / sum
    }
    return out
  }

  predict(X: Matrix): Float64Array {
    const f = this.fitted
    if (!f) throw notFittedError(FAMILY)
    return argmaxRowsAsValues(this.predictProba(X), f.classes)
  }

  /** |coefficient| × the feature's standard deviation in training, averaged over classes. */
  featureImportance(): Float64Array {
    const f = this.fitted
    if (!f) throw notFittedError(FAMILY)
    const k = f.coef.length / f.features
    const out = new Float64Array(f.features)
    for (let c = 0; c < k; c++) for (let j = 0; j < f.features; j++) out[j] += Math.abs(f.coef[c * f.features + j]) * f.featureStd[j] / k
    return out
  }

  /** Coefficients as rows (one for binary, one per class otherwise) and intercepts. */
  coefficients(): { coef: number[][]; intercept: number[] } {
    const f = this.fitted
    if (!f) throw notFittedError(FAMILY)
    const k = f.intercept.length
    return {
      coef: Array.from({ length: k }, (_, c) => Array.from(f.coef.subarray(c * f.features, (c + 1) * f.features))),
      intercept: Array.from(f.intercept),
    }
  }

  toJSON(): ModelJSON {
    const f = this.fitted
    if (!f) throw notFittedError(FAMILY)
    return {
      family: this.family,
      params: this.params,
      classes: f.classes,
      features: f.features,
      coef: Array.from(f.coef),
      intercept: Array.from(f.intercept),
      featureStd: Array.from(f.featureStd),
      ...(f.featureMean ? { featureMean: Array.from(f.featureMean) } : {}),
    }
  }

  static fromJSON(json: ModelJSON): LogisticRegression {
    const model = new LogisticRegression(json.params as LogisticParams)
    const classes = json.classes as number
    const features = json.features as number
    const coef = Float64Array.from(json.coef as number[])
    const k = classes === 2 ? 1 : classes
    if (coef.length !== k * features) throw new Error(`${FAMILY}: model JSON has ${coef.length} coefficients; expected ${k * features} (${k} × ${features})`)
    model.fitted = {
      classes,
      features,
      coef,
      intercept: Float64Array.from(json.intercept as number[]),
      featureStd: Float64Array.from(json.featureStd as number[]),
      featureMean: optionalMeans(json.featureMean, features),
    }
    return model
  }
}

/**
 * Per-row weights: relative sample weights (mean 1) times, for 'balanced',
 * n / (k × class count), scikit-learn's balanced class weights.
 */
function rowWeights(y: Float64Array, classes: number, classWeight: 'none' | 'balanced', sampleWeight?: Float64Array): Float64Array {
  const n = y.length
  const weights = relativeWeights(FAMILY, sampleWeight, n)
  if (classWeight === 'balanced') {
    const counts = new Float64Array(classes)
    for (let i = 0; i < n; i++) counts[y[i]]++
    for (let i = 0; i < n; i++) weights[i] *= n / (classes * counts[y[i]])
  }
  return weights
}

/**
 * How the penalty splits into L1 and L2 strengths of the mean objective
 * (scikit-learn's objective divided by C·Σwᵢ; see the class comment).
 */
export function penaltyStrengths(params: Pick<LogisticParams, 'C' | 'penalty' | 'l1Ratio'>, totalWeight: number): { l1: number; l2: number } {
  const scale = 1 / (params.C * totalWeight)
  switch (params.penalty) {
    case 'l2':
      return { l1: 0, l2: scale }
    case 'l1':
      return { l1: scale, l2: 0 }
    case 'elasticnet':
      return { l1: params.l1Ratio * scale, l2: (1 - params.l1Ratio) * scale }
    case 'none':
      return { l1: 0, l2: 0 }
  }
}

/** Mean (for explanations) and population standard deviation (for feature importances) of each column. */
function columnMoments(X: Matrix): { mean: Float64Array; std: Float64Array } {
  const { rows: n, cols: p, data } = X
  const mean = new Float64Array(p)
  const out = new Float64Array(p)
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += data[i * p + j] / n
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[j] += (data[i * p + j] - mean[j]) ** 2 / n
  for (let j = 0; j < p; j++) out[j] = Math.sqrt(out[j])
  return { mean, std: out }
}

/** `featureMean` of a model JSON: absent in models saved before explanations (null), else `features` numbers. */
function optionalMeans(value: unknown, features: number): Float64Array | null {
  if (value === undefined) return null
  if (!Array.isArray(value) || value.length !== features || value.some((v) => typeof v !== 'number')) {
    throw new Error(`${FAMILY}: model JSON field "featureMean" must be an array of ${features} numbers`)
  }
  return Float64Array.from(value as number[])
}
