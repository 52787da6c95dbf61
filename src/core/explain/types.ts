/**
 * Types of per-feature explanations (see CONTRACT11 §2). An explanation says
 * how much each input moved one prediction away from the model's expected
 * output, in the units the model adds up: the contributions plus the expected
 * value equal the model's margin (log-odds, a class margin, a class share or
 * the regression value) for that row.
 */
import type { Matrix } from '../types'

/** How the contributions were computed. */
export type ExplanationMethod = 'tree-shap' | 'linear' | 'sampling'

/**
 * What the contributions add up to:
 * - 'log-odds': binary boosting, logistic regression and neural net (the logit of `forClass`);
 * - 'margin': multiclass boosting, logistic regression and neural net (the raw score of `forClass`, before softmax);
 * - 'probability': decision trees and random forests, whose scores are class shares (the predicted probability of `forClass`);
 * - 'value': regression (the predicted value).
 */
export type ExplanationSpace = 'log-odds' | 'margin' | 'probability' | 'value'

/** One row's explanation, folded to raw input columns (what the page and the server show). */
export interface RowExplanation {
  method: ExplanationMethod
  /** What the numbers add up to (see ExplanationSpace). */
  space: ExplanationSpace
  /**
   * The model's expected output, with no input known: for trees the mean over
   * the training data (leaf values weighted by cover); for linear models and
   * the neural net the output at the training means (the neural net: the mean
   * output over background rows when given).
   */
  expectedValue: number
  /** Per raw input column (one-hot and "was missing" columns folded back into their source column), in input order. */
  contributions: Record<string, number>
  /**
   * For 'sampling' only: the number of sampled permutations and the standard
   * error of the least precise contribution (their sum is exact: it always
   * equals the margin minus the expected value). `standardErrors` gives it per
   * input column.
   */
  approximation?: { samples: number; standardError: number; standardErrors: Record<string, number> }
  /** The class the explanation is for (classification). */
  forClass?: string
  /**
   * Linear models only, per numeric input column that feeds the model through
   * one matrix column (scaled or not, no missing indicator): the contribution
   * in the column's own units, contribution = perUnit × (value − reference),
   * where value is the column's value as the model saw it (after imputation
   * and clipping) and reference is its training mean. "Age +0.42 = 0.021 per
   * year × (71 − 51)".
   */
  units?: Record<string, { perUnit: number; reference: number }>
}

/** Explanations of the rows of a transformed matrix, per matrix column (before folding). */
export interface MatrixExplanation {
  method: ExplanationMethod
  space: ExplanationSpace
  /** Names of the matrix columns, as given to explainMatrix. */
  featureNames: string[]
  rows: number
  /** Row-major rows × featureNames.length. */
  contributions: Float64Array
  /** Per row (it depends on the class explained). */
  expectedValue: Float64Array
  /** Class index explained per row; null for regression. */
  forClass: Int32Array | null
  /**
   * Sampling only: per row and group, the standard error of the group's
   * summed contribution. `groups` names the groups: the raw input columns
   * when explainMatrix was given `sources`, else the matrix columns.
   */
  approximation?: { samples: number; groups: string[]; standardErrors: Float64Array }
  /** Linear models: per matrix column, the coefficient of the explained class and the training mean (for RowExplanation.units). */
  linear?: { coef: Float64Array; means: Float64Array }
}

/** Options of explainMatrix. */
export interface ExplainOptions {
  /** Names of the matrix columns (the pipeline's featureNames). */
  featureNames: string[]
  /** Seeds the sampling explainer (the neural net); the same seed gives the same numbers for a row whatever else is in the batch. Default 0. */
  seed?: number
  /**
   * Rows of the transformed training matrix (or any reference rows) standing
   * in for what the model does not store: its training means (linear models
   * saved before explanations existed: the background's column means), node
   * cover (tree models saved before explanations: the rows that reach each
   * node), or the neural net's baseline (the net averages over these rows
   * instead of its stored training means).
   */
  background?: Matrix
  /** Class index to explain, per row (classification). Default: class 1 for binary, the predicted class for multiclass. */
  forClass?: ArrayLike<number>
  /** Sampling explainer: permutations per row, rounded up to an even number (antithetic pairs). Default 128. */
  samples?: number
  /**
   * The raw input column of each matrix column (FeaturePipeline.featureSources()).
   * The sampling explainer then reports standard errors per input column,
   * which is what foldToInputs needs to give exact standard errors.
   */
  sources?: string[]
}
