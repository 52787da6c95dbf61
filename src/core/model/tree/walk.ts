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
 * and four rows walk at once so their memory reads overlap. Trees grown here
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

/** The leaf each row of X reaches in tree t, branch-free, four rows at a time. */
export function walkFixed(w: FixedWalk, t: number, root: number, X: Matrix, leaves: Int32Array): void {
  const { feature, left, threshold, missingRight } = w
  const steps = w.depth[t]
  const { rows: n, cols: p, data } = X
  let i = 0
  for (; i + 4 <= n; i += 4) {
    const r0 = i * p
    const r1 = r0 + p
    const r2 = r1 + p
    const r3 = r2 + p
    let a = root
    let b = root
    let c = root
    let d = root
    for (let s = 0; s < steps; s++) {
      const xa = data[r0 + feature[a]]
      const xb = data[r1 + feature[b]]
      const xc = data[r2 + feature[c]]
      const xd = data[r3 + feature[d]]
      a = left[a] + (+(xa > threshold[a]) | (+(xa !== xa) & missingRight[a]))
      b = left[b] + (+(xb > threshold[b]) | (+(xb !== xb) & missingRight[b]))
      c = left[c] + (+(xc > threshold[c]) | (+(xc !== xc) & missingRight[c]))
      d = left[d] + (+(xd > threshold[d]) | (+(xd !== xd) & missingRight[d]))
    }
    leaves[i] = a
    leaves[i + 1] = b
    leaves[i + 2] = c
    leaves[i + 3] = d
  }
  for (; i < n; i++) {
    const row = i * p
    let a = root
    for (let s = 0; s < steps; s++) {
      const x = data[row + feature[a]]
      a = left[a] + (+(x > threshold[a]) | (+(x !== x) & missingRight[a]))
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
