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
 * maxLeaves). Every open node keeps a histogram of all its features; a split
 * scans the smaller child and gets the larger by subtraction from the parent.
 * (Forests, which draw features per split, grow with forest-grower.ts.)
 */
import { gatherGradients, histogramLayout, type HistogramLayout } from './histogram'
import { defaultHistogramKernel } from './kernel/default-kernel'
import { plainWorkspace, type HistogramKernel, type HistogramWorkspace, type NodeSums, type NodeWork, type PartitionRequest } from './kernel/workspace'
import { depthFirstOrder } from './depth-first-order'
import { NodeStore } from './node-store'
import { bundleEntries, bundleFeatures } from './feature-bundles'
import { OpenNodes } from './open-nodes'
import { partitionRows } from './partition'
import { emptySplit, leafValue, nodeScore, type SplitConstraints } from './splitter'
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

/** Deepest trees grown a level at a time: the widest level keeps 2^(depth − 1) histograms. */
const LEVEL_MAX_DEPTH = 8

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
  /** Two searches at a time: a built node's (A) and, by subtraction, its sibling's (B). */
  private readonly searchA: Search
  private readonly searchB: Search
  /** The request handed to the workspace, reused for every node. */
  private readonly work: NodeWork
  private readonly rows: Uint32Array
  private readonly scratch: Uint32Array
  /** Rows that ride down the splits without shaping the tree (out-of-bag, validation). */
  private readonly passengers: Uint32Array
  /** Gradients and hessians aligned with `rows` (gathered at the root, kept aligned by partitions). */
  private readonly gOrdered: Float64Array
  private readonly hOrdered: Float64Array
  /** The histogram of each open node, or null. */
  private hists: (Float64Array | null)[] = []
  private liveHistograms = 0
  /** 0…n-1, made on the first tree grown on all rows. */
  private identity: Uint32Array | null = null
  /** A level's partitions (growLevels). */
  private readonly partitionRequests: PartitionRequest[] = []
  /** The root's gradient and hessian sums (pairSums). */
  private readonly rootSums = new Float64Array(2)
  /** renumberDepthFirst's scratch. */
  private order = new Int32Array(0)
  private newId = new Int32Array(0)
  private readonly stack: number[] = []
  /** The matrix trees grow on, with bundles of exclusive 0/1 features where one-output trees can use them (feature-bundles.ts). */
  private readonly data: BinnedMatrix
  /** The build list of a tree on every feature, where the matrix has bundles (bundleEntries). */
  private readonly bundledFeatures: Int32Array | null
  /** Whether trees grow a level at a time (growLevels) rather than depth first. */
  private readonly byLevel: boolean
  /** One node's work per item of a level (growLevels), each with its own searches. */
  private levelWork: { work: NodeWork; a: Search; b: Search }[] = []

  /**
   * `outputs`: gradient columns per row (row-major g), sharing one hessian
   * column; `histogramBudget`: bytes of histograms kept for open nodes;
   * `kernel`: where one-output histograms are built (several outputs always
   * use the reference loop).
   */
  constructor(
    matrix: BinnedMatrix,
    outputs: number,
    private readonly params: GrowParams,
    histogramBudget = HISTOGRAM_BUDGET_BYTES,
    kernel: HistogramKernel = defaultHistogramKernel(),
  ) {
    // One-hot columns' histograms come from their bundle's (one pass instead of one per column); several outputs keep the plain build.
    const data = outputs === 1 ? bundleFeatures(matrix) : matrix
    this.data = data
    this.bundledFeatures = data.bundles ? bundleEntries(Int32Array.from({ length: data.cols }, (_, f) => f), data.bundles) : null
    const n = data.rows
    this.n = n
    this.k = outputs
    // Row counts serve minSamplesLeaf and tell empty bins from rounding residue
    // after subtraction. One-output trees without a row minimum (boosting) go
    // without: a third fewer bytes per histogram update, about a quarter off the
    // build. Their empty bins are those with a hessian of exactly 0, and a bin
    // that subtraction leaves with residue is a candidate like any other (as
    // in XGBoost), which can move a threshold within a gap in the training values.
    this.layout = histogramLayout(data.nBins, outputs, outputs > 1 || params.minSamplesLeaf > 1)
    this.maxHistograms = Math.max(0, Math.floor(histogramBudget / (8 * this.layout.size)))
    // Level by level (see growLevels) when the kernel can take a level at once and the widest level's histograms fit the budget.
    const depthWise = !Number.isFinite(params.maxLeaves) && Number.isFinite(params.maxDepth)
    const levelSlots = depthWise && params.maxDepth <= LEVEL_MAX_DEPTH ? 2 ** Math.max(0, params.maxDepth - 1) + 1 : Infinity
    this.byLevel = outputs === 1 && kernel.levels === true && levelSlots <= this.maxHistograms
    // Depth-first growth keeps at most one histogram per level plus the pair being made; leaf-wise one per open leaf.
    const slots = this.byLevel ? levelSlots : Math.min(this.maxHistograms + 1, Number.isFinite(params.maxDepth) ? params.maxDepth + 3 : Math.min(params.maxLeaves, 1024) + 2)
    this.pool = outputs === 1 ? kernel.workspace(data, this.layout, outputs, slots) : plainWorkspace(data, this.layout, outputs)
    this.constraints = { lambda: params.lambda, alpha: params.alpha, minChildWeight: params.minChildWeight, minSamplesLeaf: params.minSamplesLeaf }
    this.nodes = new NodeStore(outputs)
    this.searchA = newSearch(outputs)
    this.searchB = newSearch(outputs)
    this.work = { hist: new Float64Array(0), start: 0, end: 0, features: new Int32Array(0), contiguous: false, search: null, best: this.searchA.best, parent: null, parentSearch: null, parentBest: this.searchB.best, constraints: this.constraints, totals: this.searchA.sums }
    this.rows = this.pool.rows
    this.scratch = new Uint32Array(n)
    this.passengers = new Uint32Array(n)
    this.gOrdered = this.pool.gOrdered
    this.hOrdered = this.pool.hOrdered
  }

  /**
   * Grows one tree. `g` is row-major n × outputs, `h` has n entries; `sample`
   * lists the rows to learn from in ascending order (null: all rows); `features`
   * the columns this tree may split on. `passengers` (ascending, none of them
   * in `sample`) are sent down every split as it is made, so the caller
   * learns their leaves without walking the tree again: boosting's validation
   * and unsampled rows.
   */
  grow(g: Float64Array, h: Float64Array, sample: Uint32Array | null, treeFeatures: Int32Array, passengers: Uint32Array | null = null): GrownTree {
    const { n, k, rows, nodes } = this
    // A tree on every feature builds bundles in place of their members; one on some features (colsampleByTree) builds the features themselves.
    const features = this.bundledFeatures && treeFeatures.length === this.data.cols ? this.bundledFeatures : treeFeatures
    const m = sample ? sample.length : n
    if (sample) rows.set(sample)
    else {
      // 0…n-1 copied from a list made once (a memory copy, not a loop that runs unoptimised through a first fit).
      this.identity ??= fillIdentity(new Uint32Array(n), n)
      rows.set(this.identity)
    }
    this.hists = []
    this.liveHistograms = 0

    nodes.clear()
    const root = nodes.add(0, m, 0)
    const { gOrdered, hOrdered } = this
    // All rows in order: the gradients as they are, copied in one go.
    if (sample) gatherGradients(rows, 0, m, g, h, k, gOrdered, hOrdered)
    else if (!(sameView(g, gOrdered) && sameView(h, hOrdered))) {
      gOrdered.set(g.subarray(0, n * k))
      hOrdered.set(h.subarray(0, n))
    }
    // The root's sums, rows in order.
    if (k === 1) {
      // Both sums in one loop: each is a chain of dependent additions, and two chains run side by side.
      pairSums(gOrdered, hOrdered, m, this.rootSums)
      nodes.sumG[root] = this.rootSums[0]
      nodes.sumH[root] = this.rootSums[1]
    } else {
      for (let c = 0; c < k; c++) nodes.sumG[root * k + c] = strideSum(gOrdered, c, k, m)
      nodes.sumH[root] = strideSum(hOrdered, 0, 1, m)
    }
    nodes.sumCount[root] = m
    if (passengers) this.passengers.set(passengers)
    nodes.passengerEnd[root] = passengers ? passengers.length : 0
    this.setValue(root)

    if (this.byLevel && this.pool.buildSearchBatch) {
      this.growLevels(features, sample === null)
      return this.grownTree()
    }
    const open = new OpenNodes(Number.isFinite(this.params.maxLeaves), (node) => this.nodes.splitGain[node])
    // A node whose search found a split stays open with its histogram; otherwise the histogram goes back.
    const settle = (node: number, hist: Float64Array, best: SplitInfo): void => {
      if (this.storeSplit(node, best)) {
        open.push(node)
        this.keepHistogram(node, hist)
      } else this.pool.release(hist)
    }
    if (this.canSplit(root)) {
      const hist = this.pool.acquire()
      this.nodeWork(root, hist, true, -1, null, features, sample === null)
      settle(root, hist, this.searchA.best)
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
      const leftSmaller = nodes.sumCount[leftNode] <= nodes.sumCount[rightNode]
      const small = leftSmaller ? leftNode : rightNode
      const large = leftSmaller ? rightNode : leftNode
      const splitSmall = leftSmaller ? splitLeft : splitRight
      const splitLarge = leftSmaller ? splitRight : splitLeft
      if (splitLarge && parentHist) {
        // Scan the smaller child; the larger is the parent minus it (one call: build, subtract, both searches).
        const smallHist = this.pool.acquire()
        this.nodeWork(small, smallHist, splitSmall, large, parentHist, features, false)
        if (splitSmall) settle(small, smallHist, this.searchA.best)
        else this.pool.release(smallHist)
        settle(large, parentHist, this.searchB.best)
        continue
      }
      // No subtraction possible or needed: scan the children that can split, reusing the parent's buffer.
      let spare = parentHist
      for (let side = 0; side < 2; side++) {
        const child = side === 0 ? small : large
        if (!(side === 0 ? splitSmall : splitLarge)) continue
        const hist = spare ?? this.pool.acquire()
        spare = null
        this.nodeWork(child, hist, true, -1, null, features, false)
        settle(child, hist, this.searchA.best)
      }
      if (spare) this.pool.release(spare)
    }
    return this.grownTree()
  }

  /**
   * Depth-wise growth a level at a time: every open node of a depth is split,
   * then all their children's histogram work goes to the kernel at once
   * (buildSearchBatch), which can run small nodes side by side on different
   * threads and wait for them once. Each node gets exactly the work it gets
   * depth first (the smaller child built, the larger by subtraction, the
   * same searches), so the same splits, values and row ranges; the nodes
   * are then renumbered into depth-first order (renumberDepthFirst), and the
   * tree is the one grow makes depth first, bit for bit.
   */
  private growLevels(features: Int32Array, contiguous: boolean): void {
    const { nodes } = this
    const root = 0
    let level: number[] = []
    if (this.canSplit(root)) {
      const hist = this.pool.acquire()
      this.nodeWork(root, hist, true, -1, null, features, contiguous)
      if (this.storeSplit(root, this.searchA.best)) {
        level.push(root)
        this.keepHistogram(root, hist)
      } else this.pool.release(hist)
    }
    // Per item of a level: the children, which can split, and the histograms handed out.
    const small: number[] = []
    const large: number[] = []
    const hists: Float64Array[] = []
    const parents: (Float64Array | null)[] = []
    const works: NodeWork[] = []
    while (level.length > 0) {
      let count = 0
      small.length = 0
      large.length = 0
      hists.length = 0
      parents.length = 0
      // The level's partitions first, side by side where the workspace can.
      const requests = this.partitionRequests
      for (let i = 0; i < level.length; i++) {
        requests[i] ??= { start: 0, end: 0, feature: 0, splitBin: 0, missingLeft: false, gradients: false, right: 0 }
        this.partitionRequest(level[i], requests[i])
      }
      if (this.pool.partitionBatch) this.pool.partitionBatch(requests, level.length)
      else for (let i = 0; i < level.length; i++) requests[i].right = this.pool.partition(requests[i].start, requests[i].end, requests[i].feature, requests[i].splitBin, requests[i].missingLeft, requests[i].gradients)
      for (let i = 0; i < level.length; i++) {
        const node = level[i]
        const parentHist = this.takeHistogram(node)
        const [leftNode, rightNode] = this.finishSplit(node, requests[i].right)
        const leftSmaller = nodes.sumCount[leftNode] <= nodes.sumCount[rightNode]
        const s = leftSmaller ? leftNode : rightNode
        const l = leftSmaller ? rightNode : leftNode
        const splitSmall = this.canSplit(s)
        const splitLarge = this.canSplit(l)
        // Every open node keeps its histogram here: byLevel holds only where the widest level's fit the budget.
        if (!parentHist) throw new Error(`tree grower: node ${node} of a level has no histogram (the level-wise budget check let too many through)`)
        if (!(splitSmall || splitLarge)) {
          this.pool.release(parentHist)
          continue
        }
        const item = this.levelItem(count)
        small.push(splitSmall ? s : -1)
        large.push(splitLarge ? l : -1)
        if (splitLarge) {
          // The smaller child built, the larger its parent minus it (as grow).
          const smallHist = this.pool.acquire()
          hists.push(smallHist)
          parents.push(parentHist)
          this.fillWork(item, s, smallHist, splitSmall, l, parentHist, features)
        } else {
          // Only the smaller child can split: built in its parent's buffer.
          hists.push(parentHist)
          parents.push(null)
          this.fillWork(item, s, parentHist, true, -1, null, features)
        }
        works[count++] = item.work
      }
      ;(this.pool.buildSearchBatch as NonNullable<HistogramWorkspace['buildSearchBatch']>)(works, count)
      const next: number[] = []
      for (let i = 0; i < count; i++) {
        const item = this.levelWork[i]
        const hist = hists[i]
        if (small[i] >= 0 && this.storeSplit(small[i], item.a.best)) {
          next.push(small[i])
          this.keepHistogram(small[i], hist)
        } else this.pool.release(hist)
        const parentHist = parents[i]
        if (!parentHist) continue
        if (this.storeSplit(large[i], item.b.best)) {
          next.push(large[i])
          this.keepHistogram(large[i], parentHist)
        } else this.pool.release(parentHist)
      }
      level = next
    }
    this.renumberDepthFirst()
  }

  /** Item i of a level's work, made on first use. */
  private levelItem(i: number): { work: NodeWork; a: Search; b: Search } {
    while (this.levelWork.length <= i) {
      const a = newSearch(this.k)
      const b = newSearch(this.k)
      const work: NodeWork = { hist: new Float64Array(0), start: 0, end: 0, features: new Int32Array(0), contiguous: false, search: null, best: a.best, parent: null, parentSearch: null, parentBest: b.best, constraints: this.constraints, totals: a.sums }
      this.levelWork.push({ work, a, b })
    }
    return this.levelWork[i]
  }

  /** nodeWork's request for one item of a level, without running it. */
  private fillWork(item: { work: NodeWork; a: Search; b: Search }, node: number, hist: Float64Array, search: boolean, sibling: number, parentHist: Float64Array | null, features: Int32Array): void {
    const work = item.work
    work.hist = hist
    work.start = this.nodes.rowStart[node]
    work.end = this.nodes.rowEnd[node]
    work.features = features
    work.contiguous = false
    work.totals = this.nodeSums(node, item.a.sums)
    work.search = search ? this.prepareSearch(node, item.a) : null
    work.parent = parentHist
    work.parentSearch = parentHist ? this.prepareSearch(sibling, item.b) : null
  }

  /** Renumbers the nodes into the order depth-first growth gives them (depth-first-order.ts). */
  private renumberDepthFirst(): void {
    const { nodes } = this
    const count = nodes.count
    if (this.order.length < count) {
      this.order = new Int32Array(count * 2)
      this.newId = new Int32Array(count * 2)
    }
    depthFirstOrder(nodes, this.order, this.newId, this.stack)
    nodes.reorder(this.order, this.newId)
  }

  /**
   * The arrays the root's gradients and hessians are copied into when a
   * tree grows on all rows (grow with no sample): a caller that writes them
   * there itself (boosting's gradient pass) saves the copy. Partitions
   * reorder them while a tree grows.
   */
  orderedGradients(): { g: Float64Array; h: Float64Array } {
    return { g: this.gOrdered, h: this.hOrdered }
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
  private keepHistogram(node: number, hist: Float64Array): void {
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

  /**
   * One node's histogram work through the workspace (its ordered gradients
   * are in place: see gOrdered): builds `hist` for its rows and, when `search`, searches it into
   * searchA.best; with `parentHist`, also turns that into the histogram of
   * `sibling` (parent minus this node) and searches it into searchB.best.
   */
  private nodeWork(node: number, hist: Float64Array, search: boolean, sibling: number, parentHist: Float64Array | null, features: Int32Array, contiguous: boolean): void {
    const start = this.nodes.rowStart[node]
    const end = this.nodes.rowEnd[node]
    const work = this.work
    work.hist = hist
    work.start = start
    work.end = end
    work.features = features
    work.contiguous = contiguous
    work.totals = this.nodeSums(node, this.searchA.sums)
    work.search = search ? this.prepareSearch(node, this.searchA) : null
    work.best = this.searchA.best
    work.parent = parentHist
    work.parentSearch = parentHist ? this.prepareSearch(sibling, this.searchB) : null
    work.parentBest = this.searchB.best
    this.pool.buildSearch(work)
  }

  /**
   * Prepares a search of a node: its sums into `search.sums` and `search.best`
   * reset to "none" with the gain floor. The floor is minGain, and at least
   * 1e-10 of the node's score: a pure node's "gain" is rounding noise of
   * order 1e-16 of it.
   */
  private prepareSearch(node: number, search: Search): NodeSums {
    const sums = this.nodeSums(node, search.sums)
    sums.score = nodeScore(sums.G, sums.H, this.params.lambda, this.params.alpha)
    search.best.gain = Math.max(this.params.minGain, 1e-10 * Math.abs(sums.score))
    search.best.feature = -1
    return sums
  }

  /** The node's gradient and hessian sums and row count into `sums` (its score is left as it was). */
  private nodeSums(node: number, sums: NodeSums): NodeSums {
    const { k, nodes } = this
    for (let c = 0; c < k; c++) sums.G[c] = nodes.sumG[node * k + c]
    sums.H = nodes.sumH[node]
    sums.count = nodes.sumCount[node]
    return sums
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
    const nodes = this.nodes
    // Children at the greatest depth are leaves, never built: their rows need no ordered gradients.
    const l = this.pool.partition(nodes.rowStart[node], nodes.rowEnd[node], nodes.splitFeature[node], nodes.splitBin[node], nodes.splitDefaultLeft[node] === 1, nodes.depth[node] + 1 < this.params.maxDepth)
    return this.finishSplit(node, l)
  }

  /** The partition a node's pending split asks for (see applySplit), in `request`. */
  private partitionRequest(node: number, request: PartitionRequest): void {
    const nodes = this.nodes
    request.start = nodes.rowStart[node]
    request.end = nodes.rowEnd[node]
    request.feature = nodes.splitFeature[node]
    request.splitBin = nodes.splitBin[node]
    request.missingLeft = nodes.splitDefaultLeft[node] === 1
    request.gradients = nodes.depth[node] + 1 < this.params.maxDepth
  }

  /** The rest of applySplit once the node's rows are partitioned (the right side from `l`): its passengers, its children. */
  private finishSplit(node: number, l: number): [number, number] {
    const { scratch, data, k } = this
    const nodes = this.nodes
    const f = nodes.splitFeature[node]
    const splitBin = nodes.splitBin[node]
    const defaultLeft = nodes.splitDefaultLeft[node] === 1
    const missing = data.nBins[f]
    const start = nodes.rowStart[node]
    const end = nodes.rowEnd[node]
    const col = f * this.n
    const pStart = nodes.passengerStart[node]
    const pEnd = nodes.passengerEnd[node]
    const pSplit = pEnd > pStart ? partitionRows(this.passengers, scratch, pStart, pEnd, data.bins, col, splitBin, missing, defaultLeft) : pStart
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

// The loops over every row live in functions of their own, which V8 optimises
// whole. Inside grow (called once a tree) they ran as on-stack replacements
// that bailed out at each loop's exit, over a hundred times a fit, each time
// back to the interpreter.

/** Whether two arrays are the same view of the same memory (the gradients written where the grower reads them). */
function sameView(a: Float64Array, b: Float64Array): boolean {
  return a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.length >= b.length
}

/** rows[i] = i for i < n; returns rows. */
function fillIdentity(rows: Uint32Array, n: number): Uint32Array {
  for (let i = 0; i < n; i++) rows[i] = i
  return rows
}

/** out[0] = a[0] + … + a[m − 1] and out[1] = b[0] + … + b[m − 1], each in order (as strideSum). */
function pairSums(a: Float64Array, b: Float64Array, m: number, out: Float64Array): void {
  let sa = 0
  let sb = 0
  for (let i = 0; i < m; i++) {
    sa += a[i]
    sb += b[i]
  }
  out[0] = sa
  out[1] = sb
}

/** values[from] + values[from + step] + … (m terms), in order, in a local variable (V8 reloads array fields inside a loop that writes through them). */
function strideSum(values: Float64Array, from: number, step: number, m: number): number {
  let sum = 0
  for (let i = 0, at = from; i < m; i++, at += step) sum += values[at]
  return sum
}

/** A node's sums and the best split found for it. */
interface Search {
  sums: NodeSums
  best: SplitInfo
}

function newSearch(outputs: number): Search {
  return { sums: { G: new Float64Array(outputs), H: 0, count: 0, score: 0 }, best: emptySplit(outputs) }
}
