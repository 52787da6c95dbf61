/**
 * Grower: builds one tree from gradients and hessians over a binned matrix. It
 * never sees a loss; objectives (boosting) or centred targets (trees, forests)
 * provide the gradients. Rows live in one index array that every split
 * partitions in place, each node being a range of it. All buffers — rows,
 * ordered gradients, histograms, node arrays — belong to the grower and are
 * reused by every tree it grows, so a fit allocates almost nothing per node.
 *
 * Growth is depth-wise (every node that can split does, up to maxDepth) or
 * leaf-wise (the open node with the largest gain splits next, up to
 * maxLeaves). Two ways to find splits:
 *  - all features (trees, boosting): every open node keeps a histogram of all
 *    its features; a split scans the smaller child and gets the larger by
 *    subtraction from the parent;
 *  - features drawn per split (forests): a node histograms only its drawn
 *    features, directly, in a buffer kept all zero, touching and scanning only
 *    the bins its rows occupy; gradients travel with their rows (positional)
 *    so no node gathers them, small nodes read a row-major copy of the codes,
 *    and a node is split as soon as its split is found.
 */
import type { Random } from '../../random'
import { gatherGradients, histogramLayout, subtractHistogram, type HistogramLayout } from './histogram'
import { defaultHistogramKernel } from './kernel/default-kernel'
import { plainWorkspace, type HistogramKernel, type HistogramWorkspace } from './kernel/workspace'
import { NodeStore } from './node-store'
import { OpenNodes } from './open-nodes'
import { partitionRows, partitionWithGradients } from './partition'
import { buildSampledHistogram, clearCodes, OCCUPANCY_WORDS, occupiedCodes, rowMajorBins } from './sampled-histogram'
import { emptySplit, evaluateCodes, evaluateFeature, leafValue, nodeScore, type SplitConstraints } from './splitter'
import type { BinnedMatrix, GrownTree, GrowParams, SplitInfo } from './types'

// The grown-tree shape is part of the grower's API; it lives with the shared types.
export type { GrownTree } from './types'

/**
 * Histograms kept for open nodes may use at most this many bytes. Depth-wise
 * growth keeps O(depth) of them; leaf-wise growth keeps one per open leaf, so
 * a large maxLeaves would otherwise need gigabytes. Past the budget a node
 * drops its histogram and its children are scanned instead of subtracted.
 */
export const HISTOGRAM_BUDGET_BYTES = 64 * 1024 * 1024

/**
 * Per-split sampling histograms a node from the row-major copy of the codes
 * when it holds fewer than 1/16 of the rows (measured on a forest over
 * 80,000 × 42 in Node 20: 1/8 to 1/32 alike, all row-major 15% slower, all
 * column-major 25% slower).
 */
const SCATTERED_BELOW_SHARE = 16

/** Grows trees over one binned matrix; create one per fit and call grow per tree. */
export class TreeGrower {
  private readonly n: number
  private readonly k: number
  private readonly layout: HistogramLayout
  /** Row index, ordered gradients, histogram buffers and the build (kernel/workspace.ts). */
  private readonly pool: HistogramWorkspace
  private readonly maxHistograms: number
  private readonly constraints: SplitConstraints
  private readonly nodes: NodeStore
  private readonly candidate: SplitInfo
  /** The gradient sums of the node being searched. */
  private readonly nodeG: Float64Array
  private readonly splitScratch: Float64Array
  private readonly rows: Uint32Array
  private readonly scratch: Uint32Array
  /** Rows that ride down the splits without shaping the tree (out-of-bag, validation). */
  private readonly passengers: Uint32Array
  /** Gradients and hessians in row order: per node (gathered) or positional (see positional). */
  private readonly gOrdered: Float64Array
  private readonly hOrdered: Float64Array
  /** Per-split sampling keeps gOrdered/hOrdered aligned with `rows` for the whole tree; the spares hold right sides during partitions. */
  private readonly positional: boolean
  /** Whether histograms count rows (see HistogramLayout.counted). */
  private readonly counted: boolean
  private readonly gSpare: Float64Array
  private readonly hSpare: Float64Array
  /** Σ g²/h of the left and right rows of the last positional partition. */
  private readonly childSquares = new Float64Array(2)
  /** A histogram kept all zero between uses, the occupancy masks of the features built in it, and scratch for their bin codes. */
  private readonly zeroHist: Float64Array
  private occupied = new Int32Array(0)
  private readonly occupiedCodes = new Int32Array(256)
  /** The histogram of each open node (all-features mode), or null. */
  private hists: (Float64Array | null)[] = []
  private liveHistograms = 0
  /** Features of the current tree in draw order (per-split sampling). */
  private perm = new Int32Array(0)
  // The tree being grown.
  private gCurrent: Float64Array = new Float64Array(0)
  private hCurrent: Float64Array = new Float64Array(0)
  private direct = false
  /** The binned matrix row-major, for per-split sampling (see rowMajorBins). */
  private readonly rowBins: Uint8Array

  /**
   * `outputs`: gradient columns per row (row-major g), sharing one hessian
   * column; `histogramBudget`: bytes of histograms kept for open nodes;
   * `kernel`: where one-output histograms with row counts are built (the
   * other modes always use the reference loop).
   */
  constructor(
    private readonly data: BinnedMatrix,
    outputs: number,
    private readonly params: GrowParams,
    histogramBudget = HISTOGRAM_BUDGET_BYTES,
    kernel: HistogramKernel = defaultHistogramKernel(),
  ) {
    const n = data.rows
    this.n = n
    this.k = outputs
    this.positional = params.featuresPerSplit > 0
    // Row counts matter for minSamplesLeaf and for subtraction; a forest sampling
    // features per split down to single-row leaves needs neither.
    this.counted = !(this.positional && params.featuresPerSplit < data.cols && params.minSamplesLeaf <= 1)
    this.layout = histogramLayout(data.nBins, outputs, this.counted)
    this.maxHistograms = Math.max(0, Math.floor(histogramBudget / (8 * this.layout.size)))
    // Depth-first growth keeps at most one histogram per level plus the pair being made; leaf-wise one per open leaf.
    const slots = Math.min(this.maxHistograms + 1, Number.isFinite(params.maxDepth) ? params.maxDepth + 3 : Math.min(params.maxLeaves, 1024) + 2)
    this.pool = outputs === 1 && this.counted && !this.positional ? kernel.workspace(data, this.layout, outputs, slots) : plainWorkspace(data, this.layout, outputs)
    this.constraints = { lambda: params.lambda, alpha: params.alpha, minChildWeight: params.minChildWeight, minSamplesLeaf: params.minSamplesLeaf }
    this.nodes = new NodeStore(outputs)
    this.candidate = emptySplit(outputs)
    this.nodeG = new Float64Array(outputs)
    this.splitScratch = new Float64Array(2 * outputs)
    this.rows = this.pool.rows
    this.scratch = new Uint32Array(n)
    this.passengers = new Uint32Array(n)
    this.gOrdered = this.pool.gOrdered
    this.hOrdered = this.pool.hOrdered
    this.gSpare = new Float64Array(this.positional ? n * outputs : 0)
    this.hSpare = new Float64Array(this.positional ? n : 0)
    this.zeroHist = new Float64Array(this.positional ? this.layout.size : 0)
    this.rowBins = this.positional ? rowMajorBins(data) : new Uint8Array(0)
  }

  /**
   * Grows one tree. `g` is row-major n × outputs, `h` has n entries; `sample`
   * lists the rows to learn from in ascending order (null: all rows); `features`
   * the columns this tree may split on; `random` draws per-split features when
   * params.featuresPerSplit asks for sampling. `passengers` (ascending, none
   * of them in `sample`) are sent down every split as it is made, so the
   * caller learns their leaves without walking the tree again: a forest's
   * out-of-bag rows, boosting's validation and unsampled rows.
   */
  grow(g: Float64Array, h: Float64Array, sample: Uint32Array | null, features: Int32Array, random: Random | null, passengers: Uint32Array | null = null): GrownTree {
    const { n, k, rows, nodes } = this
    const m = sample ? sample.length : n
    if (sample) rows.set(sample)
    else for (let i = 0; i < n; i++) rows[i] = i
    const p = features.length
    const perSplit = this.params.featuresPerSplit
    // Without counts, subtraction is unsafe: sample per split even when all features are drawn.
    const direct = perSplit > 0 && (perSplit < p || !this.counted)
    if (direct && !random) throw new Error('tree grower: per-split feature sampling needs a random source')
    if (direct) {
      if (this.perm.length !== p) this.perm = new Int32Array(p)
      this.perm.set(features)
      if (this.occupied.length < perSplit * OCCUPANCY_WORDS) this.occupied = new Int32Array(perSplit * OCCUPANCY_WORDS)
    }
    this.direct = direct
    this.gCurrent = g
    this.hCurrent = h
    this.hists = []
    this.liveHistograms = 0

    nodes.clear()
    const root = nodes.add(0, m, 0)
    gatherGradients(rows, 0, m, g, h, k, this.gOrdered, this.hOrdered)
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < k; c++) nodes.sumG[root * k + c] += this.gOrdered[i * k + c]
      nodes.sumH[root] += this.hOrdered[i]
    }
    nodes.sumCount[root] = m
    if (direct) nodes.sumSquares[root] = sumOfSquares(this.gOrdered, this.hOrdered, m, k)
    if (passengers) this.passengers.set(passengers)
    nodes.passengerEnd[root] = passengers ? passengers.length : 0
    this.setValue(root)

    if (direct && !Number.isFinite(this.params.maxLeaves)) {
      this.growDirectDepthFirst(root, random as Random)
      return this.grownTree()
    }
    const open = new OpenNodes(Number.isFinite(this.params.maxLeaves), (node) => this.nodes.splitGain[node])
    const consider = (node: number, hist: Float64Array | null): void => {
      const found = direct ? this.findSplitDirect(node, random as Random) : this.findSplitInHistogram(node, hist as Float64Array, features)
      if (found) {
        open.push(node)
        this.keepHistogram(node, hist)
      } else if (hist) this.pool.release(hist)
    }
    if (this.canSplit(root)) {
      let hist: Float64Array | null = null
      if (!direct) {
        hist = this.pool.acquire()
        this.pool.build(hist, 0, m, features, 0, p, sample === null)
      }
      consider(root, hist)
    }
    let leaves = 1
    while (open.size > 0) {
      const node = open.pop()
      const parentHist = this.takeHistogram(node)
      if (leaves >= this.params.maxLeaves) {
        if (parentHist) this.pool.release(parentHist)
        continue
      }
      const [leftNode, rightNode] = this.applySplit(node)
      leaves++
      const splitLeft = this.canSplit(leftNode)
      const splitRight = this.canSplit(rightNode)
      if (direct) {
        if (splitLeft) consider(leftNode, null)
        if (splitRight) consider(rightNode, null)
        continue
      }
      const leftSmaller = nodes.sumCount[leftNode] <= nodes.sumCount[rightNode]
      const [small, large] = leftSmaller ? [leftNode, rightNode] : [rightNode, leftNode]
      const [splitSmall, splitLarge] = leftSmaller ? [splitLeft, splitRight] : [splitRight, splitLeft]
      if (splitLarge && parentHist) {
        // Scan the smaller child; the larger is the parent minus it.
        const smallHist = this.pool.acquire()
        this.histogramOf(small, smallHist, features)
        subtractHistogram(parentHist, smallHist, this.layout, this.data.nBins, features, p)
        if (splitSmall) consider(small, smallHist)
        else this.pool.release(smallHist)
        consider(large, parentHist)
        continue
      }
      // No subtraction possible or needed: scan the children that can split, reusing the parent's buffer.
      let spare = parentHist
      for (const [child, can] of [[small, splitSmall], [large, splitLarge]] as const) {
        if (!can) continue
        const hist = spare ?? this.pool.acquire()
        spare = null
        this.histogramOf(child, hist, features)
        consider(child, hist)
      }
      if (spare) this.pool.release(spare)
    }
    return this.grownTree()
  }

  /**
   * Depth-wise growth with per-split sampling: a node is split the moment its
   * split is found, while its rows are still in cache from its histograms, and
   * its left child is searched next, right after the partition that made it.
   */
  private growDirectDepthFirst(root: number, random: Random): void {
    if (!this.canSplit(root)) return
    const todo = [root]
    while (todo.length > 0) {
      const node = todo.pop() as number
      if (!this.findSplitDirect(node, random)) continue
      const [leftNode, rightNode] = this.applySplit(node)
      if (this.canSplit(rightNode)) todo.push(rightNode)
      if (this.canSplit(leftNode)) todo.push(leftNode)
    }
  }

  /** The binned matrix row-major (per-split sampling only; empty otherwise): what out-of-bag rows walk (leafOfCodes). */
  get rowMajorCodes(): Uint8Array {
    return this.rowBins
  }

  /** The tree just grown, over the grower's buffers. */
  private grownTree(): GrownTree {
    const { nodes, k } = this
    return {
      nodeCount: nodes.count,
      outputs: k,
      feature: nodes.feature,
      bin: nodes.bin,
      threshold: nodes.threshold,
      defaultLeft: nodes.defaultLeft,
      left: nodes.left,
      right: nodes.right,
      value: nodes.value,
      gain: nodes.gain,
      cover: nodes.sumH,
      rowStart: nodes.rowStart,
      rowEnd: nodes.rowEnd,
      rows: this.rows,
      passengerStart: nodes.passengerStart,
      passengerEnd: nodes.passengerEnd,
      passengers: this.passengers,
    }
  }

  /** Whether a node may split at all: depth, rows and hessian leave room for two valid children. */
  private canSplit(node: number): boolean {
    const { maxDepth, minSamplesLeaf, minChildWeight } = this.params
    const rows = this.nodes.sumCount[node]
    const h = this.nodes.sumH[node]
    return this.nodes.depth[node] < maxDepth && rows >= 2 && rows >= 2 * minSamplesLeaf && h > 0 && h >= 2 * minChildWeight
  }

  /** Keeps an open node's histogram for its children's subtraction, unless the memory budget is spent. */
  private keepHistogram(node: number, hist: Float64Array | null): void {
    if (!hist) return
    if (this.liveHistograms >= this.maxHistograms) {
      this.pool.release(hist)
      return
    }
    this.hists[node] = hist
    this.liveHistograms++
  }

  /** The histogram kept for a node (now being split), if any; it is no longer counted as kept. */
  private takeHistogram(node: number): Float64Array | null {
    const hist = this.hists[node] ?? null
    if (hist) {
      this.hists[node] = null
      this.liveHistograms--
    }
    return hist
  }

  /** Gathers a node's ordered gradients and fills its histogram for `features`. */
  private histogramOf(node: number, hist: Float64Array, features: Int32Array): void {
    const start = this.nodes.rowStart[node]
    const end = this.nodes.rowEnd[node]
    gatherGradients(this.rows, start, end, this.gCurrent, this.hCurrent, this.k, this.gOrdered, this.hOrdered)
    this.pool.build(hist, start, end, features, 0, features.length, false)
  }

  /**
   * Prepares the search for a node's best split: copies its gradient sums to
   * nodeG, resets the candidate to "none" with the gain floor, and returns the
   * node's score. The floor is minGain, and at least 1e-10 of the node's
   * score: a pure node's "gain" is rounding noise of order 1e-16 of it.
   */
  private startSearch(node: number): number {
    const k = this.k
    for (let c = 0; c < k; c++) this.nodeG[c] = this.nodes.sumG[node * k + c]
    const parentScore = nodeScore(this.nodeG, this.nodes.sumH[node], this.params.lambda, this.params.alpha)
    this.candidate.gain = Math.max(this.params.minGain, 1e-10 * Math.abs(parentScore))
    this.candidate.feature = -1
    return parentScore
  }

  /** All-features mode: scans every feature of the node's histogram; stores the split found as pending. */
  private findSplitInHistogram(node: number, hist: Float64Array, features: Int32Array): boolean {
    const parentScore = this.startSearch(node)
    const { candidate: best, nodeG } = this
    const nBins = this.data.nBins
    const nodeH = this.nodes.sumH[node]
    const nodeCount = this.nodes.sumCount[node]
    for (let fi = 0; fi < features.length; fi++) {
      const f = features[fi]
      evaluateFeature(hist, this.layout, f, nBins[f], nodeG, nodeH, nodeCount, parentScore, this.constraints, best, this.splitScratch)
    }
    return this.storeSplit(node, best)
  }

  /**
   * Per-split sampling: draws features without replacement and histograms
   * them directly until featuresPerSplit non-constant ones were tried (so, as
   * in scikit-learn, a feature constant in the node does not use up the draw).
   * Without regularisation it skips pure nodes and stops early once a split
   * separates the node perfectly.
   */
  private findSplitDirect(node: number, random: Random): boolean {
    const parentScore = this.startSearch(node)
    const { candidate: best, nodeG, nodes, layout, data } = this
    const nBins = data.nBins
    const nodeH = nodes.sumH[node]
    const nodeCount = nodes.sumCount[node]
    const start = nodes.rowStart[node]
    const end = nodes.rowEnd[node]
    // Σ g²/h = G²/H exactly when every row has the same g/h (Cauchy–Schwarz): a pure
    // node, which no split improves; fully grown forests end most branches in them.
    // Without regularisation no split gains more than Σ g²/h - G²/H (both children
    // pure); once a drawn feature reaches that, later ones can only tie, and ties lose.
    const squares = nodes.sumSquares[node]
    const unregularised = this.params.lambda === 0 && this.params.alpha === 0
    if (unregularised && squares - parentScore <= 1e-9 * squares) return false
    const perfect = unregularised ? squares - parentScore - 1e-9 * squares : Infinity
    const perm = this.perm
    const p = perm.length
    const wanted = this.params.featuresPerSplit
    const hist = this.zeroHist
    let tried = 0
    let drawn = 0
    while (tried < wanted && drawn < p && best.gain < perfect) {
      // Draw as many features as are still wanted (partial Fisher–Yates over perm),
      // histogram them in one pass, then draw again only if some were constant here.
      const from = drawn
      const to = Math.min(p, drawn + wanted - tried)
      for (; drawn < to; drawn++) {
        const j = drawn + random.int(p - drawn)
        const f = perm[j]
        perm[j] = perm[drawn]
        perm[drawn] = f
      }
      // Nodes holding a good share of the rows read the column-major codes almost in sequence; smaller,
      // scattered ones read the row-major copy, where a row's drawn features share a cache line.
      const scattered = this.scattered(start, end)
      if (scattered) buildSampledHistogram(hist, layout, this.rowBins, 1, data.cols, this.rows, start, end, perm, from, to, this.gOrdered, this.hOrdered, this.occupied)
      else buildSampledHistogram(hist, layout, data.bins, this.n, 1, this.rows, start, end, perm, from, to, this.gOrdered, this.hOrdered, this.occupied)
      // Every histogram built in the zero buffer is cleared (bins and mask), evaluated or not.
      const codes = this.occupiedCodes
      for (let i = from; i < to; i++) {
        const f = perm[i]
        const u = occupiedCodes(this.occupied, (i - from) * OCCUPANCY_WORDS, codes, true)
        if (best.gain < perfect && evaluateCodes(hist, layout, f, nBins[f], codes, u, nodeG, nodeH, nodeCount, parentScore, this.constraints, best, this.splitScratch)) tried++
        clearCodes(hist, layout, f, codes, u)
      }
    }
    return this.storeSplit(node, best)
  }

  /** Whether a node's rows[start..end) are few enough to read the row-major codes (see SCATTERED_BELOW_SHARE). */
  private scattered(start: number, end: number): boolean {
    return (end - start) * SCATTERED_BELOW_SHARE < this.n
  }

  /** Records `best` as the node's pending split; false when there is none. */
  private storeSplit(node: number, best: SplitInfo): boolean {
    if (best.feature < 0) return false
    const { nodes, k } = this
    nodes.splitFeature[node] = best.feature
    nodes.splitBin[node] = best.bin
    nodes.splitDefaultLeft[node] = best.defaultLeft ? 1 : 0
    nodes.splitGain[node] = best.gain
    nodes.splitLeftG.set(best.leftG, node * k)
    nodes.splitLeftH[node] = best.leftH
    return true
  }

  /** Partitions the node's rows (and passengers) by its pending split and creates its two children. */
  private applySplit(node: number): [number, number] {
    const { rows, scratch, data, k } = this
    const nodes = this.nodes
    const f = nodes.splitFeature[node]
    const splitBin = nodes.splitBin[node]
    const defaultLeft = nodes.splitDefaultLeft[node] === 1
    const missing = data.nBins[f]
    const start = nodes.rowStart[node]
    const end = nodes.rowEnd[node]
    // The codes the node's histograms read (see findSplitDirect), still in cache.
    const rowMajor = this.direct && this.scattered(start, end)
    const bins = rowMajor ? this.rowBins : data.bins
    const col = rowMajor ? f : f * this.n
    const rowStride = rowMajor ? data.cols : 1
    const l = this.direct
      ? partitionWithGradients(rows, scratch, start, end, bins, col, splitBin, missing, defaultLeft, this.gOrdered, this.hOrdered, this.gSpare, this.hSpare, k, this.childSquares, rowStride)
      : partitionRows(rows, scratch, start, end, bins, col, splitBin, missing, defaultLeft)
    const pStart = nodes.passengerStart[node]
    const pEnd = nodes.passengerEnd[node]
    const pSplit = pEnd > pStart ? partitionRows(this.passengers, scratch, pStart, pEnd, bins, col, splitBin, missing, defaultLeft, rowStride) : pStart
    const depth = nodes.depth[node] + 1
    const leftNode = nodes.add(start, l, depth)
    const rightNode = nodes.add(l, end, depth)
    // Read the arrays only now: adding nodes may have replaced them with larger ones.
    nodes.feature[node] = f
    nodes.bin[node] = splitBin
    nodes.threshold[node] = splitBin < missing - 1 ? data.edges[f][splitBin] : Infinity
    nodes.defaultLeft[node] = defaultLeft ? 1 : 0
    nodes.gain[node] = nodes.splitGain[node]
    nodes.left[node] = leftNode
    nodes.right[node] = rightNode
    for (let c = 0; c < k; c++) {
      const gl = nodes.splitLeftG[node * k + c]
      nodes.sumG[leftNode * k + c] = gl
      nodes.sumG[rightNode * k + c] = nodes.sumG[node * k + c] - gl
    }
    nodes.sumH[leftNode] = nodes.splitLeftH[node]
    nodes.sumH[rightNode] = nodes.sumH[node] - nodes.splitLeftH[node]
    // Row counts from the partition itself (exact; the histogram's count agrees).
    nodes.sumCount[leftNode] = l - start
    nodes.sumCount[rightNode] = end - l
    nodes.sumSquares[leftNode] = this.childSquares[0]
    nodes.sumSquares[rightNode] = this.childSquares[1]
    nodes.passengerStart[leftNode] = pStart
    nodes.passengerEnd[leftNode] = pSplit
    nodes.passengerStart[rightNode] = pSplit
    nodes.passengerEnd[rightNode] = pEnd
    this.setValue(leftNode)
    this.setValue(rightNode)
    return [leftNode, rightNode]
  }

  /** The node's leaf value(s) from its sums. */
  private setValue(node: number): void {
    const { k, nodes } = this
    const { lambda, alpha } = this.params
    for (let c = 0; c < k; c++) nodes.value[node * k + c] = leafValue(nodes.sumG[node * k + c], nodes.sumH[node], lambda, alpha)
  }
}

/** Σ g²/h over the first m rows of row-major g (all outputs); see the purity check in findSplitDirect. */
function sumOfSquares(g: Float64Array, h: Float64Array, m: number, outputs: number): number {
  let q = 0
  for (let i = 0; i < m; i++) {
    const hi = h[i]
    if (!(hi > 0)) continue
    for (let c = 0; c < outputs; c++) q += (g[i * outputs + c] * g[i * outputs + c]) / hi
  }
  return q
}
