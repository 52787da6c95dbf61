/**
 * Node storage of the grower: one typed array per node attribute, grown by
 * doubling and reused for every tree, so growing a tree allocates nothing per
 * node. Holds what a grown tree exposes (see GrownTree) and what growing needs
 * on the way: depth, gradient/hessian/row sums and the best split found for
 * each open node.
 */
import { resized } from './resized'

/** Node arrays; fields are replaced (not resized in place) when capacity grows, so read them after adding nodes. */
export class NodeStore {
  count = 0
  private capacity = 0
  // Exposed as GrownTree.
  feature = new Int32Array(0)
  bin = new Int32Array(0)
  threshold = new Float64Array(0)
  defaultLeft = new Uint8Array(0)
  left = new Int32Array(0)
  right = new Int32Array(0)
  value = new Float64Array(0)
  gain = new Float64Array(0)
  rowStart = new Int32Array(0)
  rowEnd = new Int32Array(0)
  passengerStart = new Int32Array(0)
  passengerEnd = new Int32Array(0)
  // Growing state.
  depth = new Int32Array(0)
  /** Gradient sums, `outputs` per node. */
  sumG = new Float64Array(0)
  sumH = new Float64Array(0)
  sumCount = new Float64Array(0)
  /** The best split found for an open node, applied when the node is split. */
  splitFeature = new Int32Array(0)
  splitBin = new Int32Array(0)
  splitDefaultLeft = new Uint8Array(0)
  splitGain = new Float64Array(0)
  splitLeftG = new Float64Array(0)
  splitLeftH = new Float64Array(0)

  /** reorder's scratch. */
  private intScratch = new Int32Array(0)
  private doubleScratch = new Float64Array(0)

  constructor(private readonly outputs: number) {
    this.reserve(64)
  }

  /** Forgets all nodes (keeps the memory). */
  clear(): void {
    this.count = 0
  }

  /** Appends a leaf over rows[start..end) at `depth` with zero sums; returns its index. */
  add(start: number, end: number, depth: number): number {
    if (this.count === this.capacity) this.reserve(this.capacity * 2)
    const i = this.count++
    const k = this.outputs
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
    for (let c = 0; c < k; c++) this.sumG[i * k + c] = 0
    this.sumH[i] = 0
    this.sumCount[i] = 0
    return i
  }

  /**
   * Renumbers the nodes: node order[i] becomes node i (newId is order's
   * inverse), children indices following. Leaves keep 0 as their children.
   */
  reorder(order: Int32Array, newId: Int32Array): void {
    const n = this.count
    const k = this.outputs
    const ints = this.intScratch.length >= n * Math.max(2, k) ? this.intScratch : (this.intScratch = new Int32Array(this.capacity * Math.max(2, k)))
    const doubles = this.doubleScratch.length >= n * k ? this.doubleScratch : (this.doubleScratch = new Float64Array(this.capacity * k))
    const left = this.left
    const right = this.right
    for (let i = 0; i < n; i++) {
      const old = order[i]
      const leaf = this.feature[old] < 0
      ints[i] = leaf ? 0 : newId[left[old]]
      ints[n + i] = leaf ? 0 : newId[right[old]]
    }
    left.set(ints.subarray(0, n))
    right.set(ints.subarray(n, 2 * n))
    for (const a of [this.feature, this.bin, this.rowStart, this.rowEnd, this.passengerStart, this.passengerEnd, this.depth]) permute(a, order, n, 1, ints)
    for (const a of [this.threshold, this.gain, this.sumH, this.sumCount]) permute(a, order, n, 1, doubles)
    for (const a of [this.value, this.sumG]) permute(a, order, n, k, doubles)
    const flags = new Uint8Array(ints.buffer, 0, n)
    for (let i = 0; i < n; i++) flags[i] = this.defaultLeft[order[i]]
    this.defaultLeft.set(flags)
  }

  /** Grows every array to `capacity` nodes, keeping contents. */
  private reserve(capacity: number): void {
    const k = this.outputs
    this.feature = resized(this.feature, capacity)
    this.bin = resized(this.bin, capacity)
    this.threshold = resized(this.threshold, capacity)
    this.defaultLeft = resized(this.defaultLeft, capacity)
    this.left = resized(this.left, capacity)
    this.right = resized(this.right, capacity)
    this.value = resized(this.value, capacity * k)
    this.gain = resized(this.gain, capacity)
    this.rowStart = resized(this.rowStart, capacity)
    this.rowEnd = resized(this.rowEnd, capacity)
    this.passengerStart = resized(this.passengerStart, capacity)
    this.passengerEnd = resized(this.passengerEnd, capacity)
    this.depth = resized(this.depth, capacity)
    this.sumG = resized(this.sumG, capacity * k)
    this.sumH = resized(this.sumH, capacity)
    this.sumCount = resized(this.sumCount, capacity)
    this.splitFeature = resized(this.splitFeature, capacity)
    this.splitBin = resized(this.splitBin, capacity)
    this.splitDefaultLeft = resized(this.splitDefaultLeft, capacity)
    this.splitGain = resized(this.splitGain, capacity)
    this.splitLeftG = resized(this.splitLeftG, capacity * k)
    this.splitLeftH = resized(this.splitLeftH, capacity)
    this.capacity = capacity
  }
}

/** a's entries for nodes order[0…n), `width` per node, made its first n × width entries (through `scratch`). */
function permute<T extends Int32Array | Float64Array>(a: T, order: Int32Array, n: number, width: number, scratch: T extends Int32Array ? Int32Array : Float64Array): void {
  for (let i = 0; i < n; i++) for (let c = 0; c < width; c++) scratch[i * width + c] = a[order[i] * width + c]
  a.set(scratch.subarray(0, n * width))
}
