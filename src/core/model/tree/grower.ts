/**
 * Grower: builds one tree from gradients and hessians over a binned matrix. It
 * never sees a loss; objectives (boosting) or one-hot targets (trees, forests)
 * provide the gradients. Rows live in one index array that every split
 * partitions in place (stable, so each node's rows stay in ascending order and
 * reads stay local), and each node is a range of it. All buffers — partitions,
 * ordered gradients, histograms, node arrays — belong to the grower and are
 * reused by every tree it grows, so a boosting fit allocates almost nothing
 * per node or round.
 *
 * Growth is depth-wise (every node that can split does, up to maxDepth;
 * processed depth first so only O(depth) histograms are alive) or leaf-wise
 * (the open node with the largest gain splits next, up to maxLeaves, as
 * LightGBM). With per-split feature sampling (forests) each node histograms
 * only its drawn features; otherwise the larger child's histogram comes from
 * subtraction.
 */
import type { Random } from '../../random'
import { buildHistogram, buildOccupiedHistogram, clearOccupied, gatherGradients, histogramLayout, HistogramPool, OCCUPANCY_WORDS, subtractHistogram, type HistogramLayout } from './histogram'
import { emptySplit, evaluateFeature, evaluateOccupied, leafValue, nodeScore, type SplitConstraints } from './splitter'
import type { BinnedMatrix, GrowParams, SplitInfo } from './types'

/**
 * A tree as grown, in flat arrays indexed by node (root = 0). Arrays may be
 * longer than `nodeCount`. `rows[rowStart[i]..rowEnd[i])` are node i's training
 * rows — valid until the grower grows its next tree.
 */
export interface GrownTree {
  nodeCount: number
  outputs: number
  /** Split feature, or -1 for a leaf. */
  feature: Int32Array
  /** Split bin: bin codes ≤ this go left. */
  bin: Int32Array
  /** Split threshold in raw units: x <= threshold goes left (Infinity: every value left, missing right). */
  threshold: Float64Array
  defaultLeft: Uint8Array
  left: Int32Array
  right: Int32Array
  /** nodeCount × outputs leaf values (internal nodes hold the value they would have as leaves). */
  value: Float64Array
  /** Gain of each split (0 at leaves), for feature importance. */
  gain: Float64Array
  rowStart: Int32Array
  rowEnd: Int32Array
  rows: Uint32Array
  /**
   * `passengers[passengerStart[i]..passengerEnd[i])` are the passenger rows
   * (see grow) that reached node i; valid until the next tree, like `rows`.
   */
  passengerStart: Int32Array
  passengerEnd: Int32Array
  passengers: Uint32Array
}

/**
 * Nodes up to this many rows evaluate drawn features in the always-zero
 * histogram, touching only occupied bins (measured fastest up to ~1-2 thousand rows
 * on 255-bin features; beyond, the four-features-at-once dense build wins).
 */
const OCCUPIED_NODE_ROWS = 1024

/** Grows trees over one binned matrix; create one per fit and call grow per tree. */
export class TreeGrower {
  private readonly n: number
  private readonly k: number
  private readonly layout: HistogramLayout
  private readonly pool: HistogramPool
  private readonly constraints: SplitConstraints
  private readonly rows: Uint32Array
  private readonly scratch: Uint32Array
  /** Rows that ride along without shaping the tree (out-of-bag, validation), partitioned like `rows`. */
  private readonly passengers: Uint32Array
  private readonly gOrdered: Float64Array
  private readonly hOrdered: Float64Array
  /**
   * Per-split feature sampling keeps gOrdered/hOrdered aligned with `rows` for
   * the whole tree (partitions move them along), so no node gathers: its
   * gradients are the slice at its row range. These hold the right side while
   * a partition runs.
   */
  private readonly positional: boolean
  private readonly gSpare: Float64Array
  private readonly hSpare: Float64Array
  private readonly candidate: SplitInfo
  private readonly multiScratch: Float64Array
  /** A histogram kept all zero between uses, and the occupancy mask of the feature being evaluated in it. */
  private readonly zeroHist: Float64Array
  private occupied = new Int32Array(0)
  private readonly occupiedCodes = new Int32Array(256)
  /** Σ g²/h of the left and right rows of the last positional partition. */
  private readonly childSquares = new Float64Array(2)
  private perm = new Int32Array(0)
  private capacity = 0
  private count = 0
  // Node arrays (see GrownTree) plus what growing needs: depth, sums and the pending split.
  private feature = new Int32Array(0)
  private bin = new Int32Array(0)
  private threshold = new Float64Array(0)
  private defaultLeft = new Uint8Array(0)
  private left = new Int32Array(0)
  private right = new Int32Array(0)
  private value = new Float64Array(0)
  private gain = new Float64Array(0)
  private rowStart = new Int32Array(0)
  private rowEnd = new Int32Array(0)
  private passengerStart = new Int32Array(0)
  private passengerEnd = new Int32Array(0)
  private depth = new Int32Array(0)
  private sumG = new Float64Array(0)
  private sumH = new Float64Array(0)
  private sumCount = new Float64Array(0)
  /** Σ g²/h over the node's rows, kept only with per-split sampling (purity check; see findSplit). */
  private sumSquares = new Float64Array(0)
  private splitFeature = new Int32Array(0)
  private splitBin = new Int32Array(0)
  private splitDefaultLeft = new Uint8Array(0)
  private splitGain = new Float64Array(0)
  private splitLeftG = new Float64Array(0)
  private splitLeftH = new Float64Array(0)
  private hists: (Float64Array | null)[] = []
  /** Whether the tree being grown samples features per split (see `positional`). */
  private direct = false
  // The gradients of the tree being grown.
  private gCurrent: Float64Array = new Float64Array(0)
  private hCurrent: Float64Array = new Float64Array(0)

  /** `outputs`: gradient columns per row (row-major g), sharing one hessian column. */
  constructor(
    private readonly data: BinnedMatrix,
    outputs: number,
    private readonly params: GrowParams,
  ) {
    this.n = data.rows
    this.k = outputs
    this.layout = histogramLayout(data.nBins, outputs)
    this.pool = new HistogramPool(this.layout.size)
    this.constraints = { lambda: params.lambda, alpha: params.alpha, minChildWeight: params.minChildWeight, minSamplesLeaf: params.minSamplesLeaf }
    this.rows = new Uint32Array(this.n)
    this.scratch = new Uint32Array(this.n)
    this.passengers = new Uint32Array(this.n)
    this.gOrdered = new Float64Array(this.n * outputs)
    this.hOrdered = new Float64Array(this.n)
    this.positional = params.featuresPerSplit > 0
    this.gSpare = new Float64Array(this.positional ? this.n * outputs : 0)
    this.hSpare = new Float64Array(this.positional ? this.n : 0)
    this.candidate = emptySplit(outputs)
    this.multiScratch = new Float64Array(2 * outputs)
    this.zeroHist = new Float64Array(this.positional ? this.layout.size : 0)
    this.reserve(64)
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
    const { n, k, rows } = this
    let m = n
    if (sample) {
      rows.set(sample)
      m = sample.length
    } else {
      for (let i = 0; i < n; i++) rows[i] = i
    }
    const p = features.length
    const perSplit = this.params.featuresPerSplit
    const direct = perSplit > 0 && perSplit < p
    this.direct = direct
    if (direct && !random) throw new Error('tree grower: per-split feature sampling needs a random source')
    if (direct && this.perm.length !== p) this.perm = new Int32Array(p)
    if (direct) this.perm.set(features)
    if (direct && this.occupied.length < perSplit * OCCUPANCY_WORDS) this.occupied = new Int32Array(perSplit * OCCUPANCY_WORDS)
    this.gCurrent = g
    this.hCurrent = h
    this.count = 0
    const root = this.addNode(0, m, 0)
    gatherGradients(rows, 0, m, g, h, k, this.gOrdered, this.hOrdered)
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < k; c++) this.sumG[root * k + c] += this.gOrdered[i * k + c]
      this.sumH[root] += this.hOrdered[i]
    }
    this.sumCount[root] = m
    if (passengers) this.passengers.set(passengers)
    this.passengerEnd[root] = passengers ? passengers.length : 0
    if (direct) this.sumSquares[root] = sumOfSquares(this.gOrdered.subarray(0, m * k), this.hOrdered.subarray(0, m), k)
    this.setValue(root)

    const leafWise = Number.isFinite(this.params.maxLeaves)
    const open = new OpenNodes(leafWise, (node) => this.splitGain[node])
    const consider = (node: number, hist: Float64Array | null): void => {
      if (this.findSplit(node, hist, features, direct, random)) {
        this.hists[node] = hist
        open.push(node)
      } else if (hist) this.pool.release(hist)
    }
    if (this.canSplit(root)) {
      let hist: Float64Array | null = null
      if (!direct) {
        hist = this.pool.acquire()
        buildHistogram(hist, this.layout, this.data, rows, 0, m, features, 0, p, this.gOrdered, this.hOrdered, sample === null)
      }
      consider(root, hist)
    }
    let leaves = 1
    while (open.size > 0) {
      const node = open.pop()
      if (leaves >= this.params.maxLeaves) {
        const hist = this.hists[node]
        if (hist) this.pool.release(hist)
        this.hists[node] = null
        continue
      }
      const [leftNode, rightNode] = this.applySplit(node)
      leaves++
      const parentHist = this.hists[node]
      this.hists[node] = null
      if (direct) {
        if (this.canSplit(leftNode)) consider(leftNode, null)
        if (this.canSplit(rightNode)) consider(rightNode, null)
        continue
      }
      const parent = parentHist as Float64Array
      const leftSmaller = this.sumCount[leftNode] <= this.sumCount[rightNode]
      const small = leftSmaller ? leftNode : rightNode
      const large = leftSmaller ? rightNode : leftNode
      const splitSmall = this.canSplit(small)
      const splitLarge = this.canSplit(large)
      if (splitLarge) {
        const smallHist = this.pool.acquire()
        this.histogramOf(small, smallHist, features)
        subtractHistogram(parent, smallHist, this.layout, this.data.nBins, features, p)
        if (splitSmall) consider(small, smallHist)
        else this.pool.release(smallHist)
        consider(large, parent)
      } else if (splitSmall) {
        // The parent's histogram is no longer needed: build the small child's in its buffer.
        this.histogramOf(small, parent, features)
        consider(small, parent)
      } else {
        this.pool.release(parent)
      }
    }
    return {
      nodeCount: this.count,
      outputs: k,
      feature: this.feature,
      bin: this.bin,
      threshold: this.threshold,
      defaultLeft: this.defaultLeft,
      left: this.left,
      right: this.right,
      value: this.value,
      gain: this.gain,
      rowStart: this.rowStart,
      rowEnd: this.rowEnd,
      rows: this.rows,
      passengerStart: this.passengerStart,
      passengerEnd: this.passengerEnd,
      passengers: this.passengers,
    }
  }

  /** Whether a node may split at all: depth, rows and hessian leave room for two valid children. */
  private canSplit(node: number): boolean {
    const { maxDepth, minSamplesLeaf, minChildWeight } = this.params
    const rows = this.sumCount[node]
    const h = this.sumH[node]
    return this.depth[node] < maxDepth && rows >= 2 && rows >= 2 * minSamplesLeaf && h > 0 && h >= 2 * minChildWeight
  }

  /** Gathers a node's ordered gradients and fills its histogram for `features`. */
  private histogramOf(node: number, hist: Float64Array, features: Int32Array): void {
    const start = this.rowStart[node]
    const end = this.rowEnd[node]
    gatherGradients(this.rows, start, end, this.gCurrent, this.hCurrent, this.k, this.gOrdered, this.hOrdered)
    buildHistogram(hist, this.layout, this.data, this.rows, start, end, features, 0, features.length, this.gOrdered, this.hOrdered)
  }

  /**
   * Finds the node's best split and stores it as pending; false when none
   * beats minGain (and the float noise floor of a pure node). Subtraction mode
   * reads `hist`; direct mode builds histograms of drawn features as it goes,
   * stopping once featuresPerSplit non-constant features were tried (so, as in
   * scikit-learn, constant features do not use up the draw).
   */
  private findSplit(node: number, hist: Float64Array | null, features: Int32Array, direct: boolean, random: Random | null): boolean {
    const k = this.k
    const nodeG = this.sumG.subarray(node * k, node * k + k)
    const nodeH = this.sumH[node]
    const nodeCount = this.sumCount[node]
    const parentScore = nodeScore(nodeG, nodeH, this.params.lambda, this.params.alpha)
    const best = this.candidate
    // Relative floor: a pure node's "gain" is rounding noise of order 1e-16 × its score.
    best.gain = Math.max(this.params.minGain, 1e-10 * Math.abs(parentScore))
    best.feature = -1
    const nBins = this.data.nBins
    if (!direct) {
      for (let fi = 0; fi < features.length; fi++) {
        const f = features[fi]
        evaluateFeature(hist as Float64Array, this.layout, f, nBins[f], nodeG, nodeH, nodeCount, parentScore, this.constraints, best, this.multiScratch)
      }
    } else {
      const start = this.rowStart[node]
      const end = this.rowEnd[node]
      // The node's gradients are already in place (positional); views avoid copying them.
      const gNode = this.gOrdered.subarray(start * k, end * k)
      const hNode = this.hOrdered.subarray(start, end)
      const squares = this.sumSquares[node]
      // A pure node (every row the same g/h: Σg²/h = G²/H, else larger by Cauchy–Schwarz)
      // cannot gain from any split; fully grown forests end most branches in them.
      const unregularised = this.params.lambda === 0 && this.params.alpha === 0
      if (unregularised && squares - parentScore <= 1e-9 * squares) return false
      // Without regularisation no split gains more than the node's impurity Σg²/h - G²/H
      // (both children pure); once a drawn feature reaches it, later ones can only tie, and ties lose.
      const perfect = unregularised ? squares - parentScore - 1e-9 * squares : Infinity
      // Up to OCCUPIED_NODE_ROWS rows a feature's histogram is built in an always-zero
      // buffer and only its touched bins are scanned and cleared; larger nodes
      // build several features densely at once and scan every bin.
      const occupiedPath = end - start <= OCCUPIED_NODE_ROWS
      const scratch = occupiedPath ? null : this.pool.acquire()
      const perm = this.perm
      const p = perm.length
      const wanted = this.params.featuresPerSplit
      let tried = 0
      let drawn = 0
      while (tried < wanted && drawn < p && best.gain < perfect) {
        // Draw as many features as are still wanted (partial Fisher–Yates over perm),
        // evaluate them, then draw again only if some were constant here.
        const from = drawn
        const to = Math.min(p, drawn + wanted - tried)
        for (; drawn < to; drawn++) {
          const j = drawn + (random as Random).int(p - drawn)
          const f = perm[j]
          perm[j] = perm[drawn]
          perm[drawn] = f
        }
        if (scratch) buildHistogram(scratch, this.layout, this.data, this.rows, start, end, perm, from, to, gNode, hNode)
        else buildOccupiedHistogram(this.zeroHist, this.layout, this.data, this.rows, start, end, perm, from, to, gNode, hNode, this.occupied)
        for (let i = from; i < to && best.gain < perfect; i++) {
          const f = perm[i]
          const varies = scratch
            ? evaluateFeature(scratch, this.layout, f, nBins[f], nodeG, nodeH, nodeCount, parentScore, this.constraints, best, this.multiScratch)
            : evaluateOccupied(this.zeroHist, this.layout, f, nBins[f], this.occupied, nodeG, nodeH, nodeCount, parentScore, this.constraints, best, this.multiScratch, this.occupiedCodes, (i - from) * OCCUPANCY_WORDS)
          if (varies) tried++
        }
        // Every histogram built in the zero buffer is cleared, evaluated or not.
        if (!scratch) for (let i = from; i < to; i++) clearOccupied(this.zeroHist, this.layout, perm[i], this.occupied, (i - from) * OCCUPANCY_WORDS)
      }
      if (scratch) this.pool.release(scratch)
    }
    if (best.feature < 0) return false
    this.splitFeature[node] = best.feature
    this.splitBin[node] = best.bin
    this.splitDefaultLeft[node] = best.defaultLeft ? 1 : 0
    this.splitGain[node] = best.gain
    this.splitLeftG.set(best.leftG, node * k)
    this.splitLeftH[node] = best.leftH
    return true
  }

  /** Partitions the node's rows by its pending split and creates its two children. */
  private applySplit(node: number): [number, number] {
    const { rows, scratch, data, k } = this
    const f = this.splitFeature[node]
    const splitBin = this.splitBin[node]
    const defaultLeft = this.splitDefaultLeft[node] === 1
    const missing = data.nBins[f]
    const col = f * this.n
    const bins = data.bins
    const start = this.rowStart[node]
    const end = this.rowEnd[node]
    const l = this.direct
      ? partitionWithGradients(rows, scratch, start, end, bins, col, splitBin, missing, defaultLeft, this.gOrdered, this.hOrdered, this.gSpare, this.hSpare, k, this.childSquares)
      : partitionRows(rows, scratch, start, end, bins, col, splitBin, missing, defaultLeft)
    this.feature[node] = f
    this.bin[node] = splitBin
    this.threshold[node] = splitBin < missing - 1 ? data.edges[f][splitBin] : Infinity
    this.defaultLeft[node] = defaultLeft ? 1 : 0
    this.gain[node] = this.splitGain[node]
    const depth = this.depth[node] + 1
    const leftNode = this.addNode(start, l, depth)
    const rightNode = this.addNode(l, end, depth)
    this.left[node] = leftNode
    this.right[node] = rightNode
    for (let c = 0; c < k; c++) {
      const gl = this.splitLeftG[node * k + c]
      this.sumG[leftNode * k + c] = gl
      this.sumG[rightNode * k + c] = this.sumG[node * k + c] - gl
    }
    this.sumH[leftNode] = this.splitLeftH[node]
    this.sumH[rightNode] = this.sumH[node] - this.splitLeftH[node]
    // Row counts from the partition itself (exact); the histogram's count agrees.
    this.sumCount[leftNode] = l - start
    this.sumCount[rightNode] = end - l
    const pStart = this.passengerStart[node]
    const pEnd = this.passengerEnd[node]
    const pSplit = pEnd > pStart ? partitionRows(this.passengers, scratch, pStart, pEnd, bins, col, splitBin, missing, defaultLeft) : pStart
    this.passengerStart[leftNode] = pStart
    this.passengerEnd[leftNode] = pSplit
    this.passengerStart[rightNode] = pSplit
    this.passengerEnd[rightNode] = pEnd
    this.sumSquares[leftNode] = this.childSquares[0]
    this.sumSquares[rightNode] = this.childSquares[1]
    this.setValue(leftNode)
    this.setValue(rightNode)
    return [leftNode, rightNode]
  }

  private setValue(node: number): void {
    const { k } = this
    const { lambda, alpha } = this.params
    for (let c = 0; c < k; c++) this.value[node * k + c] = leafValue(this.sumG[node * k + c], this.sumH[node], lambda, alpha)
  }

  /** Appends a leaf covering rows[start..end) at `depth`; returns its index. */
  private addNode(start: number, end: number, depth: number): number {
    if (this.count === this.capacity) this.reserve(this.capacity * 2)
    const i = this.count++
    this.feature[i] = -1
    this.bin[i] = 0
    this.threshold[i] = 0
    this.defaultLeft[i] = 0
    this.left[i] = 0
    this.right[i] = 0
    this.gain[i] = 0
    this.rowStart[i] = start
    this.rowEnd[i] = end
    this.passengerStart[i] = 0
    this.passengerEnd[i] = 0
    this.depth[i] = depth
    this.sumG.fill(0, i * this.k, (i + 1) * this.k)
    this.sumH[i] = 0
    this.sumCount[i] = 0
    this.hists[i] = null
    return i
  }

  /** Grows node storage to `capacity`, keeping contents. */
  private reserve(capacity: number): void {
    const k = this.k
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, size: number): T => {
      const next = new (old.constructor as new (n: number) => T)(size)
      next.set(old)
      return next
    }
    this.feature = grow(this.feature, capacity)
    this.bin = grow(this.bin, capacity)
    this.threshold = grow(this.threshold, capacity)
    this.defaultLeft = grow(this.defaultLeft, capacity)
    this.left = grow(this.left, capacity)
    this.right = grow(this.right, capacity)
    this.value = grow(this.value, capacity * k)
    this.gain = grow(this.gain, capacity)
    this.rowStart = grow(this.rowStart, capacity)
    this.rowEnd = grow(this.rowEnd, capacity)
    this.passengerStart = grow(this.passengerStart, capacity)
    this.passengerEnd = grow(this.passengerEnd, capacity)
    this.depth = grow(this.depth, capacity)
    this.sumG = grow(this.sumG, capacity * k)
    this.sumH = grow(this.sumH, capacity)
    this.sumCount = grow(this.sumCount, capacity)
    this.sumSquares = grow(this.sumSquares, capacity)
    this.splitFeature = grow(this.splitFeature, capacity)
    this.splitBin = grow(this.splitBin, capacity)
    this.splitDefaultLeft = grow(this.splitDefaultLeft, capacity)
    this.splitGain = grow(this.splitGain, capacity)
    this.splitLeftG = grow(this.splitLeftG, capacity * k)
    this.splitLeftH = grow(this.splitLeftH, capacity)
    this.capacity = capacity
  }
}

/**
 * The nodes waiting to split: a stack for depth-wise growth (depth first keeps
 * few histograms alive; the resulting tree does not depend on the order) or a
 * max-heap on gain for leaf-wise growth (ties: the older node first).
 */
class OpenNodes {
  private readonly items: number[] = []
  constructor(
    private readonly byGain: boolean,
    private readonly gainOf: (node: number) => number,
  ) {}

  get size(): number {
    return this.items.length
  }

  push(node: number): void {
    this.items.push(node)
    if (!this.byGain) return
    const a = this.items
    let i = a.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(a[i], a[parent])) break
      ;[a[i], a[parent]] = [a[parent], a[i]]
      i = parent
    }
  }

  pop(): number {
    const a = this.items
    if (!this.byGain) return a.pop() as number
    const top = a[0]
    const last = a.pop() as number
    if (a.length > 0) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && this.before(a[l], a[m])) m = l
        if (r < a.length && this.before(a[r], a[m])) m = r
        if (m === i) break
        ;[a[i], a[m]] = [a[m], a[i]]
        i = m
      }
    }
    return top
  }

  private before(x: number, y: number): boolean {
    const gx = this.gainOf(x)
    const gy = this.gainOf(y)
    return gx > gy || (gx === gy && x < y)
  }
}

/**
 * Stable partition of rows[start..end) by a split: rows whose bin code is
 * ≤ splitBin (or missing, when missing goes left) keep their order at the
 * front, the others follow in order. Returns where the right part starts.
 */
function partitionRows(rows: Uint32Array, scratch: Uint32Array, start: number, end: number, bins: Uint8Array, col: number, splitBin: number, missing: number, missingLeft: boolean): number {
  let l = start
  let r = 0
  for (let i = start; i < end; i++) {
    const row = rows[i]
    const b = bins[col + row]
    if (b <= splitBin || (missingLeft && b === missing)) rows[l++] = row
    else scratch[r++] = row
  }
  rows.set(scratch.subarray(0, r), l)
  return l
}

/**
 * partitionRows that moves each row's positional gradients (k per row) and
 * hessian along with it, and writes Σ g²/h of the left and right rows to
 * `squares` (the children's purity checks then need no pass of their own).
 */
function partitionWithGradients(
  rows: Uint32Array,
  scratch: Uint32Array,
  start: number,
  end: number,
  bins: Uint8Array,
  col: number,
  splitBin: number,
  missing: number,
  missingLeft: boolean,
  g: Float64Array,
  h: Float64Array,
  gSpare: Float64Array,
  hSpare: Float64Array,
  k: number,
  squares: Float64Array,
): number {
  let l = start
  let r = 0
  let qLeft = 0
  let qRight = 0
  if (k === 1) {
    for (let i = start; i < end; i++) {
      const row = rows[i]
      const b = bins[col + row]
      const gi = g[i]
      const hi = h[i]
      const q = hi > 0 ? (gi * gi) / hi : 0
      if (b <= splitBin || (missingLeft && b === missing)) {
        g[l] = gi
        h[l] = hi
        rows[l++] = row
        qLeft += q
      } else {
        gSpare[r] = gi
        hSpare[r] = hi
        scratch[r++] = row
        qRight += q
      }
    }
  } else {
    for (let i = start; i < end; i++) {
      const row = rows[i]
      const b = bins[col + row]
      const hi = h[i]
      let q = 0
      if (hi > 0) for (let c = 0; c < k; c++) q += (g[i * k + c] * g[i * k + c]) / hi
      if (b <= splitBin || (missingLeft && b === missing)) {
        for (let c = 0; c < k; c++) g[l * k + c] = g[i * k + c]
        h[l] = hi
        rows[l++] = row
        qLeft += q
      } else {
        for (let c = 0; c < k; c++) gSpare[r * k + c] = g[i * k + c]
        hSpare[r] = hi
        scratch[r++] = row
        qRight += q
      }
    }
  }
  for (let i = 0; i < r * k; i++) g[l * k + i] = gSpare[i]
  for (let i = 0; i < r; i++) {
    h[l + i] = hSpare[i]
    rows[l + i] = scratch[i]
  }
  squares[0] = qLeft
  squares[1] = qRight
  return l
}

/** Σ g²/h over a node's rows (all outputs); see the purity check in findSplit. */
function sumOfSquares(g: Float64Array, h: Float64Array, outputs: number): number {
  let q = 0
  for (let i = 0; i < h.length; i++) {
    const hi = h[i]
    if (!(hi > 0)) continue
    for (let c = 0; c < outputs; c++) q += (g[i * outputs + c] * g[i * outputs + c]) / hi
  }
  return q
}
