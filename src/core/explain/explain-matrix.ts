/**
 * explainMatrix: per-feature contributions for rows of a transformed matrix,
 * with the method each family calls for — exact path-dependent TreeSHAP for
 * trees, forests and boosting; exact contributions against the training means
 * for linear and logistic regression; antithetic permutation sampling for the
 * neural net. Pure and deterministic (the sampling is seeded).
 */
import { StudioError } from '../errors'
import type { Model } from '../model/estimator'
import type { Matrix } from '../types'
import { explainLinear } from './explain-linear'
import { DEFAULT_SAMPLES, explainMlp } from './explain-mlp'
import { explainTrees } from './explain-trees'
import { readModelState } from './model-state'
import { classesToExplain, spaceOf } from './target'
import type { ExplainOptions, MatrixExplanation } from './types'

/** Explains rows of a transformed matrix for a fitted model (see the file header and ExplainOptions). */
export function explainMatrix(model: Model, X: Matrix, options: ExplainOptions): MatrixExplanation {
  const { featureNames } = options
  if (featureNames.length !== X.cols) {
    throw new StudioError('explain-feature-mismatch', `explain: ${featureNames.length} feature name(s) for a matrix of ${X.cols} column(s); pass the pipeline's featureNames`)
  }
  if (options.background && options.background.cols !== X.cols) {
    throw new StudioError('explain-feature-mismatch', `explain: the background has ${options.background.cols} column(s) but the matrix has ${X.cols}`)
  }
  const state = readModelState(model, X.cols, options.background)
  const forClass = classesToExplain(model, state.task, state.classes, X, options.forClass)
  const base = { featureNames: [...featureNames], rows: X.rows, forClass }
  if (state.kind === 'trees') {
    const { contributions, expected } = explainTrees(state, X, forClass)
    return { method: 'tree-shap', space: spaceOf(state.task, state.link === 'shares'), ...base, contributions, expectedValue: expected }
  }
  if (state.kind === 'linear') {
    const { contributions, expected, coef } = explainLinear(state, X, forClass)
    return { method: 'linear', space: spaceOf(state.task, false), ...base, contributions, expectedValue: expected, linear: { coef, means: state.means } }
  }
  const groups = groupsOf(featureNames, options.sources)
  const result = explainMlp(state, X, forClass, {
    seed: options.seed ?? 0,
    samples: options.samples ?? DEFAULT_SAMPLES,
    background: options.background,
    groupOf: groups.groupOf,
    groupCount: groups.names.length,
  })
  return {
    method: 'sampling',
    space: spaceOf(state.task, false),
    ...base,
    contributions: result.contributions,
    expectedValue: result.expected,
    approximation: { samples: result.samples, groups: groups.names, standardErrors: result.standardErrors },
  }
}

/** Groups for standard errors: the sources when given (one group per distinct source, first-seen order), else one per feature. */
function groupsOf(featureNames: string[], sources: string[] | undefined): { names: string[]; groupOf: Int32Array } {
  if (!sources) return { names: [...featureNames], groupOf: Int32Array.from(featureNames, (_, j) => j) }
  if (sources.length !== featureNames.length) {
    throw new StudioError('explain-feature-mismatch', `explain: ${sources.length} source(s) for ${featureNames.length} feature(s); pass the pipeline's featureSources()`)
  }
  const names: string[] = []
  const index = new Map<string, number>()
  const groupOf = Int32Array.from(sources, (source) => {
    let g = index.get(source)
    if (g === undefined) index.set(source, (g = names.push(source) - 1))
    return g
  })
  return { names, groupOf }
}
