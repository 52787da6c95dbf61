import { throwIfAborted } from '../errors'
import { accuracy, classifierAuc } from '../metrics/classification'
import { r2 } from '../metrics/regression'
import { createRandom, shuffleInPlace } from '../random'
import type { Matrix } from '../types'
import { argmaxRows, type Model } from './estimator'

/** Scores permutation importance can measure the drop of; 'auto' is ROC AUC for classifiers (accuracy when AUC is undefined) and R² for regressors. */
export type PermutationScoring = 'auto' | 'roc_auc' | 'accuracy' | 'r2'

export interface PermutationImportanceOptions {
  /** Shuffles per feature (default 5); the mean and spread are over these. */
  repeats?: number
  /** Seed of the shuffles (default 0): same seed, same result. */
  seed?: number
  scoring?: PermutationScoring
  signal?: AbortSignal
  /** Called after each feature. */
  onProgress?: (done: number, total: number) => void
}

/** The drop in score when one feature is shuffled: mean and population standard deviation over the repeats. */
export interface FeatureDrop {
  mean: number
  std: number
}

export interface PermutationImportance {
  /** The score actually used ('auto' resolved). */
  scoring: Exclude<PermutationScoring, 'auto'>
  /** The score with no feature shuffled. */
  baseline: number
  /** One entry per column of X, in column order. */
  features: FeatureDrop[]
}

/**
 * Model-agnostic permutation importance (Breiman 2001; scikit-learn's
 * permutation_importance), meant for validation rows the model did not learn
 * from. For each feature, its column is shuffled `repeats` times — breaking
 * its link with the target while keeping its distribution — and the score
 * drop from the baseline is recorded. A feature the model does not use drops
 * the score by 0; negative means the shuffle happened to help (noise).
 * Correlated features share credit: shuffling one leaves the other to stand in.
 *
 * `y` holds class indices (classifiers) or values (regressors). Throws when
 * the score is undefined: R² for a constant target, ROC AUC with one class.
 */
export function permutationImportance(model: Model, X: Matrix, y: Float64Array, options: PermutationImportanceOptions = {}): PermutationImportance {
  const repeats = options.repeats ?? 5
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 1000) throw new Error(`permutation importance: repeats = ${repeats} is invalid; expected an integer in [1, 1000]`)
  if (y.length !== X.rows) throw new Error(`permutation importance: ${X.rows} rows of features but ${y.length} targets`)
  if (X.rows < 2) throw new Error(`permutation importance: ${X.rows} row(s); at least 2 are needed to shuffle`)
  const score = scorer(model, X, y, options.scoring ?? 'auto')
  const baseline = score.of(X)
  const random = createRandom(options.seed ?? 0)
  const { rows: n, cols: p } = X
  const shuffled: Matrix = { rows: n, cols: p, data: Float64Array.from(X.data) }
  const column = new Float64Array(n)
  const features: FeatureDrop[] = []
  for (let j = 0; j < p; j++) {
    throwIfAborted(options.signal)
    for (let i = 0; i < n; i++) column[i] = X.data[i * p + j]
    const drops = new Float64Array(repeats)
    for (let r = 0; r < repeats; r++) {
      shuffleInPlace(column, random)
      for (let i = 0; i < n; i++) shuffled.data[i * p + j] = column[i]
      drops[r] = baseline - score.of(shuffled)
    }
    // Restore the column before moving to the next feature: one feature shuffled at a time.
    for (let i = 0; i < n; i++) shuffled.data[i * p + j] = X.data[i * p + j]
    const mean = drops.reduce((a, b) => a + b, 0) / repeats
    const variance = drops.reduce((a, d) => a + (d - mean) ** 2, 0) / repeats
    features.push({ mean, std: Math.sqrt(variance) })
    options.onProgress?.(j + 1, p)
  }
  return { scoring: score.name, baseline, features }
}

interface Scorer {
  name: Exclude<PermutationScoring, 'auto'>
  of(X: Matrix): number
}

/** Picks the score for the model and checks it is defined on these rows. */
function scorer(model: Model, X: Matrix, y: Float64Array, scoring: PermutationScoring): Scorer {
  if (!model.isClassifier) {
    if (scoring !== 'auto' && scoring !== 'r2') throw new Error(`permutation importance: scoring "${scoring}" is for classifiers; a regressor is scored by r2`)
    // Checked here rather than through r2's null: its mean of a constant column can be off by an ulp, giving a huge R² instead.
    if (y.every((v) => v === y[0])) throw new Error('permutation importance: R² is undefined because the target is constant on these rows')
    const of = (M: Matrix): number => r2(y, model.predict(M)) ?? NaN
    return { name: 'r2', of }
  }
  if (scoring === 'r2') throw new Error('permutation importance: scoring "r2" is for regressors; a classifier is scored by roc_auc or accuracy')
  const truth = Int32Array.from(y)
  const proba = model.predictProba(X)
  const classes = proba.length / X.rows
  const auc = (M: Matrix): number | null => classifierAuc(truth, model.predictProba(M), classes)
  const useAuc = scoring === 'roc_auc' || (scoring === 'auto' && classifierAuc(truth, proba, classes) !== null)
  if (useAuc) {
    return {
      name: 'roc_auc',
      of: (M) => {
        const value = auc(M)
        if (value === null) throw new Error('permutation importance: ROC AUC is undefined because only one class is present in these rows; use accuracy')
        return value
      },
    }
  }
  return { name: 'accuracy', of: (M) => accuracy(truth, argmaxRows(model.predictProba(M), classes)) }
}
