/**
 * Where a tree grower's histograms are built: the buffers a build reads (row
 * index, ordered gradients) and writes (histograms), and the build itself.
 * Two implementations give identical bits, because each adds every bin's
 * rows in the same order:
 *  - plainWorkspace: ordinary typed arrays and buildHistogram (../histogram.ts),
 *    the reference, and the path for every mode but one-output boosting;
 *  - wasm-kernel.ts: the buffers live in WebAssembly memory and a SIMD kernel
 *    builds (optionally split across threads, kernel/parallel.ts).
 */
import { buildHistogram, HistogramPool, subtractHistogram, type HistogramLayout } from '../histogram'
import { partitionRows, partitionWithGradients } from '../partition'
import { bundledCodes, expandBundles, searchOrder } from '../feature-bundles'
import { evaluateFeature, type SplitConstraints } from '../splitter'
import type { Matrix } from '../../../types'
import { binMatrix, findBinEdges, type BinningOptions } from '../binning'
import type { BinnedMatrix, SplitInfo } from '../types'
import type { GradientPass } from './gradient-pass'

/** The buffers and the histogram build of one grower. */
export interface HistogramWorkspace {
  /** The grower's row index (n entries); builds read rows[start..end). */
  readonly rows: Uint32Array
  /**
   * Ordered gradients and hessians, aligned with `rows`: entry i belongs to
   * rows[i] (the grower gathers them at the root; partition keeps them
   * aligned). Builds of rows[start..end) read entries start…end-1.
   */
  readonly gOrdered: Float64Array
  readonly hOrdered: Float64Array
  /** A histogram buffer of the layout's size; contents stale (builds clear what they fill). */
  acquire(): Float64Array
  release(hist: Float64Array): void
  /** buildHistogram's contract (see ../histogram.ts) over this workspace's buffers. */
  build(hist: Float64Array, start: number, end: number, features: Int32Array, from: number, to: number, contiguous: boolean): void
  /**
   * partitionWithGradients (../partition.ts) of rows[start..end) and their
   * ordered gradients by feature ≤ splitBin, missing left when `missingLeft`;
   * returns where the right part starts. Without `gradients` only the rows
   * move (partitionRows), for nodes whose children are never built: the
   * range's ordered gradients are then stale.
   */
  partition(start: number, end: number, feature: number, splitBin: number, missingLeft: boolean, gradients: boolean): number
  /**
   * partition for requests[0..count) — a level's nodes, each on its own rows
   * — in any order or side by side; each request's `right` is set to where
   * its right side starts. Workspaces without it partition one node at a
   * time.
   */
  partitionBatch?(requests: PartitionRequest[], count: number): void
  /**
   * A node's work in one call: builds `hist` for rows[start..end) over all
   * `features` (as build); with `parent`, turns parent into parent − hist
   * (the larger sibling's histogram, as subtractHistogram); then searches
   * `hist` when `search` is given and `parent` when `parentSearch` is,
   * improving `best` and `parentBest` as searchFeatures does (their gains
   * start at the node's floor).
   */
  buildSearch(work: NodeWork): void
  /**
   * buildSearch for works[0..count) — a level of a tree, each on its own
   * rows, histograms and searches — in any order or side by side: the
   * results are those of calling buildSearch on each. Workspaces without it
   * grow trees depth first, one node at a time.
   */
  buildSearchBatch?(works: NodeWork[], count: number): void
}

/** One node's partition for partitionBatch: partition's arguments and its result. */
export interface PartitionRequest {
  start: number
  end: number
  feature: number
  splitBin: number
  missingLeft: boolean
  gradients: boolean
  /** Set by partitionBatch: where the right side starts. */
  right: number
}

/** What buildSearch does; see there. */
export interface NodeWork {
  hist: Float64Array
  start: number
  end: number
  features: Int32Array
  contiguous: boolean
  search: NodeSums | null
  best: SplitInfo
  parent: Float64Array | null
  parentSearch: NodeSums | null
  parentBest: SplitInfo
  constraints: SplitConstraints
  /** The built node's sums, searched or not: bundled features' histograms are derived from them (feature-bundles.ts). */
  totals: NodeSums
}

/** A node's sums, as the split search needs them. */
export interface NodeSums {
  G: Float64Array
  H: number
  count: number
  /** nodeScore of G and H. */
  score: number
}

/**
 * The reference split search: evaluateFeature for each feature in order,
 * improving `best` (whose gain is the floor a split must beat).
 */
export function searchFeatures(hist: Float64Array, layout: HistogramLayout, nBins: Int32Array, features: Int32Array, node: NodeSums, c: SplitConstraints, best: SplitInfo, scratch: Float64Array): void {
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]
    evaluateFeature(hist, layout, f, nBins[f], node.G, node.H, node.count, node.score, c, best, scratch)
  }
}

/** What makes workspaces: one per grower (fit). */
export interface HistogramKernel {
  /** For logs and the bench: e.g. "typescript", "wasm-simd", "wasm-simd ×2 threads". */
  readonly name: string
  /** Whether depth-wise trees should grow a level at a time (see TreeGrower.growLevels): workspaces then have buildSearchBatch. */
  readonly levels?: boolean
  /**
   * A workspace for `data` with `outputs` gradients per row under `layout`,
   * keeping up to `slots` histograms in fast memory (more are still handed
   * out, as ordinary arrays built by the reference loop).
   */
  workspace(data: BinnedMatrix, layout: HistogramLayout, outputs: number, slots: number): HistogramWorkspace
  /** findBinEdges (../binning.ts) where this kernel has its own: the same edges. */
  binEdges?(X: Matrix, options: BinningOptions): Float64Array[]
  /** binMatrix (../binning.ts) where this kernel has its own: the same codes. */
  binMatrix?(X: Matrix, edges: Float64Array[]): BinnedMatrix
  /**
   * Boosting's gradient pass for the binary log loss over `rows`, where this
   * kernel has one (kernel/gradient-pass.ts); otherwise, or on null, boosting
   * runs the objective's own (the reference).
   */
  binaryGradients?(y: Float64Array, w: Float64Array, rows: Uint32Array): GradientPass | null
}

/** findBinEdges then binMatrix (../binning.ts), through the kernel's own where it has them: the same edges and codes. */
export function binWithKernel(kernel: HistogramKernel, X: Matrix, options: BinningOptions): BinnedMatrix {
  const edges = kernel.binEdges?.(X, options) ?? findBinEdges(X, options)
  return kernel.binMatrix?.(X, edges) ?? binMatrix(X, edges)
}

/** The reference kernel: typed arrays and buildHistogram. */
export const typescriptKernel: HistogramKernel = {
  name: 'typescript',
  workspace: plainWorkspace,
}

/**
 * buildSearch one step after another, with `build` for the histogram: the
 * reference. With bundles, `work.features` is a build list (bundleEntries):
 * the build fills the bundles' histograms, their members' are derived, and
 * the subtraction and searches go through the members (searchOrder).
 */
export function buildSearchInOrder(
  work: NodeWork,
  layout: HistogramLayout,
  data: BinnedMatrix,
  scratch: Float64Array,
  build: (hist: Float64Array, start: number, end: number, features: Int32Array, contiguous: boolean) => void,
): void {
  const { hist, features, parent } = work
  const { nBins, bundles } = data
  build(hist, work.start, work.end, features, work.contiguous)
  let searched = features
  if (bundles) {
    expandBundles(hist, layout, bundles, features, 0, features.length, work.totals.G[0], work.totals.H, work.totals.count)
    searched = searchOrder(features, bundles)
  }
  if (parent) subtractHistogram(parent, hist, layout, nBins, searched, searched.length)
  if (work.search) searchFeatures(hist, layout, nBins, searched, work.search, work.constraints, work.best, scratch)
  if (parent && work.parentSearch) searchFeatures(parent, layout, nBins, searched, work.parentSearch, work.constraints, work.parentBest, scratch)
}

export function plainWorkspace(data: BinnedMatrix, layout: HistogramLayout, outputs: number): HistogramWorkspace {
  const n = data.rows
  const pool = new HistogramPool(layout.size)
  const rows = new Uint32Array(n)
  const gOrdered = new Float64Array(n * outputs)
  const hOrdered = new Float64Array(n)
  const scratch = new Uint32Array(n)
  const gScratch = new Float64Array(n * outputs)
  const hScratch = new Float64Array(n)
  const splitScratch = new Float64Array(2 * outputs)
  // Builds read the bundles' codes as the columns after the features'.
  const codes = data.bundles ? { ...data, bins: bundledCodes(data) } : data
  // A build of rows[start..end) reads the ordered gradients from entry start on.
  const build = (hist: Float64Array, start: number, end: number, features: Int32Array, from: number, to: number, contiguous: boolean): void =>
    buildHistogram(hist, layout, codes, rows, start, end, features, from, to, gOrdered.subarray(start * outputs), hOrdered.subarray(start), contiguous)
  return {
    rows,
    gOrdered,
    hOrdered,
    acquire: () => pool.acquire(),
    release: (hist) => pool.release(hist),
    build,
    partition: (start, end, feature, splitBin, missingLeft, gradients) =>
      gradients
        ? partitionWithGradients(rows, gOrdered, hOrdered, outputs, scratch, gScratch, hScratch, start, end, data.bins, feature * n, splitBin, data.nBins[feature], missingLeft)
        : partitionRows(rows, scratch, start, end, data.bins, feature * n, splitBin, data.nBins[feature], missingLeft),
    buildSearch(work) {
      buildSearchInOrder(work, layout, data, splitScratch, (hist, start, end, features, contiguous) => build(hist, start, end, features, 0, features.length, contiguous))
    },
  }
}
