/**
 * Per-feature explanations of predictions (CONTRACT11 §2): explainMatrix
 * explains rows of the transformed matrix, foldToInputs folds the result back
 * to raw input columns, and explainRows does both for a fitted pipeline and
 * model — the one call a predictor needs.
 */
import type { Model } from '../model/estimator'
import type { FeaturePipeline } from '../pipeline/pipeline'
import type { Matrix } from '../types'
import { explainMatrix } from './explain-matrix'
import { foldPlan, foldToInputs } from './fold'
import type { ExplainOptions, RowExplanation } from './types'

export { explainMatrix } from './explain-matrix'
export { foldToInputs } from './fold'
export type { ExplainOptions, ExplanationMethod, ExplanationSpace, MatrixExplanation, RowExplanation } from './types'

/** Options of explainRows: explainMatrix's, minus what the pipeline supplies, plus the class labels. */
export interface ExplainRowsOptions extends Omit<ExplainOptions, 'featureNames' | 'sources'> {
  /** Class labels by index (the bundle's target labels), for RowExplanation.forClass. */
  classLabels?: readonly string[]
}

/**
 * Explains rows `X` = pipeline.transform(table) for `model`, folded to the
 * pipeline's input columns: one RowExplanation per row.
 */
export function explainRows(model: Model, pipeline: FeaturePipeline, X: Matrix, options: ExplainRowsOptions = {}): RowExplanation[] {
  const { classLabels, ...rest } = options
  const explanation = explainMatrix(model, X, { ...rest, featureNames: pipeline.featureNames, sources: foldPlan(pipeline).sources })
  return foldToInputs(pipeline, explanation, classLabels)
}
