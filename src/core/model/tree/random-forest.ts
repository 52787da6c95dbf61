/**
 * Random forest ('forest'): the same histogram tree learner as the decision
 * tree, each tree grown on a bootstrap sample of the rows (drawn counts become
 * row weights, as scikit-learn does) with a fresh random subset of features at
 * every split, and no shrinkage. Predictions average the trees' leaf class
 * frequencies (or means). Rows a tree did not draw walk it once it is grown
 * (on their bin codes) and score it out of bag: FitReport.oobScore is the
 * out-of-bag accuracy (R² for regression) and finalLoss the out-of-bag log
 * loss (squared error); with oobScore off, null and NaN.
 * classWeight 'balanced' weighs classes over all rows (scikit-learn's
 * 'balanced', not 'balanced_subsample').
 */
import { throwIfAborted } from '../../errors'
import { createRandom } from '../../random'
import type { Matrix } from '../../types'
import type { FitOptions, FitReport, ModelJSON } from '../estimator'
import { checkParams } from '../param-spec'
import { FOREST_PARAMS } from '../param-specs/forest'
import { binMatrix, findBinEdges, MAX_BINS } from './binning'
import { prepareFit } from './fit-inputs'
import { fittedFromJSON, TreeModel } from './fitted-model'
import { TreeGrower } from './grower'
import { addSplitGains, normaliseImportance } from './importance'
import { centredTargetGradients, classPriors, weightedMean } from './objectives'
import { leafOfCodes, outOfBagScore } from './out-of-bag'
import { EnsembleBuilder } from './predictor'
import { featuresPerSplit, maxFeaturesParam, type MaxFeatures } from './tree-params'

/** Parameters of the random forest family (validated by the constructor), named as scikit-learn’s where they mean the same. */
export interface RandomForestParams {
  nTrees: number
  /** null grows each tree until its leaves are pure or minSamplesLeaf stops it (scikit-learn's default). */
  maxDepth: number | null
  minSamplesLeaf: number
  /** Features drawn per split: 'sqrt' or 'log2' of the feature count, or a fraction of it. */
  maxFeatures: MaxFeatures
  maxBins: number
  classWeight: 'none' | 'balanced'
  /**
   * Score every tree on the rows its bootstrap missed (FitReport.oobScore):
   * an honest estimate without a held-out set, for about 5% of the fit time.
   * On by default here; scikit-learn's oob_score is off by default.
   */
  oobScore: boolean
  /** Seeds the bootstraps, the per-split feature draws and the row sample for bin edges. */
  seed: number
}

/** Defaults: scikit-learn’s (100 trees grown to pure leaves, √features per split, bootstrap). */
export const RANDOM_FOREST_DEFAULTS: RandomForestParams = { nTrees: 100, maxDepth: null, minSamplesLeaf: 1, maxFeatures: 'sqrt', maxBins: MAX_BINS, classWeight: 'none', oobScore: true, seed: 0 }
const FAMILY = 'random forest'
const FAMILY_ID = 'forest'

/** The random forest estimator (see the file header). */
export class RandomForest extends TreeModel {
  readonly family = FAMILY_ID
  readonly params: RandomForestParams
  protected readonly label = FAMILY

  constructor(params: Partial<RandomForestParams> = {}) {
    super()
    // Checked against the family's spec (param-specs/forest.ts), which the page's form also draws from; maxFeatures accepts any fraction, beyond the form's choices.
    const p = checkParams(FAMILY, FOREST_PARAMS, RANDOM_FOREST_DEFAULTS, params)
    this.params = { ...p, maxFeatures: maxFeaturesParam(FAMILY, p.maxFeatures) }
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): FitReport {
    throwIfAborted(options.signal)
    const { task, classes, weights } = prepareFit(FAMILY, X, y, options, this.params.classWeight)
    const classification = task !== 'regression'
    const { rows: n, cols: p } = X
    const random = createRandom(this.params.seed)
    const data = binMatrix(X, findBinEdges(X, { maxBins: this.params.maxBins, seed: this.params.seed }))
    const all = Uint32Array.from({ length: n }, (_, i) => i)
    const outputs = classes > 2 ? classes : 1
    const base = !classification ? Float64Array.of(weightedMean(y, weights, all)) : classes === 2 ? classPriors(y, weights, all, 2).subarray(1) : classPriors(y, weights, all, classes)
    const grower = new TreeGrower(data, outputs, {
      maxDepth: this.params.maxDepth ?? Infinity,
      maxLeaves: Infinity,
      minSamplesLeaf: this.params.minSamplesLeaf,
      minChildWeight: 0,
      lambda: 0,
      alpha: 0,
      minGain: 0,
      featuresPerSplit: featuresPerSplit(this.params.maxFeatures, p),
    })
    const features = Int32Array.from({ length: p }, (_, j) => j)
    const rowCodes = grower.rowMajorCodes
    const builder = new EnsembleBuilder(outputs, outputs)
    const importance = new Float64Array(p)
    const drawn = new Int32Array(n)
    const treeWeight = new Float64Array(n)
    const inBag = new Uint32Array(n)
    const g = new Float64Array(n * outputs)
    const h = new Float64Array(n)
    const oobSum = new Float64Array(n * outputs)
    const oobCount = new Int32Array(n)
    const oobRows = new Uint32Array(n)
    const total = this.params.nTrees
    for (let t = 0; t < total; t++) {
      throwIfAborted(options.signal)
      // Bootstrap: n draws with replacement; a row drawn c times weighs c × its weight.
      drawn.fill(0)
      for (let k = 0; k < n; k++) drawn[random.int(n)]++
      let m = 0
      let outOfBag = 0
      for (let i = 0; i < n; i++) {
        if (drawn[i] === 0) {
          oobRows[outOfBag++] = i
          continue
        }
        treeWeight[i] = drawn[i] * weights[i]
        if (treeWeight[i] > 0) inBag[m++] = i
      }
      const rows = inBag.subarray(0, m)
      centredTargetGradients(y, treeWeight, rows, base, classification, g, h)
      const tree = grower.grow(g, h, rows, features, random)
      builder.add(tree, 0, 1)
      addSplitGains(importance, tree)
      // Rows the bootstrap missed walk the new tree for their out-of-bag votes.
      if (this.params.oobScore) {
        for (let k = 0; k < outOfBag; k++) {
          const i = oobRows[k]
          const leaf = leafOfCodes(tree, rowCodes, p * i, data.nBins)
          for (let c = 0; c < outputs; c++) oobSum[i * outputs + c] += tree.value[leaf * outputs + c]
          oobCount[i]++
        }
      }
      options.onProgress?.({ done: t + 1, total, unit: 'tree' })
    }
    this.fitted = { task, classes, features: p, importance: normaliseImportance(importance), ensemble: builder.build(base, 1 / total), link: 'shares' }
    if (!this.params.oobScore) return { iterations: total, converged: true, finalLoss: Number.NaN, oobScore: null }
    const oob = outOfBagScore(oobSum, oobCount, base, y, classes)
    return { iterations: total, converged: true, finalLoss: oob.loss, oobScore: oob.score }
  }

  static fromJSON(json: ModelJSON): RandomForest {
    const { params, fitted } = fittedFromJSON(FAMILY_ID, FAMILY, json, 'shares')
    const model = new RandomForest(params as Partial<RandomForestParams>)
    model.fitted = fitted
    return model
  }
}
