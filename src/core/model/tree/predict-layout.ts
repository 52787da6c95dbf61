/**
 * The trees of an ensemble rewritten for the prediction kernel
 * (kernel/assembly/predict.ts), where one step of a walk is a single
 * comparison with no branch and no test for missing values:
 *
 *   node = first[node] + (buffer column value > threshold[node] ? 1 : 0)
 *
 * A comparison with NaN is false, so a missing value always takes the first
 * child. Each split is therefore stored in one of three forms, chosen by where
 * its missing values go:
 * - missing left: column x, threshold h, children (left, right) — as stored;
 * - missing right: column −x, threshold −nextUp(h), children (right, left).
 *   −x > −nextUp(h) ⇔ x < nextUp(h) ⇔ x ≤ h for every non-missing x, so the
 *   second child (left) is taken exactly when x ≤ h, and NaN goes right;
 * - missing right with h = +∞ or NaN (only missing values go right): a marker
 *   column (NaN where x is missing, else 0) against −1.
 * A leaf points at itself with threshold +∞, so every row of a tree takes the
 * same number of steps. Nodes are renumbered tree by tree, breadth first,
 * each split's children side by side; leaf values move with their leaves
 * unchanged, so the sums are the same bits as the stored trees give.
 */
import type { TreeEnsembleArrays } from './predictor'

/** Kinds of block-buffer column, as the kernel reads them (column code = 4 × source column + kind). */
export const COLUMN_VALUE = 0
export const COLUMN_NEGATED = 1
export const COLUMN_MISSING = 2

export interface PredictLayout {
  /** Nodes after renumbering (the reachable ones). */
  nodes: number
  threshold: Float64Array
  /** Block-buffer column of each node (leaves: 0). */
  column: Int32Array
  /** Each node's first child (leaves: itself); the second child follows it. */
  first: Int32Array
  /** leafWidth values per node, in the new numbering (zero for splits). */
  value: Float64Array
  roots: Int32Array
  /** Steps from each tree's root to its deepest leaf. */
  steps: Int32Array
  /** The block buffer's columns: 4 × source column + kind (COLUMN_*). */
  columns: Int32Array
}

/**
 * The kernel's layout of `a` (any child order; children come after their
 * parent, as fromJSON checks), or null when some node is reached twice —
 * arrays that are not trees, which the TypeScript walk still predicts.
 */
export function predictLayout(a: TreeEnsembleArrays): PredictLayout | null {
  const size = a.feature.length
  const W = a.leafWidth
  const threshold = new Float64Array(size)
  const column = new Int32Array(size)
  const first = new Int32Array(size)
  const value = new Float64Array(size * W)
  const roots = new Int32Array(a.roots.length)
  const steps = new Int32Array(a.roots.length)
  const codes: number[] = []
  const columnOf = new Map<number, number>()
  const columnFor = (code: number): number => {
    let k = columnOf.get(code)
    if (k === undefined) {
      k = codes.length
      columnOf.set(code, k)
      codes.push(code)
    }
    return k
  }
  // Breadth first from each root: a queue of (stored node, new id, depth).
  const queue = new Int32Array(3 * size)
  let next = 0
  for (let t = 0; t < a.roots.length; t++) {
    let head = 0
    let tail = 0
    queue[tail++] = a.roots[t]
    queue[tail++] = next
    queue[tail++] = 0
    if (next + 1 > size) return null
    roots[t] = next++
    while (head < tail) {
      const stored = queue[head++]
      const id = queue[head++]
      const depth = queue[head++]
      const f = a.feature[stored]
      if (f < 0) {
        threshold[id] = Infinity
        first[id] = id
        for (let c = 0; c < W; c++) value[id * W + c] = a.value[stored * W + c]
        if (depth > steps[t]) steps[t] = depth
        continue
      }
      const h = a.threshold[stored]
      let firstChild = a.left[stored]
      let secondChild = a.right[stored]
      if (a.defaultLeft[stored] === 1) {
        threshold[id] = h
        column[id] = columnFor(4 * f + COLUMN_VALUE)
      } else {
        firstChild = a.right[stored]
        secondChild = a.left[stored]
        if (h < Infinity) {
          threshold[id] = -nextUp(h)
          column[id] = columnFor(4 * f + COLUMN_NEGATED)
        } else {
          threshold[id] = -1
          column[id] = columnFor(4 * f + COLUMN_MISSING)
        }
      }
      if (next + 2 > size) return null
      first[id] = next
      queue[tail++] = firstChild
      queue[tail++] = next++
      queue[tail++] = depth + 1
      queue[tail++] = secondChild
      queue[tail++] = next++
      queue[tail++] = depth + 1
    }
  }
  return { nodes: next, threshold, column, first, value, roots, steps, columns: Int32Array.from(codes) }
}

const bits = new DataView(new ArrayBuffer(8))

/** The smallest double above h (h finite or −∞): x ≤ h ⇔ x < nextUp(h) for every x that is not NaN. */
export function nextUp(h: number): number {
  if (h === 0) return Number.MIN_VALUE
  bits.setFloat64(0, h)
  let hi = bits.getUint32(0)
  let lo = bits.getUint32(4)
  // The magnitude's bits grow away from zero for h > 0 and shrink toward it for h < 0 (−∞ becomes −MAX_VALUE).
  if (h > 0) {
    lo = (lo + 1) >>> 0
    if (lo === 0) hi = (hi + 1) >>> 0
  } else {
    if (lo === 0) hi = (hi - 1) >>> 0
    lo = (lo - 1) >>> 0
  }
  bits.setUint32(0, hi)
  bits.setUint32(4, lo)
  return bits.getFloat64(0)
}
