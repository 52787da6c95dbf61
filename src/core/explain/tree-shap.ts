/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent
 * individualized feature attribution for tree ensembles") over the studio's
 * flat tree ensemble.
 *
 * The game: the value of a coalition S of features for one tree is the
 * conditional expectation of the paper's Algorithm 1 — walk the tree from the
 * root; at a split on a feature in S follow the row (missing values take the
 * learned default direction, exactly as prediction does); at a split on a
 * feature not in S take both children, weighted by the share of the node's
 * cover each child holds. A node whose cover is zero passes half of its
 * weight to each child; the expected value uses the same rule.
 *
 * How it is computed. Per leaf the game is a product: each distinct feature j
 * on the leaf's path carries a "zero fraction" z_j (the cover share reaching
 * the leaf through j's splits) and a "one fraction" o_j (1 when the row itself
 * follows j's splits to the leaf, else 0), and v(S) = value × Π_{j∈S} o_j ×
 * Π_{j∉S} z_j. The Shapley weights |S|!(d−|S|−1)!/d! are Beta integrals
 * ∫₀¹ t^|S| (1−t)^(d−|S|−1) dt, so the leaf gives feature i
 *
 *   φ_i = (o_i − z_i) × value × ∫₀¹ Π_{j≠i} (z_j + (o_j − z_j) t) dt,
 *
 * the integral of a polynomial of degree d − 1, which Gauss–Legendre
 * quadrature with ⌈d/2⌉ nodes gives exactly. Algorithm 2 of the paper
 * computes the same numbers by tracking the polynomial's coefficients along
 * the path in O(leaves × depth²); evaluating it at the quadrature nodes
 * instead lets every node pass its product down and its children's sums up,
 * in O(nodes × depth / 2) (the idea of Linear TreeShap, Yu et al. 2022). Tests
 * check it against Algorithm 2 on deep fitted forests and against brute-force
 * enumeration of all coalitions on small trees.
 *
 * The walk: at every node the quadrature values G(t_q) of the path's product
 * go down (a feature split again has its earlier factor replaced by the
 * combined one, as Algorithm 2's unwinding does); each subtree returns
 * S(t_q) = Σ over its leaves of value × G_leaf(t_q). A split's element
 * collects, from the leaves below it that no deeper split on the same feature
 * takes over, (o − z) Σ_q a_q S(t_q) / factor(t_q). Products of many small
 * factors may underflow deep in a tree; such terms are below 1e-300 of the
 * leaf value and cannot matter, and no division by zero can occur (a child
 * with z = 0 and o = 0 is skipped; every other factor is positive inside
 * (0, 1)).
 */
import type { TreeEnsembleArrays } from '../model/tree/predictor'

/** An ensemble ready for TreeSHAP: the flat arrays, the node cover and the depths that size the quadrature. */
export interface ShapTrees {
  arrays: TreeEnsembleArrays
  cover: Float64Array
  /** Depth of the deepest leaf over all trees (root = 0). */
  maxDepth: number
  /** Quadrature nodes per tree: ⌈d/2⌉ for the most distinct features d on one of its root-to-leaf paths. */
  nodesPerTree: Int32Array
  /** One more than the largest feature index split on. */
  featureCount: number
  /** Expected raw score per output column, filled on first use. */
  expected: Map<number, number>
}

/** Prepares an ensemble for TreeSHAP with this node cover (one value per node). */
export function shapTrees(arrays: TreeEnsembleArrays, cover: Float64Array): ShapTrees {
  const { feature, left, right, roots } = arrays
  if (cover.length !== feature.length) throw new Error(`tree shap: ${cover.length} cover values for ${feature.length} nodes`)
  let featureCount = 0
  for (const f of feature) if (f + 1 > featureCount) featureCount = f + 1
  // Per tree, depth-first: the deepest leaf and the most distinct features on one path.
  const onPath = new Int32Array(featureCount)
  const nodesPerTree = new Int32Array(roots.length)
  let maxDepth = 0
  const stack: number[] = []
  for (let t = 0; t < roots.length; t++) {
    let deepest = 0
    let mostDistinct = 0
    let depth = 0
    let distinct = 0
    // Entries ≥ 0 enter a node; ~node leaves it.
    stack.push(roots[t])
    while (stack.length > 0) {
      const entry = stack.pop() as number
      if (entry < 0) {
        const f = feature[~entry]
        if (--onPath[f] === 0) distinct--
        depth--
        continue
      }
      const f = feature[entry]
      if (f < 0) {
        if (depth > deepest) deepest = depth
        if (distinct > mostDistinct) mostDistinct = distinct
        continue
      }
      if (onPath[f]++ === 0) distinct++
      depth++
      stack.push(~entry, right[entry], left[entry])
    }
    maxDepth = Math.max(maxDepth, deepest)
    nodesPerTree[t] = Math.max(1, Math.ceil(mostDistinct / 2))
  }
  return { arrays, cover, maxDepth, nodesPerTree, featureCount, expected: new Map() }
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
  let sum = 0
  for (let t = 0; t < arrays.roots.length; t++) {
    const slot = leafSlot(arrays, t, column)
    if (slot >= 0) sum += walkMean(arrays, cover, arrays.roots[t], slot)
  }
  const expected = arrays.baseScore[column] + arrays.scale * sum
  trees.expected.set(column, expected)
  return expected
}

/** The cover-weighted mean leaf value of a subtree. */
function walkMean(arrays: TreeEnsembleArrays, cover: Float64Array, node: number, slot: number): number {
  if (arrays.feature[node] < 0) return arrays.value[node * arrays.leafWidth + slot]
  const l = arrays.left[node]
  const r = arrays.right[node]
  return childShare(cover, node, l) * walkMean(arrays, cover, l, slot) + childShare(cover, node, r) * walkMean(arrays, cover, r, slot)
}

/** Gauss–Legendre nodes t and weights a on [0, 1] (Σ a = 1), by count; exact for polynomials of degree ≤ 2 × count − 1. */
const quadratures = new Map<number, { t: Float64Array; a: Float64Array }>()

/** The Gauss–Legendre rule with `count` nodes on [0, 1]: Newton's method on the Legendre polynomial from the usual cosine guesses. */
export function gaussLegendre(count: number): { t: Float64Array; a: Float64Array } {
  const known = quadratures.get(count)
  if (known) return known
  const t = new Float64Array(count)
  const a = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (count + 0.5))
    let derivative = 1
    for (let iteration = 0; iteration < 100; iteration++) {
      // P_count(x) and P_count−1(x) by the three-term recurrence.
      let previous = 1
      let current = x
      for (let k = 2; k <= count; k++) {
        const next = ((2 * k - 1) * x * current - (k - 1) * previous) / k
        previous = current
        current = next
      }
      derivative = (count * (x * current - previous)) / (x * x - 1)
      const step = current / derivative
      x -= step
      if (Math.abs(step) <= 1e-17) break
    }
    t[i] = (1 - x) / 2
    a[i] = 1 / ((1 - x * x) * derivative * derivative)
  }
  const rule = { t, a }
  quadratures.set(count, rule)
  return rule
}

/**
 * Computes TreeSHAP values of rows for one ensemble (see the file header).
 * Holds per-level scratch arrays sized once from the deepest tree, so
 * explaining a row allocates nothing.
 */
export class TreeShapExplainer {
  /** Per level of the walk × quadrature node: the path product G, the subtree sum S, the sum handed over to deeper splits on the same feature, and the level's own factor. */
  private readonly G: Float64Array
  private readonly S: Float64Array
  private readonly handedOver: Float64Array
  private readonly factor: Float64Array
  /** Per feature: the level whose element holds it on the current path (−1: not on it), and its combined fractions. */
  private readonly featureLevel: Int32Array
  private readonly featureZero: Float64Array
  private readonly featureOne: Float64Array
  // The tree, row and output being explained.
  private t: Float64Array = new Float64Array(0)
  private a: Float64Array = new Float64Array(0)
  private Q = 1
  private data: Float64Array = new Float64Array(0)
  private offset = 0
  private phi: Float64Array = new Float64Array(0)
  private slot = 0
  private scale = 1

  constructor(readonly trees: ShapTrees) {
    let Q = 1
    for (const q of trees.nodesPerTree) Q = Math.max(Q, q)
    const size = (trees.maxDepth + 2) * Q
    this.G = new Float64Array(size)
    this.S = new Float64Array(size)
    this.handedOver = new Float64Array(size)
    this.factor = new Float64Array(size)
    this.featureLevel = new Int32Array(trees.featureCount).fill(-1)
    this.featureZero = new Float64Array(trees.featureCount).fill(1)
    this.featureOne = new Float64Array(trees.featureCount).fill(1)
  }

  /**
   * Adds the SHAP values of one row for raw column `column` to `phi` (one
   * entry per matrix column), multiplied by `sign`: row i of a row-major
   * matrix `data` starts at `offset`. Σ phi = sign × (raw score − expected value).
   */
  explainRow(data: Float64Array, offset: number, column: number, phi: Float64Array, sign = 1): void {
    const { arrays, nodesPerTree } = this.trees
    this.data = data
    this.offset = offset
    this.phi = phi
    this.scale = sign * arrays.scale
    for (let tree = 0; tree < arrays.roots.length; tree++) {
      const slot = leafSlot(arrays, tree, column)
      if (slot < 0) continue
      this.slot = slot
      this.Q = nodesPerTree[tree]
      const rule = gaussLegendre(this.Q)
      this.t = rule.t
      this.a = rule.a
      for (let q = 0; q < this.Q; q++) this.G[q] = 1
      this.visit(arrays.roots[tree], 0)
    }
  }

  /** Walks the subtree of `node` at `level` (G of the level is set) and leaves its sum S in the level's slot. */
  private visit(node: number, level: number): void {
    const { arrays, cover } = this.trees
    const { Q, t, a, G, S, handedOver, factor } = this
    const at = level * Q
    const f = arrays.feature[node]
    if (f < 0) {
      const v = this.scale * arrays.value[node * arrays.leafWidth + this.slot]
      for (let q = 0; q < Q; q++) S[at + q] = v * G[at + q]
      return
    }
    const x = this.data[this.offset + f]
    const l = arrays.left[node]
    const r = arrays.right[node]
    const goesLeft = x <= arrays.threshold[node] || (x !== x && arrays.defaultLeft[node] === 1)
    const hot = goesLeft ? l : r
    const cold = goesLeft ? r : l
    // The feature's element further up the path, if it was split on before: its factor is replaced below.
    const earlier = this.featureLevel[f]
    const earlierZero = this.featureZero[f]
    const earlierOne = this.featureOne[f]
    const next = at + Q
    for (let q = 0; q < Q; q++) S[at + q] = 0
    for (let side = 0; side < 2; side++) {
      const child = side === 0 ? hot : cold
      const zero = childShare(cover, node, child) * earlierZero
      const one = side === 0 ? earlierOne : 0
      // Neither the row nor any cover reaches this child: it adds nothing.
      if (zero === 0 && one === 0) continue
      for (let q = 0; q < Q; q++) {
        const own = zero + (one - zero) * t[q]
        factor[next + q] = own
        G[next + q] = earlier < 0 ? G[at + q] * own : (G[at + q] / factor[earlier * Q + q]) * own
        handedOver[next + q] = 0
      }
      this.featureLevel[f] = level + 1
      this.featureZero[f] = zero
      this.featureOne[f] = one
      this.visit(child, level + 1)
      let integral = 0
      for (let q = 0; q < Q; q++) {
        integral += (a[q] * (S[next + q] - handedOver[next + q])) / factor[next + q]
        S[at + q] += S[next + q]
      }
      this.phi[f] += (one - zero) * integral
    }
    this.featureLevel[f] = earlier
    this.featureZero[f] = earlierZero
    this.featureOne[f] = earlierOne
    // Below this node the feature's element is this split's: the earlier element leaves these leaves to it.
    if (earlier >= 0) for (let q = 0; q < Q; q++) handedOver[earlier * Q + q] += S[at + q]
  }
}
