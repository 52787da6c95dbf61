/**
 * A fitted random forest as its trees were grown: per tree, compact typed
 * arrays (ForestTree: Int16 features, byte bin codes, one child index, leaf
 * values for leaves only, float32 cover — about 16 bytes a node where the
 * flat TreeEnsembleArrays take 37), with thresholds kept once per feature as
 * the bin edges. Fully grown trees on a million rows have millions of nodes,
 * so this is what keeps a forest's fit within memory.
 *
 * It predicts exactly as the TreeEnsemble its JSON loads into (same
 * thresholds, same leaf values, trees summed in the same order), and gives
 * the flat arrays (`arrays`, built on first use) to whatever reads trees
 * generically: explanations, ONNX and XGBoost export. Its JSON is the
 * tree-ensemble JSON, version 1, unchanged: saved forests load as before.
 */
import type { Matrix } from '../../types'
import type { ForestTree } from './forest-nodes'
import { TreeEnsemble, type Ensemble, type TreeEnsembleArrays, type TreeEnsembleJSON } from './predictor'

/** The bin edges that turn a tree's bin codes back into raw thresholds. */
export interface ForestEdges {
  nBins: Int32Array
  edges: Float64Array
  edgeStart: Int32Array
}

/** A fitted forest in compact form (see the file header). */
export class ForestEnsemble implements Ensemble {
  private wide: TreeEnsembleArrays | null = null
  /** Raw thresholds per tree, worked out on first prediction. */
  private thresholds: (Float64Array | null)[]
  readonly nodeCount: number

  /**
   * `trees` in order; a row's raw score is base + scale · Σ its leaf values
   * (`outputs` per leaf, all trees writing columns 0…outputs-1).
   */
  constructor(
    readonly trees: readonly ForestTree[],
    private readonly outputs: number,
    private readonly baseScore: Float64Array,
    private readonly scale: number,
    private readonly bins: ForestEdges,
  ) {
    this.thresholds = trees.map(() => null)
    this.nodeCount = trees.reduce((s, t) => s + t.feature.length, 0)
  }

  get treeCount(): number {
    return this.trees.length
  }

  /** The flat arrays (global child indices, a value slot per node), built once and kept. */
  get arrays(): TreeEnsembleArrays {
    this.wide ??= this.flatten()
    return this.wide
  }

  /** Raw scores, row-major n × outputs, as TreeEnsemble.predictRaw computes them. */
  predictRaw(X: Matrix): Float64Array {
    const D = this.outputs
    const { rows: n, cols: p, data } = X
    const sum = new Float64Array(n * D)
    for (let t = 0; t < this.trees.length; t++) {
      const { feature, defaultLeft, left, value } = this.trees[t]
      const threshold = this.thresholdsOf(t)
      for (let i = 0; i < n; i++) {
        const row = i * p
        let node = 0
        let f = feature[0]
        while (f >= 0) {
          const x = data[row + f]
          node = left[node] + (x <= threshold[node] || (x !== x && defaultLeft[node] === 1) ? 0 : 1)
          f = feature[node]
        }
        const v = left[node] * D
        if (D === 1) sum[i] += value[v]
        else for (let c = 0; c < D; c++) sum[i * D + c] += value[v + c]
      }
    }
    const { baseScore, scale } = this
    for (let i = 0; i < n; i++) for (let c = 0; c < D; c++) sum[i * D + c] = baseScore[c] + scale * sum[i * D + c]
    return sum
  }

  /** The tree-ensemble JSON (version 1), as a TreeEnsemble of the same trees writes it. */
  toJSON(): TreeEnsembleJSON {
    return new TreeEnsemble(this.wide ?? this.flatten()).toJSON()
  }

  /** Tree t's raw thresholds: the edge after its split bin, +∞ past the last edge (every value left). */
  private thresholdsOf(t: number): Float64Array {
    const cached = this.thresholds[t]
    if (cached) return cached
    const { feature, bin } = this.trees[t]
    const { nBins, edges, edgeStart } = this.bins
    const threshold = new Float64Array(feature.length)
    for (let i = 0; i < feature.length; i++) {
      const f = feature[i]
      if (f >= 0) threshold[i] = bin[i] < nBins[f] - 1 ? edges[edgeStart[f] + bin[i]] : Infinity
    }
    this.thresholds[t] = threshold
    return threshold
  }

  /** The flat TreeEnsembleArrays of all trees: internal nodes hold zero values, leaves zero thresholds. */
  private flatten(): TreeEnsembleArrays {
    const D = this.outputs
    const nodes = this.nodeCount
    const roots = new Int32Array(this.trees.length)
    const feature = new Int32Array(nodes)
    const threshold = new Float64Array(nodes)
    const defaultLeft = new Uint8Array(nodes)
    const left = new Int32Array(nodes)
    const right = new Int32Array(nodes)
    const value = new Float64Array(nodes * D)
    const cover = new Float64Array(nodes)
    let offset = 0
    for (let t = 0; t < this.trees.length; t++) {
      const tree = this.trees[t]
      const own = this.thresholds[t]
      const th = own ?? this.thresholdsOf(t)
      roots[t] = offset
      for (let i = 0; i < tree.feature.length; i++) {
        const o = offset + i
        const f = tree.feature[i]
        feature[o] = f
        cover[o] = tree.cover[i]
        if (f < 0) {
          for (let c = 0; c < D; c++) value[o * D + c] = tree.value[tree.left[i] * D + c]
          continue
        }
        threshold[o] = th[i]
        defaultLeft[o] = tree.defaultLeft[i]
        left[o] = offset + tree.left[i]
        right[o] = offset + tree.left[i] + 1
      }
      // Thresholds worked out only for this are not kept.
      if (!own) this.thresholds[t] = null
      offset += tree.feature.length
    }
    return { outputs: D, leafWidth: D, scale: this.scale, baseScore: Float64Array.from(this.baseScore), roots, treeOutput: new Int32Array(this.trees.length), feature, threshold, defaultLeft, left, right, value, cover }
  }
}
