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
import { ForestNodes, type ForestTree } from './forest-nodes'
import { addOutOfBagVotes } from './forest-out-of-bag'
import { ForestRows } from './forest-rows'
import { evaluatePackedDense, evaluatePackedMask, evaluateWide, type ForestSplit } from './forest-split'

// The compact tree is part of the grower's API; it lives with the node arrays.
export type { ForestTree } from './forest-nodes'

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
  private readonly best: ForestSplit
  private readonly wideScratch: Float64Array
  private readonly nodeScratch: Float64Array
  /** The tree's rows and their statistics (forest-rows.ts) and its nodes (forest-nodes.ts). */
  private readonly bag: ForestRows
  private readonly rows: Uint32Array
  private readonly stat: Float64Array
  private readonly nodes: ForestNodes
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
    this.best = { gain: 0, feature: -1, bin: 0, defaultLeft: false, left: new Float64Array(this.S) }
    this.wideScratch = new Float64Array(2 * this.S)
    this.nodeScratch = new Float64Array(this.S)
    this.bag = new ForestRows(inputs, this.S, this.counted)
    this.rows = this.bag.rows
    this.stat = this.bag.stat
    this.nodes = new ForestNodes(this.S, this.regression)
  }

  /**
   * Grows tree t. Adds its split gains to importance[at..at + cols) and, when
   * oobSum is given, each out-of-bag row's leaf values (in whole multiples of
   * inputs.oobQuantum) to oobSum and 1 to oobCount.
   */
  grow(t: number, importance: Float64Array, at: number, oobSum: Float64Array | null, oobCount: Int32Array | null): ForestTree {
    const random = createRandom(streamSeed(this.inputs.settings.seed, t))
    const m = this.bag.bootstrap(random)
    this.nodes.count = 0
    const root = this.nodes.add(0, m, 0)
    this.rootSums(root, m)
    this.perm.set(Int32Array.from({ length: this.p }, (_, j) => j))
    this.splitAll(root, random, importance, at)
    const tree = this.nodes.compact(this.inputs)
    if (oobSum && oobCount) addOutOfBagVotes(tree, this.bag.outOfBag, this.bag.outOfBagCount, this.inputs, this.K, this.p, oobSum, oobCount)
    return tree
  }

  /** Whether a node may split: depth, rows and weight leave room for two children. */
  private canSplit(node: number): boolean {
    const { maxDepth, minSamplesLeaf } = this.inputs.settings
    const { start, end, depth } = this.nodes
    const rows = end[node] - start[node]
    return depth[node] < maxDepth && rows >= 2 && rows >= 2 * minSamplesLeaf
  }

  // rootSums and splitAll hold grow's loops, each in a method of its own that
  // ends with its loop: inside grow (called once a tree) they ran as on-stack
  // replacements that bailed out at each loop's exit, twice a tree, each time
  // back to the interpreter.

  /** The root's sums over the m bootstrapped rows (and, for regression, its sum of squares). */
  private rootSums(root: number, m: number): void {
    const { S, stat } = this
    const sums = this.nodes.sums
    for (let s = 0; s < S; s++) sums[root * S + s] = 0
    for (let k = 0; k < m; k++) for (let s = 0; s < S; s++) sums[root * S + s] += stat[k * S + s]
    if (this.regression) this.nodes.squares[root] = this.bag.sumSquares(m)
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

  /**
   * Searches the node's best split over features drawn per split; stores it
   * in `best`. False for a pure node or when no split gains anything.
   */
  private findSplit(node: number, random: Random): boolean {
    const { S, K, best, perm, p, hist, offsets, occupied } = this
    const { nBins, codes: colCodes, rowCodes, settings } = this.inputs
    const start = this.nodes.start[node]
    const end = this.nodes.end[node]
    let T = 0
    let H = 0
    let bound = 0
    let score = 0
    const nodeSums = this.nodeScratch
    for (let s = 0; s < S; s++) nodeSums[s] = this.nodes.sums[node * S + s]
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
      bound = this.regression ? this.nodes.squares[node] : K === 1 ? nodeSums[0] : H
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
    const { best, S, nodes } = this
    const f = best.feature
    const start = nodes.start[node]
    const end = nodes.end[node]
    const missing = this.inputs.nBins[f]
    const scattered = (end - start) * SCATTERED_BELOW_SHARE < this.n
    const codes = scattered ? this.inputs.rowCodes : this.inputs.codes
    const col = scattered ? f : f * this.n
    const stride = scattered ? this.p : 1
    const mid = this.bag.partition(start, end, codes, col, stride, best.bin, missing, best.defaultLeft)
    const depth = nodes.depth[node] + 1
    const l = nodes.add(start, mid, depth)
    const r = nodes.add(mid, end, depth)
    // Read the arrays only now: adding nodes may have replaced them with larger ones.
    nodes.feature[node] = f
    nodes.bin[node] = best.bin
    nodes.defaultLeft[node] = best.defaultLeft ? 1 : 0
    nodes.left[node] = l
    const sums = nodes.sums
    for (let s = 0; s < S; s++) {
      sums[l * S + s] = best.left[s]
      sums[r * S + s] = sums[node * S + s] - best.left[s]
    }
    if (this.regression) {
      nodes.squares[l] = this.bag.squaresLeft
      nodes.squares[r] = this.bag.squaresRight
    }
    importance[at + f] += best.gain
    return l
  }
}
