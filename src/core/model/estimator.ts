import type { ForestThreads } from './tree/forest-threads'
import type { HistogramKernel } from './tree/kernel/workspace'
import type { Matrix, Task } from '../types'

/** Options every estimator's `fit` accepts. */
export interface FitOptions {
  /**
   * What to learn: class indices 0..k-1 ('binary', 'multiclass') or values
   * ('regression'). Defaults to 'binary'/'multiclass' for classifier-only families.
   */
  task?: Task
  /** Per-row weights (default 1). */
  sampleWeight?: Float64Array
  /** Aborting stops fitting between iterations with a CancelledError. */
  signal?: AbortSignal
  /** Called after each unit of work (iteration, tree, round, epoch). */
  onProgress?: (progress: FitProgress) => void
  /** Number of classes (classifiers); defaults to the largest class index + 1. Set it when a class may be absent from these rows. */
  classCount?: number
  /**
   * Where tree histograms are built (model/tree/kernel): by default WebAssembly
   * SIMD on this thread. Node and the workers pass a kernel that splits builds
   * across threads. Every kernel gives the same bits: only the speed differs.
   */
  histogramKernel?: HistogramKernel
  /** Helper threads a random forest grows trees on (default: those configured for this thread, if any; null: none). The same forest either way. */
  forestThreads?: ForestThreads | null
}

export interface FitProgress {
  done: number
  total: number
  /** Training objective after this unit, where the estimator has one. */
  loss?: number
  /** Validation loss after this unit (boosting rounds, epochs with a validation split). */
  validLoss?: number
  /** What a unit is, for the progress text: 'iteration', 'tree', 'round', 'epoch'. */
  unit?: string
}

/** One point of a learning curve. */
export interface LossPoint {
  step: number
  train?: number
  valid?: number
}

/** What fitting reports back besides the fitted model. */
export interface FitReport {
  iterations: number
  converged: boolean
  finalLoss: number
  /** Loss per round / epoch where the family has one (boosting, neural net). */
  history?: LossPoint[]
  /** Boosting or the neural net with early stopping on: the round or epoch kept. Absent without early stopping. */
  bestIteration?: number
  /** Random forest: out-of-bag accuracy (classification) or R² (regression). */
  oobScore?: number | null
  /** Neural net: the tfjs backend that actually ran (webgpu, wasm, cpu). */
  backend?: string
}

export interface ModelJSON {
  family: string
  [key: string]: unknown
}

/**
 * The estimator contract (scikit-learn's, in TypeScript): the constructor only
 * validates and stores parameters; `fit` learns; predictions, importances and
 * JSON come after. Same data, parameters and seed give the same model, and
 * `fromJSON(toJSON())` predicts identically.
 */
export interface Model {
  readonly family: string
  /** Learns from X (row-major) and y (class indices or values, see FitOptions.task). May be async (neural net). */
  fit(X: Matrix, y: Float64Array, options?: FitOptions): FitReport | Promise<FitReport>
  /** Where a family can fit on helper threads (a forest's trees), the same model as fit, asynchronously; fitModel prefers it. */
  fitAsync?(X: Matrix, y: Float64Array, options?: FitOptions): Promise<FitReport>
  /** True once fitted as a classifier. */
  readonly isClassifier: boolean
  /** Classifiers: class probabilities, row-major n × k. Regressors throw. */
  predictProba(X: Matrix): Float64Array
  /** Classifiers: the most probable class index per row; regressors: the predicted value. */
  predict(X: Matrix): Float64Array
  /** One non-negative importance per input column. */
  featureImportance(): Float64Array
  toJSON(): ModelJSON
}

/** @deprecated name kept for older imports; every model is a Model. */
export type Classifier = Model

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

/** argmaxRows as Float64Array, the shape `Model.predict` returns for classifiers. */
export function argmaxRowsAsValues(proba: Float64Array, k: number): Float64Array {
  return Float64Array.from(argmaxRows(proba, k))
}

export function notClassifierError(family: string): Error {
  return new Error(`${family}: the model was fitted for regression; it predicts values, not class probabilities`)
}
