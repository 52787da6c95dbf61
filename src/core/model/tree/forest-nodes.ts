/**
 * The nodes of the forest tree being grown (forest-grower.ts): growable
 * typed arrays, reused by every tree of a grower, and their compaction into
 * the ForestTree a forest keeps.
 */
import { PACK, type ForestInputs } from './forest-inputs'
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
 * Node arrays of one tree (capacity doubles as it grows). A node is a range
 * [start, end) of the grower's row index and S sums of its rows' statistics
 * (1 when packed: see forest-inputs.ts's PACK).
 */
export class ForestNodes {
  count = 0
  feature = new Int32Array(0)
  bin = new Uint8Array(0)
  defaultLeft = new Uint8Array(0)
  left = new Int32Array(0)
  start = new Int32Array(0)
  end = new Int32Array(0)
  depth = new Int32Array(0)
  /** S sums per node. */
  sums = new Float64Array(0)
  /** Σ w·t² per node (regression: the bound on any split's gain). */
  squares = new Float64Array(0)
  private capacity = 0

  constructor(
    private readonly S: number,
    private readonly regression: boolean,
  ) {
    this.reserve(256)
  }

  /** Appends a leaf over rows[start..end) at `depth`; returns its index. Arrays may be replaced: read them after. */
  add(start: number, end: number, depth: number): number {
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

  /** The tree grown as exact-size arrays; leaf values from the leaves' sums. */
  compact(inputs: ForestInputs): ForestTree {
    const { count, S, regression } = this
    const { base, outputs: K } = inputs
    const packed = inputs.packed === 1
    let leaves = 0
    for (let i = 0; i < count; i++) if (this.feature[i] < 0) leaves++
    const feature = inputs.cols < 32768 ? new Int16Array(count) : new Int32Array(count)
    const left = new Int32Array(count)
    const value = new Float64Array(leaves * K)
    const cover = new Float32Array(count)
    // Regression targets are centred on the base already; class shares are not.
    const shift = regression ? 0 : 1
    let leaf = 0
    for (let i = 0; i < count; i++) {
      const f = this.feature[i]
      feature[i] = f
      let T = 0
      let H = 0
      if (packed) {
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
        const tc = packed ? T : this.sums[i * S + c]
        value[leaf * K + c] = H > 0 ? tc / H - shift * base[c] : 0
      }
      leaf++
    }
    return { feature, bin: this.bin.slice(0, count), defaultLeft: this.defaultLeft.slice(0, count), left, value, cover }
  }
}
