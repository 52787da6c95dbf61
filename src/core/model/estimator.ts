import type { Matrix } from '../types'

/** Options every estimator's `fit` accepts. */
export interface FitOptions {
  /** Per-row weights (default 1). */
  sampleWeight?: Float64Array
  /** Aborting stops fitting between iterations with a CancelledError. */
  signal?: AbortSignal
  /** Called after each unit of work (iteration, tree, epoch). */
  onProgress?: (progress: FitProgress) => void
  /** Number of classes (classifiers); defaults to the largest class index + 1. Set it when a class may be absent from these rows. */
  classCount?: number
}

export interface FitProgress {
  done: number
  total: number
  /** Training objective after this unit, where the estimator has one. */
  loss?: number
}

/** What fitting reports back besides the fitted model. */
export interface FitReport {
  iterations: number
  converged: boolean
  finalLoss: number
}

export interface ModelJSON {
  family: string
  [key: string]: unknown
}

/** A classifier fitted on class indices 0..k-1. */
export interface Classifier {
  readonly family: string
  fit(X: Matrix, y: Float64Array, options?: FitOptions): FitReport
  /** Class probabilities, row-major n × k. */
  predictProba(X: Matrix): Float64Array
  /** The most probable class index per row. */
  predict(X: Matrix): Int32Array
  /** One non-negative importance per input column. */
  featureImportance(): Float64Array
  toJSON(): ModelJSON
}

/** Index of the largest of each row's k probabilities. */
export function argmaxRows(proba: Float64Array, k: number): Int32Array {
  const n = proba.length / k
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    let best = 0
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c
    out[i] = best
  }
  return out
}

export function notFittedError(family: string): Error {
  return new Error(`${family}: the model is not fitted; call fit before predicting`)
}

export function checkMatrixWidth(family: string, X: Matrix, expected: number): void {
  if (X.cols !== expected) throw new Error(`${family}: input has ${X.cols} feature column(s) but the model was fitted on ${expected}`)
}
