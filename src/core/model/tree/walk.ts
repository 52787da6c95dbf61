/**
 * Walking rows down the trees of a TreeEnsemble to their leaves: the
 * branch-free fixed-depth walk for trees whose children sit side by side,
 * and the branching walk for any other layout. Both give the same leaves
 * (tests/unit/core/model/tree/predictor.test.ts).
 */
import type { Matrix } from '../../types'
import type { TreeEnsembleArrays } from './predictor'

/**
 * The trees rewritten so that every row takes exactly `depth[t]` steps with
 * no branch: a leaf points at itself (feature 0, threshold +Infinity, missing
 * values left), and a split's children sit side by side (right = left + 1), so
 * one step is node = left[node] + (x > threshold, or x missing and missing
 * values go right). The direction taken then costs no mispredicted branch,
 * and eight rows walk at once so their memory reads overlap. Trees grown here
 * always store children side by side; an ensemble that does not (imported)
 * walks with branches instead.
 */
export interface FixedWalk {
  feature: Int32Array
  left: Int32Array
  threshold: Float64Array
  missingRight: Int32Array
  /** Steps from each tree's root to its deepest leaf. */
  depth: Int32Array
}

export function fixedWalk(a: TreeEnsembleArrays): FixedWalk | null {
  const nodes = a.feature.length
  const feature = new Int32Array(nodes)
  const left = new Int32Array(nodes)
  const threshold = new Float64Array(nodes)
  const missingRight = new Int32Array(nodes)
  for (let node = 0; node < nodes; node++) {
    if (a.feature[node] < 0) {
      left[node] = node
      threshold[node] = Infinity
      continue
    }
    if (a.right[node] !== a.left[node] + 1) return null
    feature[node] = a.feature[node]
    left[node] = a.left[node]
    threshold[node] = a.threshold[node]
    missingRight[node] = a.defaultLeft[node] === 1 ? 0 : 1
  }
  const depth = new Int32Array(a.roots.length)
  for (let t = 0; t < a.roots.length; t++) depth[t] = treeDepth(a, a.roots[t])
  return { feature, left, threshold, missingRight, depth }
}

/** Steps from `root` to its deepest leaf (children come after their parent, so this ends). */
function treeDepth(a: TreeEnsembleArrays, root: number): number {
  let deepest = 0
  const stack = [root, 0]
  while (stack.length > 0) {
    const d = stack.pop()!
    const node = stack.pop()!
    if (a.feature[node] < 0) deepest = Math.max(deepest, d)
    else stack.push(a.left[node], d + 1, a.right[node], d + 1)
  }
  return deepest
}

/**
 * The leaf each row of X reaches in tree t, branch-free, eight rows at a time:
 * each step of a row depends on the step before, so one row alone waits on
 * its memory reads; eight independent rows keep the CPU busy (100 trees of
 * depth 6 over 100 rows: 124 µs four at a time, 74 µs eight at a time; sixteen
 * no longer fit the registers and were slower).
 */
export function walkFixed(w: FixedWalk, t: number, root: number, X: Matrix, leaves: Int32Array): void {
  const { feature: f, left: l, threshold: h, missingRight: m } = w
  const steps = w.depth[t]
  const { rows: n, cols: p, data } = X
  let i = 0
  for (; i + 8 <= n; i += 8) {
    // Row offsets are recomputed in the loop: eight more live values would spill registers (30% slower).
    const r0 = i * p
    let a0 = root
    let a1 = root
    let a2 = root
    let a3 = root
    let a4 = root
    let a5 = root
    let a6 = root
    let a7 = root
    for (let s = 0; s < steps; s++) {
      const x0 = data[r0 + f[a0]]
      const x1 = data[r0 + p + f[a1]]
      const x2 = data[r0 + 2 * p + f[a2]]
      const x3 = data[r0 + 3 * p + f[a3]]
      const x4 = data[r0 + 4 * p + f[a4]]
      const x5 = data[r0 + 5 * p + f[a5]]
      const x6 = data[r0 + 6 * p + f[a6]]
      const x7 = data[r0 + 7 * p + f[a7]]
      // Right when x > threshold, or x is missing and missing values go right.
      a0 = l[a0] + (+(x0 > h[a0]) | (+(x0 !== x0) & m[a0]))
      a1 = l[a1] + (+(x1 > h[a1]) | (+(x1 !== x1) & m[a1]))
      a2 = l[a2] + (+(x2 > h[a2]) | (+(x2 !== x2) & m[a2]))
      a3 = l[a3] + (+(x3 > h[a3]) | (+(x3 !== x3) & m[a3]))
      a4 = l[a4] + (+(x4 > h[a4]) | (+(x4 !== x4) & m[a4]))
      a5 = l[a5] + (+(x5 > h[a5]) | (+(x5 !== x5) & m[a5]))
      a6 = l[a6] + (+(x6 > h[a6]) | (+(x6 !== x6) & m[a6]))
      a7 = l[a7] + (+(x7 > h[a7]) | (+(x7 !== x7) & m[a7]))
    }
    leaves[i] = a0
    leaves[i + 1] = a1
    leaves[i + 2] = a2
    leaves[i + 3] = a3
    leaves[i + 4] = a4
    leaves[i + 5] = a5
    leaves[i + 6] = a6
    leaves[i + 7] = a7
  }
  for (; i < n; i++) {
    const row = i * p
    let a = root
    for (let s = 0; s < steps; s++) {
      const x = data[row + f[a]]
      a = l[a] + (+(x > h[a]) | (+(x !== x) & m[a]))
    }
    leaves[i] = a
  }
}

/** The leaf each row of X reaches, walking the stored trees as they are (any child layout). */
export function walkBranching(arrays: TreeEnsembleArrays, root: number, X: Matrix, leaves: Int32Array): void {
  const { feature, threshold, defaultLeft, left, right } = arrays
  const { rows: n, cols: p, data } = X
  for (let i = 0; i < n; i++) {
    const row = i * p
    let node = root
    let f = feature[node]
    while (f >= 0) {
      const x = data[row + f]
      node = x <= threshold[node] ? left[node] : x !== x && defaultLeft[node] === 1 ? left[node] : right[node]
      f = feature[node]
    }
    leaves[i] = node
  }
}
