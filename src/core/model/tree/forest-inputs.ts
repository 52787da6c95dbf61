/**
 * What every tree of a random forest is grown from, prepared once per fit
 * (prepareForest): the binned matrix in both layouts, bin edges, targets,
 * row weights, the base score and the settings. Only typed arrays and plain
 * numbers, so the inputs can live in SharedArrayBuffers and be handed to
 * worker threads that grow disjoint ranges of trees (see random-forest.ts).
 */
import type { Matrix, Task } from '../../types'
import type { FitOptions } from '../estimator'
import { binMatrix, findBinEdges } from './binning'
import { prepareFit } from './fit-inputs'
import type { BinnedMatrix } from './types'
import { classPriors, weightedMean } from './objectives'

/** How trees grow; a copy of the forest's parameters as plain numbers. */
export interface ForestSettings {
  nTrees: number
  /** Infinity for no limit. */
  maxDepth: number
  minSamplesLeaf: number
  /** Features drawn per split (1…cols). */
  featuresPerSplit: number
  oobScore: boolean
  /** The forest seed; tree t draws from streamSeed(seed, t). */
  seed: number
}

/** The shared inputs of growForestTrees (see the file header). */
export interface ForestInputs {
  task: Task
  /** Classes (0 for regression). */
  classes: number
  /** Values per leaf: 1 (binary share of class 1, regression) or the class count. */
  outputs: number
  rows: number
  cols: number
  /** Column-major bin codes, `codes[col * rows + row]`; code nBins[col] is missing. */
  codes: Uint8Array
  /** The same codes row-major, `rowCodes[row * cols + col]`. */
  rowCodes: Uint8Array
  /** Value bins per feature. */
  nBins: Int32Array
  /** Every feature's bin edges, concatenated: feature f's are edges[edgeStart[f]..edgeStart[f + 1]). */
  edges: Float64Array
  edgeStart: Int32Array
  /** Class index or value per row. */
  y: Float64Array
  /** Row weights (sample × class weight, average 1). */
  weights: Float64Array
  /** Base score per output: class priors (binary: of class 1) or the weighted mean. */
  base: Float64Array
  /**
   * 1 when each row's statistics pack into one double (binary classification,
   * whole-number weights, no row counts needed): weight + 2^26 × weight of
   * class 1, summed exactly. 0 otherwise.
   */
  packed: number
  /**
   * Out-of-bag sums are kept in whole multiples of this power of two, so
   * adding them is exact and the out-of-bag score does not depend on how the
   * trees were split among threads.
   */
  oobQuantum: number
  settings: ForestSettings
}

/** Whole-number statistics pack as weight + PACK × class-1 weight while every sum stays below PACK. */
export const PACK = 2 ** 26

/** Options of prepareForest beyond the estimator's FitOptions. */
export interface PrepareOptions extends FitOptions {
  /**
   * Allocates the memory behind each shared input array, e.g.
   * `(bytes) => new SharedArrayBuffer(bytes)` for worker threads; default
   * ordinary ArrayBuffers.
   */
  allocate?: (bytes: number) => ArrayBufferLike
}

/**
 * Checks the inputs (the tree families' messages), bins the matrix and
 * resolves weights and the base score: everything growForestTrees needs.
 */
export function prepareForest(family: string, X: Matrix, y: Float64Array, settings: ForestSettings, maxBins: number, classWeight: 'none' | 'balanced', options: PrepareOptions = {}): ForestInputs {
  const { task, classes, weights } = prepareFit(family, X, y, options, classWeight)
  const classification = task !== 'regression'
  const { rows: n, cols: p } = X
  const all = Uint32Array.from({ length: n }, (_, i) => i)
  const outputs = classes > 2 ? classes : 1
  const base = !classification ? Float64Array.of(weightedMean(y, weights, all)) : classes === 2 ? classPriors(y, weights, all, 2).subarray(1) : classPriors(y, weights, all, classes)
  const binned = binMatrix(X, findBinEdges(X, { maxBins, seed: settings.seed }))
  const edgeStart = new Int32Array(p + 1)
  for (let f = 0; f < p; f++) edgeStart[f + 1] = edgeStart[f] + binned.edges[f].length
  const edges = new Float64Array(edgeStart[p])
  for (let f = 0; f < p; f++) edges.set(binned.edges[f], edgeStart[f])
  let whole = true
  let maxWeight = 0
  for (let i = 0; i < n; i++) {
    if (weights[i] !== Math.round(weights[i])) whole = false
    if (weights[i] > maxWeight) maxWeight = weights[i]
  }
  // A tree's bootstrap draws n rows: its total weight is at most n × the largest weight.
  const packed = task === 'binary' && settings.minSamplesLeaf <= 1 && whole && n * maxWeight < PACK ? 1 : 0
  // Leaf values lie within the targets' spread around the base: |value| ≤ 2^e.
  let spread = classification ? 1 : 0
  if (!classification) for (let i = 0; i < n; i++) if (weights[i] > 0) spread = Math.max(spread, Math.abs(y[i] - base[0]))
  const e = spread > 0 ? Math.ceil(Math.log2(spread)) : 0
  // ≤ 5000 trees (2^13) of |value| ≤ 2^40 quanta: every sum stays below 2^53, so exact.
  const oobQuantum = 2 ** (e - 40)
  const place = options.allocate ?? ((bytes: number) => new ArrayBuffer(bytes))
  const share = <T extends Uint8Array | Int32Array | Float64Array>(a: T): T => {
    if (!options.allocate) return a
    const copy = new (a.constructor as new (buffer: ArrayBufferLike) => T)(place(a.byteLength))
    copy.set(a)
    return copy
  }
  return {
    task,
    classes,
    outputs,
    rows: n,
    cols: p,
    codes: share(binned.bins),
    rowCodes: share(rowMajorBins(binned)),
    nBins: share(binned.nBins),
    edges: share(edges),
    edgeStart: share(edgeStart),
    y: share(Float64Array.from(y)),
    weights: share(weights),
    base: share(Float64Array.from(base)),
    packed,
    oobQuantum,
    settings: { ...settings },
  }
}

/**
 * The binned matrix again, row-major (`bins[row * cols + col]`): the features
 * a forest draws for a split share one cache line of a row, where column-major
 * codes cost one cache miss per feature once a node's rows are scattered.
 */
export function rowMajorBins(data: BinnedMatrix): Uint8Array {
  const { rows: n, cols: p, bins } = data
  const out = new Uint8Array(n * p)
  for (let j = 0; j < p; j++) {
    const col = j * n
    for (let i = 0, x = j; i < n; i++, x += p) out[x] = bins[col + i]
  }
  return out
}
