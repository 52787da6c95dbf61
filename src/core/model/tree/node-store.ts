/**
 * Node storage of the grower: one typed array per node attribute, grown by
 * doubling and reused for every tree, so growing a tree allocates nothing per
 * node. Holds what a grown tree exposes (see GrownTree) and what growing needs
 * on the way: depth, gradient/hessian/row sums and the best split found for
 * each open node.
 */

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
    this.splitFeature = grow(this.splitFeature, capacity)
    this.splitBin = grow(this.splitBin, capacity)
    this.splitDefaultLeft = grow(this.splitDefaultLeft, capacity)
    this.splitGain = grow(this.splitGain, capacity)
    this.splitLeftG = grow(this.splitLeftG, capacity * k)
    this.splitLeftH = grow(this.splitLeftH, capacity)
    this.capacity = capacity
  }
}
