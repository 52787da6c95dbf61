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
