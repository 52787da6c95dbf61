/**
 * Random forest ('forest'): the histogram tree learner's binned matrix, each
 * tree grown on a bootstrap sample of the rows (drawn counts become row
 * weights, as scikit-learn does) with a fresh random subset of features at
 * every split, and no shrinkage. Predictions average the trees' leaf class
 * frequencies (or means). Rows a tree did not draw walk it once it is grown
 * (on their bin codes) and score it out of bag: FitReport.oobScore is the
 * out-of-bag accuracy (R² for regression) and finalLoss the out-of-bag log
 * loss (squared error); with oobScore off, null and NaN.
 * classWeight 'balanced' weighs classes over all rows (scikit-learn's
 * 'balanced', not 'balanced_subsample').
 *
 * Trees are independent: tree t's bootstrap and feature draws come from a
 * generator seeded with (seed, t) alone (random.ts streamSeed), so a forest
 * is the same bit for bit however its trees are divided among threads. The
 * fit is three steps, which worker threads can share:
 *
 *   const inputs = prepareForest(X, y, params, { allocate: (b) => new SharedArrayBuffer(b) })
 *   // on any threads, any split of 0…nTrees into ranges (inputs is plain data: post it):
 *   const part = growForestTrees(inputs, from, to)            // ForestPart: transfer forestPartBuffers(part)
 *   // back on one thread, with all the parts in any order:
 *   const report = model.assemble(inputs, parts)               // model = new RandomForest(params)
 *
 * prepareForest validates (same errors as fit) and bins once: every shared
 * array (codes in both layouts, edges, targets, weights) is a typed array
 * over `allocate`'s buffers. growForestTrees returns the trees of its range
 * as compact typed arrays (ForestTree), their per-tree importance gains and,
 * with oobScore on, their out-of-bag sums (whole multiples of a power of two,
 * so adding parts is exact in any order). RandomForest.fit is exactly
 * prepare + grow all + assemble.
 *
 * (Since trees were seeded this way, a seed grows different trees than it
 * did before: models saved earlier load and predict as they did.)
 */
import { throwIfAborted } from '../../errors'
import type { Matrix } from '../../types'
import type { FitOptions, FitReport, ModelJSON } from '../estimator'
import { checkParams } from '../param-spec'
import { FOREST_PARAMS } from '../param-specs/forest'
import { MAX_BINS } from './binning'
import { ForestEnsemble } from './forest-ensemble'
import { ForestTreeGrower, type ForestTree } from './forest-grower'
import { prepareForest as prepareInputs, type ForestInputs, type PrepareOptions } from './forest-inputs'
import { fittedFromJSON, TreeModel, type FittedTrees } from './fitted-model'
import { normaliseImportance } from './importance'
import { outOfBagScore } from './out-of-bag'
import { defaultForestThreads, treeRanges, type ForestThreads } from './forest-threads'
import { featuresPerSplit, maxFeaturesParam, type MaxFeatures } from './tree-params'

export type { ForestInputs, PrepareOptions } from './forest-inputs'
export type { ForestTree } from './forest-grower'

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
    const inputs = prepareForest(X, y, this.params, options)
    const total = inputs.settings.nTrees
    const part = growForestTrees(inputs, 0, total, {
      signal: options.signal,
      onTree: (done) => options.onProgress?.({ done, total, unit: 'tree' }),
    })
    return this.assemble(inputs, [part])
  }

  /** fit on every thread configured for forests (forest-threads.ts; FitOptions.forestThreads), or on this one: the same forest. */
  async fitAsync(X: Matrix, y: Float64Array, options: FitOptions = {}): Promise<FitReport> {
    const threads = options.forestThreads === undefined ? defaultForestThreads() : options.forestThreads
    if (!threads || threads.threads < 2 || this.params.nTrees < 2) return this.fit(X, y, options)
    return this.fitOnThreads(X, y, options, threads)
  }

  /** The helpers grow every range but the first, which this thread grows meanwhile; progress counts this thread's share. */
  private async fitOnThreads(X: Matrix, y: Float64Array, options: FitOptions, threads: ForestThreads): Promise<FitReport> {
    const inputs = prepareForest(X, y, this.params, { ...options, allocate: (bytes) => threads.allocate(bytes) })
    const total = inputs.settings.nTrees
    const [[from, to], ...others] = treeRanges(total, threads.threads)
    const remote = others.map(([a, b]) => threads.grow(inputs, a, b))
    // Observed at once, so a helper's failure while this thread grows is not reported as unhandled.
    for (const part of remote) part.catch(() => undefined)
    // One turn of the event loop before this thread's own range: a browser worker's messages to its
    // helpers leave only when it yields, and growing the range does not yield until it is done.
    await new Promise((resolve) => setTimeout(resolve, 0))
    const share = total / (to - from)
    const mine = growForestTrees(inputs, from, to, {
      signal: options.signal,
      onTree: (done) => options.onProgress?.({ done: Math.min(total - 1, Math.round(done * share)), total, unit: 'tree' }),
    })
    const parts = [mine, ...(await Promise.all(remote))]
    throwIfAborted(options.signal)
    options.onProgress?.({ done: total, total, unit: 'tree' })
    return this.assemble(inputs, parts)
  }

  /**
   * Makes this model the forest of `parts` (growForestTrees over ranges that
   * together cover 0…nTrees once, in any order) grown from `inputs`, which
   * must come from prepareForest with this model's parameters.
   */
  assemble(inputs: ForestInputs, parts: readonly ForestPart[]): FitReport {
    const { fitted, report } = assembleForest(inputs, parts)
    this.fitted = fitted
    return report
  }

  static fromJSON(json: ModelJSON): RandomForest {
    const { params, fitted } = fittedFromJSON(FAMILY_ID, FAMILY, json, 'shares')
    const model = new RandomForest(params as Partial<RandomForestParams>)
    model.fitted = fitted
    return model
  }
}

/** The trees of one range, as growForestTrees returns them (every array transferable). */
export interface ForestPart {
  from: number
  to: number
  trees: ForestTree[]
  /** Split gains per tree and feature, (to − from) × cols. */
  importance: Float64Array
  /** With oobScore: per row and output, the summed leaf values of the range's trees that missed the row, in units of inputs.oobQuantum. */
  oobSum: Float64Array | null
  /** With oobScore: per row, how many of the range's trees missed it. */
  oobCount: Int32Array | null
}

/**
 * Validates the parameters (as the constructor does) and the data (as fit
 * does), and bins the matrix: the shared inputs of growForestTrees. With
 * `options.allocate` every array lives in the buffers it returns (e.g.
 * SharedArrayBuffers for worker threads).
 */
export function prepareForest(X: Matrix, y: Float64Array, params: Partial<RandomForestParams>, options: PrepareOptions = {}): ForestInputs {
  throwIfAborted(options.signal)
  const p = new RandomForest(params).params
  const settings = {
    nTrees: p.nTrees,
    maxDepth: p.maxDepth ?? Infinity,
    minSamplesLeaf: p.minSamplesLeaf,
    featuresPerSplit: featuresPerSplit(p.maxFeatures, X.cols),
    oobScore: p.oobScore,
    seed: p.seed,
  }
  return prepareInputs(FAMILY, X, y, settings, p.maxBins, p.classWeight, options)
}

/**
 * Grows trees from…to-1 of the forest (0 ≤ from ≤ to ≤ nTrees). `onTree`
 * hears how many of the range are done; `signal` stops between trees.
 */
export function growForestTrees(inputs: ForestInputs, from: number, to: number, options: { signal?: AbortSignal; onTree?: (done: number) => void } = {}): ForestPart {
  const { nTrees, oobScore } = inputs.settings
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= nTrees)) {
    throw new RangeError(`random forest: tree range ${from}…${to} is not within 0…${nTrees}`)
  }
  const p = inputs.cols
  const importance = new Float64Array((to - from) * p)
  const oobSum = oobScore ? new Float64Array(inputs.rows * inputs.outputs) : null
  const oobCount = oobScore ? new Int32Array(inputs.rows) : null
  const trees: ForestTree[] = []
  if (to > from) {
    const grower = new ForestTreeGrower(inputs)
    for (let t = from; t < to; t++) {
      throwIfAborted(options.signal)
      trees.push(grower.grow(t, importance, (t - from) * p, oobSum, oobCount))
      options.onTree?.(t - from + 1)
    }
  }
  return { from, to, trees, importance, oobSum, oobCount }
}

/** The ArrayBuffers of a part, to list as transferables when posting it from a worker. */
export function forestPartBuffers(part: ForestPart): ArrayBufferLike[] {
  const buffers: ArrayBufferLike[] = [part.importance.buffer]
  if (part.oobSum) buffers.push(part.oobSum.buffer)
  if (part.oobCount) buffers.push(part.oobCount.buffer)
  for (const t of part.trees) buffers.push(t.feature.buffer, t.bin.buffer, t.defaultLeft.buffer, t.left.buffer, t.value.buffer, t.cover.buffer)
  return buffers
}

/**
 * The fitted forest from parts covering every tree once: trees in index
 * order, importance summed tree by tree, out-of-bag sums added exactly.
 */
export function assembleForest(inputs: ForestInputs, parts: readonly ForestPart[]): { fitted: FittedTrees; report: FitReport } {
  const { nTrees, oobScore } = inputs.settings
  const { rows: n, cols: p, outputs } = inputs
  const ordered = [...parts].sort((a, b) => a.from - b.from)
  let next = 0
  for (const part of ordered) {
    if (part.from !== next || part.trees.length !== part.to - part.from) throw new RangeError(`random forest: parts must cover trees 0…${nTrees - 1} once; expected a part from tree ${next}, got ${part.from}…${part.to}`)
    next = part.to
  }
  if (next !== nTrees) throw new RangeError(`random forest: parts cover trees 0…${next - 1} of ${nTrees}`)
  const trees = ordered.flatMap((part) => part.trees)
  const importance = new Float64Array(p)
  for (const part of ordered) for (let t = 0; t < part.to - part.from; t++) for (let f = 0; f < p; f++) importance[f] += Math.max(0, part.importance[t * p + f])
  const ensemble = new ForestEnsemble(trees, outputs, inputs.base, 1 / nTrees, { nBins: inputs.nBins, edges: inputs.edges, edgeStart: inputs.edgeStart })
  const fitted: FittedTrees = { task: inputs.task, classes: inputs.classes, features: p, importance: normaliseImportance(importance), ensemble, link: 'shares' }
  if (!oobScore) return { fitted, report: { iterations: nTrees, converged: true, finalLoss: Number.NaN, oobScore: null } }
  const sum = new Float64Array(n * outputs)
  const count = new Int32Array(n)
  for (const part of ordered) {
    if (!part.oobSum || !part.oobCount) throw new RangeError('random forest: a part has no out-of-bag sums although oobScore is on')
    for (let i = 0; i < n * outputs; i++) sum[i] += part.oobSum[i]
    for (let i = 0; i < n; i++) count[i] += part.oobCount[i]
  }
  for (let i = 0; i < n * outputs; i++) sum[i] *= inputs.oobQuantum
  const oob = outOfBagScore(sum, count, inputs.base, inputs.y, inputs.classes)
  return { fitted, report: { iterations: nTrees, converged: true, finalLoss: oob.loss, oobScore: oob.score } }
}
