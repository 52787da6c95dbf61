/**
 * Grows the trees of a random forest, one at a time, each from its own
 * generator seeded with (forest seed, tree index): the bootstrap (n draws with
 * replacement; a row drawn c times weighs c × its weight, as scikit-learn
 * does) and every per-split feature draw depend on nothing else, so any range
 * of trees can be grown in any order, on any thread, with the same result.
 *
 * A tree grows depth first: a node draws features without replacement,
 * histograms them (forest-histogram.ts) until featuresPerSplit non-constant
 * ones were tried (a feature constant in the node does not use up the draw,
 * as in scikit-learn), splits on the best (forest-split.ts) and moves on to
 * its left child, whose rows are still in cache. Pure nodes are not searched,
 * and the search stops early once a split separates the node perfectly.
 * Each row's statistics travel with it (positional), so no node gathers them;
 * nodes with a small share of the rows read the row-major copy of the codes,
 * where a row's drawn features share a cache line.
 *
 * All buffers belong to the grower and are reused by every tree; what a tree
 * keeps is a ForestTree of exact-size typed arrays (about 16 bytes a node).
 */
import { createRandom, streamSeed, type Random } from '../../random'
import { buildPackedHistogram, buildPackedHistogramDense, buildWideHistogram, DENSE_FROM_ROWS, MASK_WORDS, nonEmptyCodes, takeCodes } from './forest-histogram'
import { PACK, type ForestInputs } from './forest-inputs'
import { evaluatePackedDense, evaluatePackedMask, evaluateWide, type ForestSplit } from './forest-split'
import { addOutOfBagVotes } from './forest-out-of-bag'
import { resized } from './resized'

/**
 * One grown tree, compact. Node 0 is the root; a split's children sit side
 * by side after it (right = left + 1).
 */
export interface ForestTree {
  /** Split feature, or -1 for a leaf. Int16 while the matrix has fewer than 32,768 columns. */
  feature: Int16Array | Int32Array
  /** Split bin: codes ≤ this go left (threshold = the feature's edge at this bin, or +∞ past the last edge). */
  bin: Uint8Array
  /** 1 when missing values go left. */
  defaultLeft: Uint8Array
  /** Split: the left child's index. Leaf: the index of its values in `value` (× outputs). */
  left: Int32Array
  /** Leaf values, leaves × outputs: class shares (or means) minus the base score. */
  value: Float64Array
  /** Weight of the bootstrap rows that reached each node (float32), for explanations. */
  cover: Float32Array
}

/**
 * Nodes of at most this many rows histogram their drawn features one at a
 * time (see findSplit). Measured on 80,000 × 42 (fit CPU, 20 trees): 16 rows
 * 7% less than none; 40 rows no better than 16.
 */
const TINY_ROWS = 16

/** Nodes holding fewer than 1/16 of the rows read the row-major codes (measured on 80,000 × 42: 1/8 to 1/32 alike). */
const SCATTERED_BELOW_SHARE = 16

/** Grows trees over one ForestInputs; create one per range of trees. */
export class ForestTreeGrower {
  private readonly n: number
  private readonly p: number
  private readonly K: number
  /** Statistics per row and bin: 1 when packed, else K sums, the weight and (counted) the row count. */
  private readonly S: number
  private readonly counted: boolean
  private readonly packed: boolean
  private readonly regression: boolean
  private readonly offsets: Int32Array
  private readonly hist: Float64Array
  private readonly occupied: Int32Array
  private readonly codeScratch = new Int32Array(256)
  private readonly perm: Int32Array
  private readonly drawn: Int32Array
  private readonly rows: Uint32Array
  private readonly scratch: Uint32Array
  private readonly stat: Float64Array
  private readonly spare: Float64Array
  private readonly outOfBag: Uint32Array
  private readonly best: ForestSplit
  private readonly wideScratch: Float64Array
  private readonly nodeScratch: Float64Array
  /** Σ w·t² of the left and right rows of the last partition (regression). */
  private squaresLeft = 0
  private squaresRight = 0
  // Node buffers of the tree being grown (capacity doubles; reused).
  private capacity = 0
  private count = 0
  private feature = new Int32Array(0)
  private bin = new Uint8Array(0)
  private defaultLeft = new Uint8Array(0)
  private left = new Int32Array(0)
  private start = new Int32Array(0)
  private end = new Int32Array(0)
  private depth = new Int32Array(0)
  /** S sums per node (1 when packed). */
  private sums = new Float64Array(0)
  /** Σ w·t² per node (regression: the bound on any split's gain). */
  private squares = new Float64Array(0)
  private stack = new Int32Array(64)

  constructor(private readonly inputs: ForestInputs) {
    const { rows: n, cols: p, nBins, outputs, settings } = inputs
    this.n = n
    this.p = p
    this.K = outputs
    this.packed = inputs.packed === 1
    this.counted = !this.packed && settings.minSamplesLeaf > 1
    this.S = this.packed ? 1 : outputs + 1 + (this.counted ? 1 : 0)
    this.regression = inputs.task === 'regression'
    this.offsets = new Int32Array(p)
    let bins = 0
    for (let f = 0; f < p; f++) {
      this.offsets[f] = bins
      bins += nBins[f] + 1
    }
    this.hist = new Float64Array(bins * this.S)
    this.occupied = new Int32Array(Math.max(1, settings.featuresPerSplit) * MASK_WORDS)
    this.perm = new Int32Array(p)
    this.drawn = new Int32Array(n)
    this.rows = new Uint32Array(n)
    this.scratch = new Uint32Array(n)
    this.stat = new Float64Array(n * this.S)
    this.spare = new Float64Array(n * this.S)
    this.outOfBag = new Uint32Array(n)
    this.best = { gain: 0, feature: -1, bin: 0, defaultLeft: false, left: new Float64Array(this.S) }
    this.wideScratch = new Float64Array(2 * this.S)
    this.nodeScratch = new Float64Array(this.S)
    this.reserve(256)
  }

  /**
   * Grows tree t. Adds its split gains to importance[at..at + cols) and, when
   * oobSum is given, each out-of-bag row's leaf values (in whole multiples of
   * inputs.oobQuantum) to oobSum and 1 to oobCount.
   */
  grow(t: number, importance: Float64Array, at: number, oobSum: Float64Array | null, oobCount: Int32Array | null): ForestTree {
    const random = createRandom(streamSeed(this.inputs.settings.seed, t))
    const m = this.bootstrap(random)
    this.count = 0
    const root = this.addNode(0, m, 0)
    this.rootSums(root, m)
    this.perm.set(Int32Array.from({ length: this.p }, (_, j) => j))
    this.splitAll(root, random, importance, at)
    const tree = this.compact()
    if (oobSum && oobCount) addOutOfBagVotes(tree, this.outOfBag, this.outOfBagCount, this.inputs, this.K, this.p, oobSum, oobCount)
    return tree
  }

  /** Draws the bootstrap, fills rows/stat with the in-bag rows (ascending) and outOfBag with the rest; returns the in-bag count. */
  private bootstrap(random: Random): number {
    this.draw(random)
    return this.gatherDrawn()
  }

  /** How many times each row is drawn, n draws with replacement (a loop of its own: see rootSums). */
  private draw(random: Random): void {
    const { n, drawn } = this
    drawn.fill(0)
    for (let k = 0; k < n; k++) drawn[random.int(n)]++
  }

  /** The drawn rows with positive weight and their statistics, from `drawn`; the rows never drawn are out of bag. Returns how many were drawn. */
  private gatherDrawn(): number {
    const { n, drawn, rows, stat, S, K } = this
    const { y, weights, base } = this.inputs
    let m = 0
    let o = 0
    // The count is kept as it grows: a field written after the loop would bail out of its optimised code every tree.
    this.outOfBagCount = 0
    for (let i = 0; i < n; i++) {
      if (drawn[i] === 0) {
        this.outOfBag[o++] = i
        this.outOfBagCount = o
        continue
      }
      const w = drawn[i] * weights[i]
      if (!(w > 0)) continue
      rows[m] = i
      if (this.packed) stat[m] = y[i] === 1 ? w + w * PACK : w
      else {
        const x = m * S
        if (this.regression) stat[x] = w * (y[i] - base[0])
        else if (K === 1) stat[x] = y[i] === 1 ? w : 0
        else for (let c = 0; c < K; c++) stat[x + c] = y[i] === c ? w : 0
        stat[x + K] = w
        if (this.counted) stat[x + K + 1] = 1
      }
      m++
    }
    return m
  }

  private outOfBagCount = 0

  /** Σ w·t² of positional row k (regression only: stat holds w·t and w). */
  private rowSquare(k: number): number {
    const x = k * this.S
    const w = this.stat[x + 1]
    return w > 0 ? (this.stat[x] * this.stat[x]) / w : 0
  }

  /** Whether a node may split: depth, rows and weight leave room for two children. */
  private canSplit(node: number): boolean {
    const { maxDepth, minSamplesLeaf } = this.inputs.settings
    const rows = this.end[node] - this.start[node]
    return this.depth[node] < maxDepth && rows >= 2 && rows >= 2 * minSamplesLeaf
  }

  /**
   * Searches the node's best split over features drawn per split; stores it
   * in `best`. False for a pure node or when no split gains anything.
   */
  // rootSums and splitAll hold grow's loops, each in a method of its own that
  // ends with its loop: inside grow (called once a tree) they ran as on-stack
  // replacements that bailed out at each loop's exit, twice a tree, each time
  // back to the interpreter.

  /** The root's sums over the m bootstrapped rows (and, for regression, its sum of squares). */
  private rootSums(root: number, m: number): void {
    const S = this.S
    for (let s = 0; s < S; s++) this.sums[root * S + s] = 0
    for (let k = 0; k < m; k++) for (let s = 0; s < S; s++) this.sums[root * S + s] += this.stat[k * S + s]
    if (!this.regression) return
    let q = 0
    for (let k = 0; k < m; k++) q += this.rowSquare(k)
    this.squares[root] = q
  }

  /** Splits nodes depth first from the root until none can split. */
  private splitAll(root: number, random: Random, importance: Float64Array, at: number): void {
    let top = 0
    this.stack[top++] = root
    while (top > 0) {
      const node = this.stack[--top]
      if (!this.canSplit(node) || !this.findSplit(node, random)) continue
      const l = this.split(node, importance, at)
      if (top + 2 > this.stack.length) {
        const next = new Int32Array(this.stack.length * 2)
        next.set(this.stack)
        this.stack = next
      }
      this.stack[top++] = l + 1
      this.stack[top++] = l
    }
  }

  private findSplit(node: number, random: Random): boolean {
    const { S, K, best, perm, p, hist, offsets, occupied } = this
    const { nBins, codes: colCodes, rowCodes, settings } = this.inputs
    const start = this.start[node]
    const end = this.end[node]
    let T = 0
    let H = 0
    let bound = 0
    let score = 0
    const nodeSums = this.nodeScratch
    for (let s = 0; s < S; s++) nodeSums[s] = this.sums[node * S + s]
    if (this.packed) {
      T = Math.floor(nodeSums[0] / PACK)
      H = nodeSums[0] - T * PACK
      // Whole-number sums: a node is pure exactly when all or none of its weight is class 1.
      if (T === 0 || T === H) return false
      bound = T
      score = (T * T) / H
      best.gain = 0
    } else {
      H = nodeSums[K]
      if (!(H > 0)) return false
      for (let c = 0; c < K; c++) score += (nodeSums[c] * nodeSums[c]) / H
      // No split gains more than Σ w·t² − Σ T²/H (pure children): T for one class share, H for several, Σ w·t² for values.
      bound = this.regression ? this.squares[node] : K === 1 ? nodeSums[0] : H
      if (bound - score <= 1e-9 * bound) return false
      best.gain = 1e-13 * bound
    }
    // Once a split reaches the bound, later features can only tie, and ties lose.
    const perfect = (bound - score) * (1 - 1e-9)
    best.feature = -1
    const wanted = settings.featuresPerSplit
    const scattered = (end - start) * SCATTERED_BELOW_SHARE < this.n
    const codes = scattered ? rowCodes : colCodes
    const colStride = scattered ? 1 : this.n
    const rowStride = scattered ? p : 1
    const scratch = this.codeScratch
    const dense = end - start >= DENSE_FROM_ROWS
    const tiny = end - start <= TINY_ROWS
    let tried = 0
    let drawn = 0
    while (tried < wanted && drawn < p && best.gain < perfect) {
      // Draw as many features as are still wanted (partial Fisher–Yates), histogram them in one pass,
      // and draw again only if some were constant here.
      const from = drawn
      const to = Math.min(p, drawn + wanted - tried)
      for (; drawn < to; drawn++) {
        const j = drawn + random.int(p - drawn)
        const f = perm[j]
        perm[j] = perm[drawn]
        perm[drawn] = f
      }
      if (tiny) {
        // A few rows: one feature at a time, so a perfect split spares the histograms of the rest
        // (later features could only tie with it, and ties lose: the same split as building them all).
        for (let i = from; i < to && best.gain < perfect; i++) {
          const f = perm[i]
          const base = offsets[f] * S
          if (this.packed) {
            buildPackedHistogram(hist, offsets, codes, colStride, rowStride, this.rows, start, end, perm, i, i + 1, this.stat, occupied)
            if (evaluatePackedMask(hist, base, occupied, 0, f, nBins[f], T, H, best, true)) tried++
            continue
          }
          buildWideHistogram(hist, S, offsets, codes, colStride, rowStride, this.rows, start, end, perm, i, i + 1, this.stat, occupied)
          const u = takeCodes(occupied, 0, scratch)
          if (evaluateWide(hist, base, S, this.counted, scratch, u, f, nBins[f], nodeSums, settings.minSamplesLeaf, best, this.wideScratch)) tried++
          for (let e = 0; e < u; e++) hist.fill(0, base + scratch[e] * S, base + scratch[e] * S + S)
        }
        continue
      }
      if (dense) {
        if (this.packed) buildPackedHistogramDense(hist, offsets, codes, colStride, rowStride, this.rows, start, end, perm, from, to, this.stat)
        else buildWideHistogram(hist, S, offsets, codes, colStride, rowStride, this.rows, start, end, perm, from, to, this.stat, null)
      } else if (this.packed) buildPackedHistogram(hist, offsets, codes, colStride, rowStride, this.rows, start, end, perm, from, to, this.stat, occupied)
      else buildWideHistogram(hist, S, offsets, codes, colStride, rowStride, this.rows, start, end, perm, from, to, this.stat, occupied)
      // Every histogram built is cleared (bins and marks), evaluated or not.
      for (let i = from; i < to; i++) {
        const f = perm[i]
        const nb = nBins[f]
        const base = offsets[f] * S
        if (this.packed) {
          if (dense) {
            if (best.gain < perfect && evaluatePackedDense(hist, base, f, nb, T, H, best)) tried++
            hist.fill(0, base, base + nb + 1)
          } else if (evaluatePackedMask(hist, base, occupied, (i - from) * MASK_WORDS, f, nb, T, H, best, best.gain < perfect)) tried++
          continue
        }
        const u = dense ? nonEmptyCodes(hist, base, S, K, nb, scratch) : takeCodes(occupied, (i - from) * MASK_WORDS, scratch)
        if (best.gain < perfect && evaluateWide(hist, base, S, this.counted, scratch, u, f, nb, nodeSums, settings.minSamplesLeaf, best, this.wideScratch)) tried++
        if (dense) hist.fill(0, base, base + (nb + 1) * S)
        else for (let e = 0; e < u; e++) hist.fill(0, base + scratch[e] * S, base + scratch[e] * S + S)
      }
    }
    return best.feature >= 0
  }

  /** Applies `best` to the node: partitions its rows, adds its two children; returns the left child's index. */
  private split(node: number, importance: Float64Array, at: number): number {
    const { best, S } = this
    const f = best.feature
    const start = this.start[node]
    const end = this.end[node]
    const missing = this.inputs.nBins[f]
    const scattered = (end - start) * SCATTERED_BELOW_SHARE < this.n
    const codes = scattered ? this.inputs.rowCodes : this.inputs.codes
    const col = scattered ? f : f * this.n
    const stride = scattered ? this.p : 1
    const mid = this.partition(start, end, codes, col, stride, best.bin, missing, best.defaultLeft)
    const depth = this.depth[node] + 1
    const l = this.addNode(start, mid, depth)
    const r = this.addNode(mid, end, depth)
    // Read the arrays only now: adding nodes may have replaced them with larger ones.
    this.feature[node] = f
    this.bin[node] = best.bin
    this.defaultLeft[node] = best.defaultLeft ? 1 : 0
    this.left[node] = l
    for (let s = 0; s < S; s++) {
      this.sums[l * S + s] = best.left[s]
      this.sums[r * S + s] = this.sums[node * S + s] - best.left[s]
    }
    if (this.regression) {
      this.squares[l] = this.squaresLeft
      this.squares[r] = this.squaresRight
    }
    importance[at + f] += best.gain
    return l
  }

  /**
   * Stable partition of rows[start..end) and their statistics: codes ≤ splitBin
   * (and missing ones when missingLeft) first. Returns where the right part starts.
   */
  private partition(start: number, end: number, codes: Uint8Array, col: number, stride: number, splitBin: number, missing: number, missingLeft: boolean): number {
    const { rows, scratch, stat, spare, S } = this
    let l = start
    let r = 0
    if (S === 1) {
      // Branch-free: whether a row goes left is a coin toss the CPU cannot predict; write it
      // to both sides and advance one (measured: the partition a third faster).
      const ml = missingLeft ? 1 : 0
      for (let i = start; i < end; i++) {
        const row = rows[i]
        const b = codes[col + row * stride]
        const v = stat[i]
        const goLeft = (+(b <= splitBin) | (+(b === missing) & ml)) as number
        stat[l] = v
        rows[l] = row
        spare[r] = v
        scratch[r] = row
        l += goLeft
        r += 1 - goLeft
      }
      for (let i = 0; i < r; i++) {
        stat[l + i] = spare[i]
        rows[l + i] = scratch[i]
      }
      return l
    }
    let qLeft = 0
    let qRight = 0
    for (let i = start; i < end; i++) {
      const row = rows[i]
      const b = codes[col + row * stride]
      const q = this.regression ? this.rowSquare(i) : 0
      if (b <= splitBin || (missingLeft && b === missing)) {
        for (let s = 0; s < S; s++) stat[l * S + s] = stat[i * S + s]
        rows[l++] = row
        qLeft += q
      } else {
        for (let s = 0; s < S; s++) spare[r * S + s] = stat[i * S + s]
        scratch[r++] = row
        qRight += q
      }
    }
    stat.set(spare.subarray(0, r * S), l * S)
    rows.set(scratch.subarray(0, r), l)
    this.squaresLeft = qLeft
    this.squaresRight = qRight
    return l
  }

  /** Appends a leaf over rows[start..end) at `depth`; returns its index. */
  private addNode(start: number, end: number, depth: number): number {
    if (this.count === this.capacity) this.reserve(this.capacity * 2)
    const i = this.count++
    this.feature[i] = -1
    this.bin[i] = 0
    this.defaultLeft[i] = 0
    this.left[i] = 0
    this.start[i] = start
    this.end[i] = end
    this.depth[i] = depth
    return i
  }

  private reserve(capacity: number): void {
    this.feature = resized(this.feature, capacity)
    this.bin = resized(this.bin, capacity)
    this.defaultLeft = resized(this.defaultLeft, capacity)
    this.left = resized(this.left, capacity)
    this.start = resized(this.start, capacity)
    this.end = resized(this.end, capacity)
    this.depth = resized(this.depth, capacity)
    this.sums = resized(this.sums, capacity * this.S)
    this.squares = resized(this.squares, this.regression ? capacity : 0)
    this.capacity = capacity
  }

  /** The tree just grown as exact-size arrays; leaf values from the leaves' sums. */
  private compact(): ForestTree {
    const { count, S, K } = this
    const { base, outputs } = this.inputs
    let leaves = 0
    for (let i = 0; i < count; i++) if (this.feature[i] < 0) leaves++
    const feature = this.p < 32768 ? new Int16Array(count) : new Int32Array(count)
    const left = new Int32Array(count)
    const value = new Float64Array(leaves * outputs)
    const cover = new Float32Array(count)
    // Regression targets are centred on the base already; class shares are not.
    const shift = this.regression ? 0 : 1
    let leaf = 0
    for (let i = 0; i < count; i++) {
      const f = this.feature[i]
      feature[i] = f
      let T = 0
      let H = 0
      if (this.packed) {
        T = Math.floor(this.sums[i] / PACK)
        H = this.sums[i] - T * PACK
      } else H = this.sums[i * S + K]
      cover[i] = H > 0 ? H : 0
      if (f >= 0) {
        left[i] = this.left[i]
        continue
      }
      left[i] = leaf
      for (let c = 0; c < K; c++) {
        const tc = this.packed ? T : this.sums[i * S + c]
        value[leaf * K + c] = H > 0 ? tc / H - shift * base[c] : 0
      }
      leaf++
    }
    return { feature, bin: this.bin.slice(0, count), defaultLeft: this.defaultLeft.slice(0, count), left, value, cover }
  }
}
