/**
 * A single decision tree ('tree'): the histogram learner grown depth-wise on
 * squared error against centred targets (see centredTargetGradients), which for
 * classes is scikit-learn's Gini criterion and leaves class frequencies; for
 * regression it is the squared-error criterion with leaf means.
 */
import { throwIfAborted } from '../../errors'
import type { Matrix } from '../../types'
import type { FitOptions, FitReport, ModelJSON } from '../estimator'
import { checkParams } from '../param-spec'
import { MAX_MIN_GAIN, MAX_MIN_SAMPLES_LEAF, TREE_PARAMS } from '../param-specs/tree'
import { MAX_BINS } from './binning'
import { prepareFit, weightedRows } from './fit-inputs'
import { fittedFromJSON, TreeModel } from './fitted-model'
import { TreeGrower } from './grower'
import { defaultHistogramKernel } from './kernel/default-kernel'
import { binWithKernel } from './kernel/workspace'
import { addSplitGains, normaliseImportance } from './importance'
import { centredTargetGradients, classPriors, weightedMean } from './objectives'
import { EnsembleBuilder } from './predictor'
import { leafLoss } from './tree-loss'

/** Parameters of the decision tree family (validated by the constructor). */
export interface DecisionTreeParams {
  /** Greatest depth of a leaf (root = 0; 1 is a stump); null grows until leaves are pure or minSamplesLeaf stops it. */
  maxDepth: number | null
  /** Fewest training rows in a leaf. */
  minSamplesLeaf: number
  /** Least impurity decrease, weighted by the node's share of rows (scikit-learn's min_impurity_decrease). */
  minGain: number
  /** Value bins per feature for split candidates (2…255). */
  maxBins: number
  /** 'balanced' weighs each class by n / (k × its count). */
  classWeight: 'none' | 'balanced'
}

/** Defaults: a readable depth-4 tree with at least 10 rows per leaf, which trained the Parkinson sample best among depths 3–6. */
export const DECISION_TREE_DEFAULTS: DecisionTreeParams = { maxDepth: 4, minSamplesLeaf: 10, minGain: 0, maxBins: MAX_BINS, classWeight: 'none' }
export { MAX_MIN_GAIN, MAX_MIN_SAMPLES_LEAF }
const FAMILY = 'decision tree'
const FAMILY_ID = 'tree'

/** The decision tree estimator (see the file header). */
export class DecisionTree extends TreeModel {
  readonly family = FAMILY_ID
  readonly params: DecisionTreeParams
  protected readonly label = FAMILY

  constructor(params: Partial<DecisionTreeParams> = {}) {
    super()
    // Every parameter is checked against the family's spec (param-specs/tree.ts), which the page's form also draws from.
    this.params = checkParams(FAMILY, TREE_PARAMS, DECISION_TREE_DEFAULTS, params)
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): FitReport {
    throwIfAborted(options.signal)
    const { task, classes, weights } = prepareFit(FAMILY, X, y, options, this.params.classWeight)
    const classification = task !== 'regression'
    const n = X.rows
    const rows = weightedRows(weights)
    const kernel = options.histogramKernel ?? defaultHistogramKernel()
    // The kernel's edges and binning where it has them (the same edges and codes).
    const data = binWithKernel(kernel, X, { maxBins: this.params.maxBins, seed: 0, rows })
    const outputs = classes > 2 ? classes : 1
    const base = !classification ? Float64Array.of(weightedMean(y, weights, rows)) : classes === 2 ? classPriors(y, weights, rows, 2).subarray(1) : classPriors(y, weights, rows, classes)
    const g = new Float64Array(n * outputs)
    const h = new Float64Array(n)
    centredTargetGradients(y, weights, rows, base, classification, g, h)
    let totalWeight = 0
    for (let k = 0; k < rows.length; k++) totalWeight += weights[rows[k]]
    // Our gain is the decrease of the weighted squared error: the weighted Gini
    // decrease for k classes, half of it for one binary column.
    const gainPerImpurity = classification && outputs === 1 ? 0.5 : 1
    const grower = new TreeGrower(data, outputs, {
      maxDepth: this.params.maxDepth ?? Infinity,
      maxLeaves: Infinity,
      minSamplesLeaf: this.params.minSamplesLeaf,
      minChildWeight: 0,
      lambda: 0,
      alpha: 0,
      minGain: this.params.minGain * totalWeight * gainPerImpurity,
    }, undefined, kernel)
    const features = Int32Array.from({ length: X.cols }, (_, j) => j)
    const tree = grower.grow(g, h, rows.length === n ? null : rows, features)
    const builder = new EnsembleBuilder(outputs, outputs)
    builder.add(tree, 0, 1)
    const importance = new Float64Array(X.cols)
    addSplitGains(importance, tree)
    this.fitted = { task, classes, features: X.cols, importance: normaliseImportance(importance), ensemble: builder.build(base, 1), link: 'shares' }
    const finalLoss = leafLoss(tree, y, weights, base, classification)
    options.onProgress?.({ done: 1, total: 1, loss: finalLoss, unit: 'tree' })
    return { iterations: 1, converged: true, finalLoss }
  }

  /** Number of nodes and leaves of the fitted tree. */
  size(): { nodes: number; leaves: number } {
    const e = this.fittedOrThrow().ensemble
    let leaves = 0
    for (const f of e.arrays.feature) if (f < 0) leaves++
    return { nodes: e.nodeCount, leaves }
  }

  static fromJSON(json: ModelJSON): DecisionTree {
    const { params, fitted } = fittedFromJSON(FAMILY_ID, FAMILY, json, 'shares')
    const model = new DecisionTree(params as Partial<DecisionTreeParams>)
    model.fitted = fitted
    return model
  }
}
