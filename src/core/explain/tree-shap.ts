/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent
 * individualized feature attribution for tree ensembles", Algorithm 2) over
 * the studio's flat tree ensemble.
 *
 * The value of a coalition S of features for one tree is the conditional
 * expectation of Algorithm 1: walk the tree from the root; at a split on a
 * feature in S follow the row (missing values take the learned default
 * direction, exactly as prediction does); at a split on a feature not in S
 * take both children, weighted by the share of the node's cover each child
 * holds. TreeSHAP gives the exact Shapley values of that game in
 * O(leaves × depth²) per tree by carrying, down every root-to-leaf path, the
 * proportion of coalitions of each size that reach the node ("unique path").
 * The port follows the reference implementation in shap's tree_shap.h
 * (extend, unwind and unwound-sum), without its conditioning extras.
 *
 * A node whose cover is zero passes half of its weight to each child (no
 * training data says otherwise); the expected value uses the same rule, so
 * contributions always add up to the margin.
 */
import type { TreeEnsembleArrays } from '../model/tree/predictor'

/** An ensemble ready for TreeSHAP: the flat arrays, the node cover and the deepest leaf. */
export interface ShapTrees {
  arrays: TreeEnsembleArrays
  cover: Float64Array
  /** Depth of the deepest leaf over all trees (root = 0). */
  maxDepth: number
  /** Expected raw score per output column, filled on first use. */
  expected: Map<number, number>
}

/** Prepares an ensemble for TreeSHAP with this node cover (one value per node). */
export function shapTrees(arrays: TreeEnsembleArrays, cover: Float64Array): ShapTrees {
  if (cover.length !== arrays.feature.length) throw new Error(`tree shap: ${cover.length} cover values for ${arrays.feature.length} nodes`)
  let maxDepth = 0
  const depth = new Int32Array(arrays.feature.length)
  // Children come after their parent, so one forward pass sets every depth.
  for (const root of arrays.roots) depth[root] = 0
  for (let node = 0; node < arrays.feature.length; node++) {
    if (arrays.feature[node] < 0) {
      if (depth[node] > maxDepth) maxDepth = depth[node]
      continue
    }
    depth[arrays.left[node]] = depth[node] + 1
    depth[arrays.right[node]] = depth[node] + 1
  }
  return { arrays, cover, maxDepth, expected: new Map() }
}

/**
 * Node cover measured on rows instead of training hessians: how many of the
 * rows of `X` (row-major, `cols` wide) pass through each node. For models
 * saved before cover was stored.
 */
export function coverFromRows(arrays: TreeEnsembleArrays, X: { rows: number; cols: number; data: Float64Array }): Float64Array {
  const { roots, feature, threshold, defaultLeft, left, right } = arrays
  const cover = new Float64Array(feature.length)
  const { rows: n, cols: p, data } = X
  for (let t = 0; t < roots.length; t++) {
    for (let i = 0; i < n; i++) {
      let node = roots[t]
      cover[node]++
      while (feature[node] >= 0) {
        const x = data[i * p + feature[node]]
        node = x <= threshold[node] ? left[node] : x !== x && defaultLeft[node] === 1 ? left[node] : right[node]
        cover[node]++
      }
    }
  }
  return cover
}

/** The share of `node`'s cover that `child` holds (one half when the node has none). */
export function childShare(cover: Float64Array, node: number, child: number): number {
  const w = cover[node]
  return w > 0 ? cover[child] / w : 0.5
}

/**
 * Which output column's leaf value a tree gives to raw column `column`: the
 * index within its leaves (0…leafWidth-1), or -1 when the tree writes other
 * columns (boosting grows one tree per class).
 */
function leafSlot(arrays: TreeEnsembleArrays, tree: number, column: number): number {
  const slot = column - arrays.treeOutput[tree]
  return slot >= 0 && slot < arrays.leafWidth ? slot : -1
}

/**
 * The expected raw score of column `column`: base score + scale × Σ over
 * trees of the cover-weighted mean leaf value (Algorithm 1 with no feature
 * known). This is the "expected value" of the explanation.
 */
export function treeExpectedValue(trees: ShapTrees, column: number): number {
  const cached = trees.expected.get(column)
  if (cached !== undefined) return cached
  const { arrays, cover } = trees
  const { feature, left, right, value, leafWidth: W } = arrays
  // Expectation of every node bottom-up: children come after their parent.
  const nodeMean = new Float64Array(feature.length)
  let sum = 0
  for (let t = 0; t < arrays.roots.length; t++) {
    const slot = leafSlot(arrays, t, column)
    if (slot < 0) continue
    const root = arrays.roots[t]
    const end = t + 1 < arrays.roots.length ? arrays.roots[t + 1] : feature.length
    // Trees occupy contiguous node ranges in builder order; fall back to a walk when they do not.
    if (end > root && contiguous(arrays, root, end)) {
      for (let node = end - 1; node >= root; node--) {
        nodeMean[node] = feature[node] < 0 ? value[node * W + slot] : childShare(cover, node, left[node]) * nodeMean[left[node]] + childShare(cover, node, right[node]) * nodeMean[right[node]]
      }
      sum += nodeMean[root]
    } else sum += walkMean(arrays, cover, root, slot)
  }
  const expected = arrays.baseScore[column] + arrays.scale * sum
  trees.expected.set(column, expected)
  return expected
}

/** True when every child of nodes root…end-1 lies in that range. */
function contiguous(arrays: TreeEnsembleArrays, root: number, end: number): boolean {
  for (let node = root; node < end; node++) {
    if (arrays.feature[node] < 0) continue
    if (arrays.left[node] >= end || arrays.right[node] >= end) return false
  }
  return true
}

function walkMean(arrays: TreeEnsembleArrays, cover: Float64Array, node: number, slot: number): number {
  if (arrays.feature[node] < 0) return arrays.value[node * arrays.leafWidth + slot]
  const l = arrays.left[node]
  const r = arrays.right[node]
  return childShare(cover, node, l) * walkMean(arrays, cover, l, slot) + childShare(cover, node, r) * walkMean(arrays, cover, r, slot)
}

/**
 * Computes TreeSHAP values of rows for one ensemble. Holds the unique-path
 * scratch arrays, sized once from the deepest tree, so explaining a row
 * allocates nothing.
 */
export class TreeShapExplainer {
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

  constructor(readonly trees: ShapTrees) {
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
    // The parent's elements 0…depth−1; element `depth` is written by extendPath.
    for (let i = 0; i < depth; i++) {
      f[start + i] = f[parentStart + i]
      z[start + i] = z[parentStart + i]
      o[start + i] = o[parentStart + i]
      w[start + i] = w[parentStart + i]
    }
    extendPath(f, z, o, w, start, depth, parentZero, parentOne, parentFeature)
    const split = arrays.feature[node]
    if (split < 0) {
      const v = this.factor * arrays.value[node * arrays.leafWidth + this.slot]
      // One fractions are 0 or 1 here. For an element with one = 0 the unwound
      // sum is Σ w_i (depth+1)/(depth−i) / zero and its factor (one − zero) is
      // −zero, so every such element gets the same −Σ w_i (depth+1)/(depth−i);
      // compute it once.
      let coldTotal = NaN
      for (let i = 1; i <= depth; i++) {
        if (o[start + i] !== 0) {
          this.phi[f[start + i]] += unwoundHotSum(z[start + i], w, start, depth) * (1 - z[start + i]) * v
        } else {
          if (coldTotal !== coldTotal) {
            coldTotal = 0
            for (let k = depth - 1; k >= 0; k--) coldTotal += (w[start + k] * (depth + 1)) / (depth - k)
          }
          this.phi[f[start + i]] -= coldTotal * v
        }
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

/**
 * The total weight the path would have with an element whose one fraction is
 * 1 and zero fraction `zero` unwound, without changing it (shap's
 * unwound_path_sum for one = 1; elements with one = 0 are summed in recurse).
 */
function unwoundHotSum(zero: number, w: Float64Array, start: number, depth: number): number {
  let next = w[start + depth]
  let total = 0
  const scale = zero / (depth + 1)
  for (let i = depth - 1; i >= 0; i--) {
    const t = (next * (depth + 1)) / (i + 1)
    total += t
    next = w[start + i] - t * scale * (depth - i)
  }
  return total
}
