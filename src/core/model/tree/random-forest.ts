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
 *   const queue = treeQueue((b) => new SharedArrayBuffer(b))  // forest-threads.ts
 *   // on any threads (inputs and queue are plain data: post them), each claiming trees until none is left:
 *   const part = growQueuedTrees(inputs, queue)                // ForestPart: transfer forestPartBuffers(part)
 *   // or a fixed range: growForestTrees(inputs, from, to)
 *   // back on one thread, with all the parts in any order:
 *   const report = model.assemble(inputs, parts)               // model = new RandomForest(params)
 *
 * prepareForest validates (same errors as fit) and bins once: every shared
 * array (codes in both layouts, edges, targets, weights) is a typed array
 * over `allocate`'s buffers. A part holds the trees its thread grew (any set
 * of tree indices) as compact typed arrays (ForestTree), their per-tree
 * importance gains and, with oobScore on, their out-of-bag sums (whole
 * multiples of a power of two, so adding parts is exact in any order).
 * RandomForest.fit is exactly prepare + grow all + assemble.
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
import { claimTree, defaultForestThreads, drainQueue, finishTree, treeQueue, type ForestThreads, type TreeQueue } from './forest-threads'
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

  /**
   * Every thread, this one included, claims trees from one shared queue until
   * none is left (forest-threads.ts), so a thread held up by the preparation,
   * by start-up or by a loaded machine grows fewer trees instead of making
   * the others wait; progress counts the trees finished on all threads.
   */
  private async fitOnThreads(X: Matrix, y: Float64Array, options: FitOptions, threads: ForestThreads): Promise<FitReport> {
    const allocate = (bytes: number) => threads.allocate(bytes)
    const inputs = prepareForest(X, y, this.params, { ...options, allocate })
    const total = inputs.settings.nTrees
    const queue = treeQueue(allocate)
    const remote = Array.from({ length: threads.threads - 1 }, () => threads.grow(inputs, queue))
    // Observed at once, so a helper's failure while this thread grows is not reported as unhandled.
    for (const part of remote) part.catch(() => undefined)
    // One turn of the event loop before this thread's own trees: a browser worker's messages to its
    // helpers leave only when it yields, and growing does not yield until the queue is empty.
    await new Promise((resolve) => setTimeout(resolve, 0))
    let mine: ForestPart
    try {
      mine = growQueuedTrees(inputs, queue, {
        signal: options.signal,
        onFinished: (done) => options.onProgress?.({ done: Math.min(total - 1, done), total, unit: 'tree' }),
      })
    } catch (error) {
      // Cancelled (or failed): the helpers stop after the tree they are growing.
      drainQueue(queue, total)
      throw error
    }
    const parts = [mine, ...(await Promise.all(remote))]
    throwIfAborted(options.signal)
    options.onProgress?.({ done: total, total, unit: 'tree' })
    return this.assemble(inputs, parts)
  }

  /**
   * Makes this model the forest of `parts` (growQueuedTrees or growForestTrees
   * calls that together grew every tree once, in any order) grown from `inputs`, which
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

/** The trees one thread grew, as growQueuedTrees and growForestTrees return them (every array transferable). */
export interface ForestPart {
  /** The forest index of each of `trees`, ascending. */
  indices: Int32Array
  trees: ForestTree[]
  /** Split gains per tree and feature, trees.length × cols. */
  importance: Float64Array
  /** With oobScore: per row and output, the summed leaf values of the part's trees that missed the row, in units of inputs.oobQuantum. */
  oobSum: Float64Array | null
  /** With oobScore: per row, how many of the part's trees missed it. */
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
  const { nTrees } = inputs.settings
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= nTrees)) {
    throw new RangeError(`random forest: tree range ${from}…${to} is not within 0…${nTrees}`)
  }
  let next = from
  let done = 0
  return growTrees(inputs, () => (next < to ? next++ : -1), options.signal, () => options.onTree?.(++done))
}

/**
 * Claims trees from `queue` (forest-threads.ts) and grows them until every
 * tree of the forest is claimed; other threads may claim from the same queue
 * meanwhile. `onFinished` hears how many trees all threads have finished;
 * `signal` stops between trees.
 */
export function growQueuedTrees(inputs: ForestInputs, queue: TreeQueue, options: { signal?: AbortSignal; onFinished?: (done: number) => void } = {}): ForestPart {
  const { nTrees } = inputs.settings
  return growTrees(
    inputs,
    () => {
      const t = claimTree(queue)
      return t < nTrees ? t : -1
    },
    options.signal,
    () => {
      const done = finishTree(queue)
      options.onFinished?.(done)
    },
  )
}

/** Grows the trees `next` names, in the order it names them, until it gives -1. */
function growTrees(inputs: ForestInputs, next: () => number, signal: AbortSignal | undefined, onTree: () => void): ForestPart {
  const { oobScore } = inputs.settings
  const p = inputs.cols
  const oobSum = oobScore ? new Float64Array(inputs.rows * inputs.outputs) : null
  const oobCount = oobScore ? new Int32Array(inputs.rows) : null
  const indices: number[] = []
  const trees: ForestTree[] = []
  let importance = new Float64Array(0)
  let grower: ForestTreeGrower | null = null
  for (;;) {
    throwIfAborted(signal)
    const t = next()
    if (t < 0) break
    grower ??= new ForestTreeGrower(inputs)
    if (importance.length < (trees.length + 1) * p) {
      const larger = new Float64Array(Math.max(8, 2 * trees.length + 2) * p)
      larger.set(importance)
      importance = larger
    }
    trees.push(grower.grow(t, importance, trees.length * p, oobSum, oobCount))
    indices.push(t)
    onTree()
  }
  return { indices: Int32Array.from(indices), trees, importance: importance.slice(0, trees.length * p), oobSum, oobCount }
}

/** The ArrayBuffers of a part, to list as transferables when posting it from a worker. */
export function forestPartBuffers(part: ForestPart): ArrayBufferLike[] {
  const buffers: ArrayBufferLike[] = [part.indices.buffer, part.importance.buffer]
  if (part.oobSum) buffers.push(part.oobSum.buffer)
  if (part.oobCount) buffers.push(part.oobCount.buffer)
  for (const t of part.trees) buffers.push(t.feature.buffer, t.bin.buffer, t.defaultLeft.buffer, t.left.buffer, t.value.buffer, t.cover.buffer)
  return buffers
}

/**
 * The fitted forest from parts that together hold every tree once: trees in
 * index order, importance summed tree by tree in that order, out-of-bag sums
 * added exactly.
 */
export function assembleForest(inputs: ForestInputs, parts: readonly ForestPart[]): { fitted: FittedTrees; report: FitReport } {
  const { nTrees, oobScore } = inputs.settings
  const { rows: n, cols: p, outputs } = inputs
  // Where each tree is: its part and its place in the part.
  const partOf = new Int32Array(nTrees).fill(-1)
  const placeOf = new Int32Array(nTrees)
  parts.forEach((part, k) => {
    if (part.indices.length !== part.trees.length) throw new RangeError(`random forest: a part lists ${part.indices.length} tree indices for ${part.trees.length} trees`)
    part.indices.forEach((t, i) => {
      if (!(t >= 0 && t < nTrees)) throw new RangeError(`random forest: a part holds tree ${t}, outside 0…${nTrees - 1}`)
      if (partOf[t] >= 0) throw new RangeError(`random forest: tree ${t} is in two parts; parts must hold trees 0…${nTrees - 1} once`)
      partOf[t] = k
      placeOf[t] = i
    })
  })
  const missing = partOf.indexOf(-1)
  if (missing >= 0) throw new RangeError(`random forest: no part holds tree ${missing} of 0…${nTrees - 1}`)
  const trees = Array.from(partOf, (k, t) => parts[k].trees[placeOf[t]])
  const importance = new Float64Array(p)
  for (let t = 0; t < nTrees; t++) {
    const gains = parts[partOf[t]].importance
    const at = placeOf[t] * p
    for (let f = 0; f < p; f++) importance[f] += Math.max(0, gains[at + f])
  }
  const ensemble = new ForestEnsemble(trees, outputs, inputs.base, 1 / nTrees, { nBins: inputs.nBins, edges: inputs.edges, edgeStart: inputs.edgeStart })
  const fitted: FittedTrees = { task: inputs.task, classes: inputs.classes, features: p, importance: normaliseImportance(importance), ensemble, link: 'shares' }
  if (!oobScore) return { fitted, report: { iterations: nTrees, converged: true, finalLoss: Number.NaN, oobScore: null } }
  const sum = new Float64Array(n * outputs)
  const count = new Int32Array(n)
  for (const part of parts) {
    if (!part.oobSum || !part.oobCount) throw new RangeError('random forest: a part has no out-of-bag sums although oobScore is on')
    for (let i = 0; i < n * outputs; i++) sum[i] += part.oobSum[i]
    for (let i = 0; i < n; i++) count[i] += part.oobCount[i]
  }
  for (let i = 0; i < n * outputs; i++) sum[i] *= inputs.oobQuantum
  const oob = outOfBagScore(sum, count, inputs.base, inputs.y, inputs.classes)
  return { fitted, report: { iterations: nTrees, converged: true, finalLoss: oob.loss, oobScore: oob.score } }
}
