/**
 * Algorithm 2 of Lundberg, Erion & Lee (2018), "Consistent individualized
 * feature attribution for tree ensembles": the polynomial-time path-dependent
 * TreeSHAP, ported from shap's tree_shap.h (extend, unwind, unwound sum).
 * A test oracle: src/core/explain/tree-shap.ts computes the same values by
 * quadrature, and the tests hold the two equal on deep fitted forests where
 * brute-force enumeration is out of reach. It shares only childShare (the
 * cover rule for nodes without cover) with the code under test.
 */
import { childShare } from '../../../../src/core/explain/tree-shap'
import type { TreeEnsembleArrays } from '../../../../src/core/model/tree/predictor'

/** Depth of the deepest leaf (root = 0). */
export function deepestLeaf(arrays: TreeEnsembleArrays): number {
  const depth = new Int32Array(arrays.feature.length)
  let max = 0
  const stack = [...arrays.roots]
  while (stack.length > 0) {
    const node = stack.pop() as number
    if (arrays.feature[node] < 0) {
      max = Math.max(max, depth[node])
      continue
    }
    depth[arrays.left[node]] = depth[arrays.right[node]] = depth[node] + 1
    stack.push(arrays.left[node], arrays.right[node])
  }
  return max
}

/** Which slot of a tree's leaves feeds raw column `column` (−1: none). */
function leafSlot(arrays: TreeEnsembleArrays, tree: number, column: number): number {
  const slot = column - arrays.treeOutput[tree]
  return slot >= 0 && slot < arrays.leafWidth ? slot : -1
}

/** Algorithm 2 with unique-path scratch arrays sized from the deepest tree. */
export class Algorithm2 {
  // The unique path: per element the feature, the share of cover that reaches
  // it with the feature unknown (zero fraction), whether the row reaches it
  // with the feature known (one fraction), and the weight of coalition sizes.
  private readonly pathFeature: Int32Array
  private readonly pathZero: Float64Array
  private readonly pathOne: Float64Array
  private readonly pathWeight: Float64Array
  // The row being explained and where its contributions go.
  private data: Float64Array = new Float64Array(0)
  private offset = 0
  private phi: Float64Array = new Float64Array(0)
  private slot = 0
  private factor = 1

  constructor(readonly trees: { arrays: TreeEnsembleArrays; cover: Float64Array; maxDepth: number }) {
    // Each level's path starts after its parent's (at most depth + 2 further on):
    // (D + 3)(D + 4)/2 elements hold the deepest path's copies.
    const D = trees.maxDepth
    const size = ((D + 3) * (D + 4)) / 2
    this.pathFeature = new Int32Array(size)
    this.pathZero = new Float64Array(size)
    this.pathOne = new Float64Array(size)
    this.pathWeight = new Float64Array(size)
  }

  /**
   * Adds the SHAP values of one row for raw column `column` to `phi` (one
   * entry per matrix column), multiplied by `sign`: row i of a row-major
   * matrix `data` starts at `offset`. Σ phi = sign × (raw score − expected value).
   */
  explainRow(data: Float64Array, offset: number, column: number, phi: Float64Array, sign = 1): void {
    const { arrays } = this.trees
    this.data = data
    this.offset = offset
    this.phi = phi
    this.factor = sign * arrays.scale
    for (let t = 0; t < arrays.roots.length; t++) {
      const slot = leafSlot(arrays, t, column)
      if (slot < 0) continue
      this.slot = slot
      this.recurse(arrays.roots[t], 0, 0, 1, 1, -1)
    }
  }

  /**
   * shap's tree_shap_recursive: `parentStart` is where the parent's path
   * begins, `depth` the length of the path below the root element (the
   * unique depth), and the parent's split adds (zero, one, feature).
   */
  private recurse(node: number, parentStart: number, depth: number, parentZero: number, parentOne: number, parentFeature: number): void {
    const { arrays, cover } = this.trees
    const f = this.pathFeature
    const z = this.pathZero
    const o = this.pathOne
    const w = this.pathWeight
    const start = parentStart + depth + 1
    for (let i = 0; i <= depth; i++) {
      f[start + i] = f[parentStart + i]
      z[start + i] = z[parentStart + i]
      o[start + i] = o[parentStart + i]
      w[start + i] = w[parentStart + i]
    }
    extendPath(f, z, o, w, start, depth, parentZero, parentOne, parentFeature)
    const split = arrays.feature[node]
    if (split < 0) {
      const v = this.factor * arrays.value[node * arrays.leafWidth + this.slot]
      for (let i = 1; i <= depth; i++) {
        const weight = unwoundPathSum(z, o, w, start, depth, i)
        this.phi[f[start + i]] += weight * (o[start + i] - z[start + i]) * v
      }
      return
    }
    const x = this.data[this.offset + split]
    const l = arrays.left[node]
    const r = arrays.right[node]
    const goesLeft = x <= arrays.threshold[node] || (x !== x && arrays.defaultLeft[node] === 1)
    const hot = goesLeft ? l : r
    const cold = goesLeft ? r : l
    const hotZero = childShare(cover, node, hot)
    const coldZero = childShare(cover, node, cold)
    let incomingZero = 1
    let incomingOne = 1
    let d = depth
    // A feature already on the path is split again: undo its earlier entry and carry its fractions on.
    let index = 0
    while (index <= d && f[start + index] !== split) index++
    if (index <= d) {
      incomingZero = z[start + index]
      incomingOne = o[start + index]
      unwindPath(f, z, o, w, start, d, index)
      d--
    }
    // A child that neither the row nor any cover reaches adds nothing (and would divide by zero when unwound).
    if (hotZero * incomingZero > 0 || incomingOne > 0) this.recurse(hot, start, d + 1, hotZero * incomingZero, incomingOne, split)
    if (coldZero * incomingZero > 0) this.recurse(cold, start, d + 1, coldZero * incomingZero, 0, split)
  }
}

/** Adds an element to the path and updates the weights of coalition sizes (shap's extend_path). */
function extendPath(f: Int32Array, z: Float64Array, o: Float64Array, w: Float64Array, start: number, depth: number, zero: number, one: number, feature: number): void {
  f[start + depth] = feature
  z[start + depth] = zero
  o[start + depth] = one
  w[start + depth] = depth === 0 ? 1 : 0
  for (let i = depth - 1; i >= 0; i--) {
    w[start + i + 1] += (one * w[start + i] * (i + 1)) / (depth + 1)
    w[start + i] = (zero * w[start + i] * (depth - i)) / (depth + 1)
  }
}

/** Removes element `index` from the path, undoing its extension (shap's unwind_path). */
function unwindPath(f: Int32Array, z: Float64Array, o: Float64Array, w: Float64Array, start: number, depth: number, index: number): void {
  const one = o[start + index]
  const zero = z[start + index]
  let next = w[start + depth]
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const t = w[start + i]
      w[start + i] = (next * (depth + 1)) / ((i + 1) * one)
      next = t - (w[start + i] * zero * (depth - i)) / (depth + 1)
    } else {
      w[start + i] = (w[start + i] * (depth + 1)) / (zero * (depth - i))
    }
  }
  for (let i = index; i < depth; i++) {
    f[start + i] = f[start + i + 1]
    z[start + i] = z[start + i + 1]
    o[start + i] = o[start + i + 1]
  }
}

/** The total weight the path would have with element `index` unwound, without changing it (shap's unwound_path_sum). */
function unwoundPathSum(z: Float64Array, o: Float64Array, w: Float64Array, start: number, depth: number, index: number): number {
  const one = o[start + index]
  const zero = z[start + index]
  let next = w[start + depth]
  let total = 0
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const t = (next * (depth + 1)) / ((i + 1) * one)
      total += t
      next = w[start + i] - (t * zero * (depth - i)) / (depth + 1)
    } else if (zero !== 0) {
      total += w[start + i] / zero / ((depth - i) / (depth + 1))
    }
  }
  return total
}
