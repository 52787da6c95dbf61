/**
 * Predictor: fitted trees as flat typed arrays — the only form that is kept
 * after fitting and the only form serialised. Thresholds are raw feature
 * values (a row goes left when x <= threshold, NaN follows the learned default
 * direction), so prediction needs neither bins nor edges. All trees of a model
 * share one set of arrays; child indices are global.
 *
 * Raw score of row i, column c = baseScore[c] + scale · Σ (leaf values the
 * trees writing column c reach). Boosting stores shrunken leaf values with
 * scale 1; a forest stores class frequencies (minus the base) with scale 1/trees.
 *
 * Node cover (the hessian sum of the training rows that reached each node,
 * in float32 as XGBoost keeps it) is kept for explanations (path-dependent
 * TreeSHAP). It is optional in the JSON, which stays version 1: models saved
 * before it existed load without it, and readers that predate it ignore the
 * field.
 */
import type { Matrix } from '../../types'
import { decodeTyped, encodeBase64 } from './base64'
import { fixedWalk, walkBranching, walkFixed, type FixedWalk } from './walk'
import { wasmPredictor, type RawPredictor } from './kernel/wasm-predictor'
import type { GrownTree } from './types'
import { resized } from './resized'

/**
 * Rows per block when predicting, as XGBoost's CPU predictor: 64 rows of a
 * 42-column matrix (21 KB) stay in the L1/L2 cache while they walk every tree.
 * Measured in Node 20 on 100 depth-6 trees over 100,000 × 42 rows (CPU time,
 * busy machine): tree by tree over all rows 110–140k rows/s; blocks of 1024
 * rows 400–435k, 256 rows 430–500k, 64 rows 510–660k.
 */
export const PREDICT_BLOCK_ROWS = 64
/**
 * In the TypeScript walk (predictRawWalk), blocks pay only while the trees
 * themselves stay in cache: a deep forest
 * (hundreds of thousands of nodes) walked block by block reloads every tree
 * for every block, about 2× slower than tree by tree (100 fully grown trees
 * over 100,000 rows: 18–35k against 31–61k rows/s). Larger ensembles walk
 * tree by tree over all rows (32,768 nodes ≈ 650 KB of walk arrays).
 */
export const BLOCKED_NODE_LIMIT = 32_768

/**
 * The WebAssembly kernel walks blocks of PREDICT_BLOCK_ROWS rows for
 * ensembles up to KERNEL_SMALL_NODE_LIMIT nodes and of KERNEL_LARGE_BLOCK_ROWS
 * rows above, where the trees no longer stay in cache across a block (Node 20,
 * CPU time, 100,000 × 42 rows, rows/s for blocks of 64 / 4,096 rows, and the
 * TypeScript walk tree by tree): 70k nodes (100 trees of depth 10) 655k / 363k,
 * walk 79k; 143k nodes 486k / 388k, walk 121k; 491k nodes 192k / 227k, walk
 * 145k; 689k nodes 81k / 178k, walk 68k. Above KERNEL_NODE_LIMIT (trees grown
 * to depth 40: 4.6 M nodes, 107k against the walk's 118k, and 24 more bytes
 * per node in the kernel's memory) the TypeScript walk predicts.
 */
export const KERNEL_SMALL_NODE_LIMIT = 262_144
export const KERNEL_LARGE_BLOCK_ROWS = 4096
export const KERNEL_NODE_LIMIT = 1 << 21

/** The JSON form: counts, base score and base64 little-endian arrays. */
export interface TreeEnsembleJSON {
  format: 'tree-ensemble'
  version: 1
  /** Score columns. */
  outputs: number
  /** Values per leaf; a tree adds them to columns treeOutput…treeOutput+leafWidth-1. */
  leafWidth: number
  scale: number
  baseScore: number[]
  trees: number
  nodes: number
  roots: string
  treeOutput: string
  feature: string
  threshold: string
  defaultLeft: string
  left: string
  right: string
  value: string
  /** Node cover as Float32, as XGBoost keeps it (absent in models saved before explanations). */
  cover?: string
}

/** The flat arrays of an ensemble; feature -1 marks a leaf. */
export interface TreeEnsembleArrays {
  outputs: number
  leafWidth: number
  scale: number
  baseScore: Float64Array
  roots: Int32Array
  treeOutput: Int32Array
  feature: Int32Array
  threshold: Float64Array
  defaultLeft: Uint8Array
  left: Int32Array
  right: Int32Array
  value: Float64Array
  /** Hessian sum (row weight for trees and forests) of the training rows that reached each node, rounded to float32; absent in older models. */
  cover?: Float64Array
}

/**
 * What a fitted tree model holds: a TreeEnsemble, or a forest's compact
 * ForestEnsemble (forest-ensemble.ts), which gives the same flat arrays on
 * request and the same JSON.
 */
export interface Ensemble {
  readonly arrays: TreeEnsembleArrays
  readonly treeCount: number
  readonly nodeCount: number
  /** Raw scores, row-major n × outputs. */
  predictRaw(X: Matrix): Float64Array
  toJSON(): TreeEnsembleJSON
}

/** Fitted trees, ready to predict raw matrices. */
export class TreeEnsemble implements Ensemble {
  constructor(readonly arrays: TreeEnsembleArrays) {}

  get treeCount(): number {
    return this.arrays.roots.length
  }

  get nodeCount(): number {
    return this.arrays.feature.length
  }

  /** The branch-free form of the trees (fixedWalk), worked out on first use; null when it does not apply. */
  private walk: FixedWalk | null | undefined
  /** The WebAssembly kernel over these trees for matrices of kernelCols columns, built on first use; null where WebAssembly is unavailable or the arrays are not trees. */
  private kernel: RawPredictor | null | undefined
  private kernelCols = -1

  /**
   * Raw scores, row-major n × outputs: by the WebAssembly kernel
   * (kernel/wasm-predictor.ts) where there is WebAssembly and the ensemble
   * has at most KERNEL_NODE_LIMIT nodes, else by the TypeScript walk. Both
   * give the same bits.
   */
  predictRaw(X: Matrix): Float64Array {
    const nodes = this.arrays.feature.length
    if (nodes <= KERNEL_NODE_LIMIT) {
      if (this.kernel === undefined || this.kernelCols !== X.cols) {
        this.kernel = wasmPredictor(this.arrays, X.cols, nodes <= KERNEL_SMALL_NODE_LIMIT ? PREDICT_BLOCK_ROWS : KERNEL_LARGE_BLOCK_ROWS)
        this.kernelCols = X.cols
      }
      const raw = this.kernel ? this.kernel(X) : null
      if (raw) return raw
    }
    return this.predictRawWalk(X)
  }

  /** Raw scores by the TypeScript walk: what predictRaw does without WebAssembly, and the reference its kernel is tested against. */
  predictRawWalk(X: Matrix): Float64Array {
    const { outputs: D, leafWidth: W, scale, baseScore, roots, treeOutput } = this.arrays
    const { rows: n, cols: p, data } = X
    const sum = new Float64Array(n * D)
    if (this.walk === undefined) this.walk = fixedWalk(this.arrays)
    const value = this.arrays.value
    const blockRows = this.arrays.feature.length <= BLOCKED_NODE_LIMIT ? PREDICT_BLOCK_ROWS : Math.max(1, n)
    const leaves = new Int32Array(Math.min(n, blockRows))
    // Blocks of rows walk every tree before the next block: the block's values stay in cache for all
    // the trees, instead of the whole matrix streaming from memory once per tree (small ensembles
    // only: see BLOCKED_NODE_LIMIT). Each row still adds its trees in order: the same bits either way.
    for (let start = 0; start < n; start += blockRows) {
      const m = Math.min(blockRows, n - start)
      const block: Matrix = { rows: m, cols: p, data: data.subarray(start * p, (start + m) * p) }
      const out = start * D
      for (let t = 0; t < roots.length; t++) {
        if (this.walk) walkFixed(this.walk, t, roots[t], block, leaves)
        else walkBranching(this.arrays, roots[t], block, leaves)
        const column = out + treeOutput[t]
        if (W === 1) for (let i = 0; i < m; i++) sum[column + i * D] += value[leaves[i]]
        else for (let i = 0; i < m; i++) for (let c = 0; c < W; c++) sum[column + i * D + c] += value[leaves[i] * W + c]
      }
    }
    for (let i = 0; i < n; i++) for (let c = 0; c < D; c++) sum[i * D + c] = baseScore[c] + scale * sum[i * D + c]
    return sum
  }

  /** Compact JSON: typed arrays as base64 of their little-endian bytes (exact, Infinity included). */
  toJSON(): TreeEnsembleJSON {
    const a = this.arrays
    const json: TreeEnsembleJSON = {
      format: 'tree-ensemble',
      version: 1,
      outputs: a.outputs,
      leafWidth: a.leafWidth,
      scale: a.scale,
      baseScore: Array.from(a.baseScore),
      trees: a.roots.length,
      nodes: a.feature.length,
      roots: encodeBase64(a.roots),
      treeOutput: encodeBase64(a.treeOutput),
      feature: encodeBase64(a.feature),
      threshold: encodeBase64(a.threshold),
      defaultLeft: encodeBase64(a.defaultLeft),
      left: encodeBase64(a.left),
      right: encodeBase64(a.right),
      value: encodeBase64(a.value),
    }
    // Float32 halves the field's size and is exact: the builder rounds cover to float32.
    if (a.cover) json.cover = encodeBase64(Float32Array.from(a.cover))
    return json
  }

  /**
   * Reads toJSON's output, checking every field so that a damaged model fails
   * loudly with the field's name instead of predicting nonsense: sizes agree,
   * features are below `featureCount`, and children come after their parent
   * (so every walk ends at a leaf).
   */
  static fromJSON(json: unknown, featureCount: number): TreeEnsemble {
    if (typeof json !== 'object' || json === null) throw new Error('tree model: trees are missing or not an object')
    const j = json as Record<string, unknown>
    if (j.format !== 'tree-ensemble') throw new Error(`tree model: trees.format is ${JSON.stringify(j.format)}; expected "tree-ensemble"`)
    if (j.version !== 1) throw new Error(`tree model: trees.version ${JSON.stringify(j.version)} is not supported; expected 1`)
    const count = (name: string, min: number): number => {
      const v = j[name]
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new Error(`tree model: trees.${name} is ${JSON.stringify(v)}; expected an integer ≥ ${min}`)
      return v
    }
    const outputs = count('outputs', 1)
    const leafWidth = count('leafWidth', 1)
    const trees = count('trees', 0)
    const nodes = count('nodes', 0)
    if (typeof j.scale !== 'number' || !Number.isFinite(j.scale)) throw new Error(`tree model: trees.scale is ${JSON.stringify(j.scale)}; expected a finite number`)
    if (!Array.isArray(j.baseScore) || j.baseScore.length !== outputs || !j.baseScore.every((v) => typeof v === 'number')) {
      throw new Error(`tree model: trees.baseScore must be ${outputs} number(s)`)
    }
    const sized = <T extends Int32Array | Float64Array | Float32Array | Uint8Array>(name: string, kind: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T => {
      const array = decodeTyped(j[name], kind, `trees.${name}`)
      if (array.length !== length) throw new Error(`tree model: trees.${name} has ${array.length} values; expected ${length}`)
      return array
    }
    const arrays: TreeEnsembleArrays = {
      outputs,
      leafWidth,
      scale: j.scale,
      baseScore: Float64Array.from(j.baseScore as number[]),
      roots: sized('roots', Int32Array, trees),
      treeOutput: sized('treeOutput', Int32Array, trees),
      feature: sized('feature', Int32Array, nodes),
      threshold: sized('threshold', Float64Array, nodes),
      defaultLeft: sized('defaultLeft', Uint8Array, nodes),
      left: sized('left', Int32Array, nodes),
      right: sized('right', Int32Array, nodes),
      value: sized('value', Float64Array, nodes * leafWidth),
    }
    if (j.cover !== undefined) {
      const cover = Float64Array.from(sized('cover', Float32Array, nodes))
      const bad = cover.findIndex((c) => !(c >= 0 && c < Infinity))
      if (bad >= 0) throw new Error(`tree model: trees.cover[${bad}] = ${cover[bad]}; expected a finite number ≥ 0`)
      arrays.cover = cover
    }
    for (let t = 0; t < trees; t++) {
      if (arrays.roots[t] < 0 || arrays.roots[t] >= nodes) throw new Error(`tree model: trees.roots[${t}] = ${arrays.roots[t]} is outside 0…${nodes - 1}`)
      if (arrays.treeOutput[t] < 0 || arrays.treeOutput[t] + leafWidth > outputs) throw new Error(`tree model: trees.treeOutput[${t}] = ${arrays.treeOutput[t]} does not fit ${outputs} output(s)`)
    }
    for (let i = 0; i < nodes; i++) {
      const f = arrays.feature[i]
      if (f < 0) continue
      if (f >= featureCount) throw new Error(`tree model: trees.feature[${i}] = ${f} but the model has ${featureCount} feature(s)`)
      // No value is ≤ NaN: the TypeScript walk and the kernel's folded missing-right splits would send rows apart.
      if (Number.isNaN(arrays.threshold[i])) throw new Error(`tree model: trees.threshold[${i}] is NaN; a split needs a number (±Infinity allowed)`)
      const l = arrays.left[i]
      const r = arrays.right[i]
      if (!(l > i && l < nodes && r > i && r < nodes)) throw new Error(`tree model: node ${i} has children ${l} and ${r}; they must come after it and below ${nodes}`)
    }
    return new TreeEnsemble(arrays)
  }
}

/**
 * Collects grown trees into one ensemble's flat arrays. Each tree's node
 * indices are shifted into the shared arrays; leaf values are multiplied by a
 * factor (the learning rate in boosting).
 */
export class EnsembleBuilder {
  private nodes = 0
  private treeNodes: number[] = []
  private roots: number[] = []
  private treeOutput: number[] = []
  private feature = new Int32Array(256)
  private threshold = new Float64Array(256)
  private defaultLeft = new Uint8Array(256)
  private left = new Int32Array(256)
  private right = new Int32Array(256)
  private cover = new Float64Array(256)
  private value: Float64Array

  constructor(
    private readonly outputs: number,
    private readonly leafWidth: number,
  ) {
    this.value = new Float64Array(256 * leafWidth)
  }

  get treeCount(): number {
    return this.roots.length
  }

  /** Appends `tree`, writing its leaf values × `factor` to columns output…output+leafWidth-1. */
  add(tree: GrownTree, output: number, factor: number): void {
    const count = tree.nodeCount
    const W = this.leafWidth
    if (tree.outputs !== W) throw new Error(`tree ensemble: a tree with ${tree.outputs} output(s) cannot join an ensemble of width ${W}`)
    this.reserve(this.nodes + count)
    const offset = this.nodes
    for (let i = 0; i < count; i++) {
      const o = offset + i
      const leaf = tree.feature[i] < 0
      this.feature[o] = tree.feature[i]
      this.threshold[o] = leaf ? 0 : tree.threshold[i]
      this.defaultLeft[o] = leaf ? 0 : tree.defaultLeft[i]
      this.left[o] = leaf ? 0 : tree.left[i] + offset
      this.right[o] = leaf ? 0 : tree.right[i] + offset
      // A right child's hessian sum is its parent's minus its sibling's: clamp rounding below zero.
      // Rounded to float32, as stored, so a model explains the same before and after saving.
      this.cover[o] = tree.cover[i] > 0 ? Math.fround(tree.cover[i]) : 0
      // Internal nodes never contribute a value: store zeros (smaller base64 runs, no confusion).
      for (let c = 0; c < W; c++) this.value[o * W + c] = leaf ? tree.value[i * W + c] * factor : 0
    }
    this.roots.push(offset)
    this.treeOutput.push(output)
    this.treeNodes.push(count)
    this.nodes += count
  }

  /** Keeps only the first `trees` trees (early stopping's best iteration). */
  truncate(trees: number): void {
    while (this.roots.length > trees) {
      this.roots.pop()
      this.treeOutput.pop()
      this.nodes -= this.treeNodes.pop() as number
    }
  }

  /** The ensemble with this base score and scale. */
  build(baseScore: Float64Array, scale: number): TreeEnsemble {
    const n = this.nodes
    return new TreeEnsemble({
      outputs: this.outputs,
      leafWidth: this.leafWidth,
      scale,
      baseScore: Float64Array.from(baseScore),
      roots: Int32Array.from(this.roots),
      treeOutput: Int32Array.from(this.treeOutput),
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      defaultLeft: this.defaultLeft.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n * this.leafWidth),
      cover: this.cover.slice(0, n),
    })
  }

  private reserve(size: number): void {
    if (size <= this.feature.length) return
    let capacity = this.feature.length
    while (capacity < size) capacity *= 2
    this.feature = resized(this.feature, capacity)
    this.threshold = resized(this.threshold, capacity)
    this.defaultLeft = resized(this.defaultLeft, capacity)
    this.left = resized(this.left, capacity)
    this.right = resized(this.right, capacity)
    this.cover = resized(this.cover, capacity)
    this.value = resized(this.value, capacity * this.leafWidth)
  }
}
