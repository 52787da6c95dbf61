/**
 * Checks and prepares what the tree families' `fit` receives: the matrix, the
 * target (class indices or values), sample weights and class weights. One
 * place, so the three families reject bad input with the same messages.
 */
import { StudioError } from '../../errors'
import type { Matrix, Task } from '../../types'
import type { FitOptions } from '../estimator'

/** What prepareFit resolves from the inputs. */
export interface PreparedFit {
  task: Task
  /** Number of classes; 0 for regression. */
  classes: number
  /** Per-row weight: sample weight × class weight, rescaled to average 1 (all 1 when neither is given). */
  weights: Float64Array
}

/**
 * Validates X, y and options and resolves the task: `options.task`, or
 * classification when absent (y then holds class indices 0…k-1, k from
 * options.classCount or the largest index + 1). Missing features (NaN) are
 * allowed — trees route them — but a missing or non-finite target is not.
 */
export function prepareFit(family: string, X: Matrix, y: Float64Array, options: FitOptions, classWeight: 'none' | 'balanced'): PreparedFit {
  const { rows: n, cols: p, data } = X
  if (n < 1) throw new StudioError('too-few-rows', `${family}: the training matrix has no rows`)
  if (p < 1) throw new StudioError('no-features', `${family}: the training matrix has no feature columns`)
  if (data.length !== n * p) throw new StudioError('bad-input', `${family}: matrix data holds ${data.length} values; ${n} rows × ${p} columns need ${n * p}`)
  if (y.length !== n) throw new StudioError('bad-input', `${family}: ${n} rows of features but ${y.length} targets`)
  const task: Task = options.task ?? 'binary'
  let classes = 0
  if (task === 'regression') {
    for (let i = 0; i < n; i++) if (!Number.isFinite(y[i])) throw new StudioError('bad-input', `${family}: target at row ${i} is ${y[i]}; expected a finite number`)
    if (classWeight !== 'none') throw new StudioError('bad-param', `${family}: classWeight = "${classWeight}" applies to classification only; use "none" for regression`)
  } else {
    classes = options.classCount ?? 0
    for (let i = 0; i < n; i++) {
      const c = y[i]
      if (!Number.isInteger(c) || c < 0) throw new StudioError('bad-input', `${family}: target at row ${i} is ${c}; expected a class index 0, 1, …`)
      if (options.classCount !== undefined && c >= options.classCount) throw new StudioError('bad-input', `${family}: target at row ${i} is class ${c} but classCount is ${options.classCount}`)
      if (c + 1 > classes) classes = c + 1
    }
    if (classes < 2) throw new StudioError('bad-input', `${family}: the training rows hold ${classes} class(es); at least 2 are needed`)
    if (task === 'binary' && classes > 2) throw new StudioError('bad-input', `${family}: task is binary but the target has ${classes} classes; use multiclass`)
  }
  const weights = new Float64Array(n).fill(1)
  const sw = options.sampleWeight
  if (sw) {
    if (sw.length !== n) throw new StudioError('bad-input', `${family}: sampleWeight has ${sw.length} entries for ${n} rows`)
    for (let i = 0; i < n; i++) {
      if (!(sw[i] >= 0 && Number.isFinite(sw[i]))) throw new StudioError('bad-input', `${family}: sampleWeight at row ${i} is ${sw[i]}; expected a finite number ≥ 0`)
      weights[i] = sw[i]
    }
  }
  if (classWeight === 'balanced') {
    // scikit-learn's 'balanced': n / (k × class count), counted over the rows given.
    const counts = new Float64Array(classes)
    for (let i = 0; i < n; i++) counts[y[i]]++
    const present = counts.filter((c) => c > 0).length
    for (let i = 0; i < n; i++) weights[i] *= n / (present * counts[y[i]])
  }
  let total = 0
  for (let i = 0; i < n; i++) total += weights[i]
  if (!(total > 0)) throw new StudioError('bad-input', `${family}: every row has weight 0; at least one row needs a positive sample weight`)
  // Weights are relative: rescale them to average 1 so that, say, all-2 weights
  // fit the same model as none (the estimator contract) even where lambda and
  // minChildWeight are absolute amounts of hessian.
  if (total !== n) for (let i = 0; i < n; i++) weights[i] *= n / total
  return { task, classes, weights }
}

/** Rows with a positive weight, ascending: zero-weight rows teach nothing and must not count toward leaf sizes. */
export function weightedRows(weights: Float64Array): Uint32Array {
  let m = 0
  for (let i = 0; i < weights.length; i++) if (weights[i] > 0) m++
  const rows = new Uint32Array(m)
  for (let i = 0, k = 0; i < weights.length; i++) if (weights[i] > 0) rows[k++] = i
  return rows
}

/** Checks a prediction matrix against the fitted width. */
export function checkPredictMatrix(family: string, X: Matrix, features: number): void {
  if (X.cols !== features) throw new StudioError('bad-input', `${family}: input has ${X.cols} feature column(s) but the model was fitted on ${features}`)
  if (X.data.length !== X.rows * X.cols) throw new StudioError('bad-input', `${family}: matrix data holds ${X.data.length} values; ${X.rows} rows × ${X.cols} columns need ${X.rows * X.cols}`)
}
