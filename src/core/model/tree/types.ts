/**
 * Types shared by the histogram tree learner's stages (binning → histogram →
 * splitter → grower → predictor), in one place as hyparquet keeps its types.
 */

/** The training matrix quantised once: what every histogram is built from. */
export interface BinnedMatrix {
  rows: number
  cols: number
  /** Column-major bin codes: `bins[col * rows + row]`. Code `nBins[col]` marks a missing value. */
  bins: Uint8Array
  /** Value bins per feature (1…255); a feature's missing bin comes right after them. */
  nBins: Int32Array
  /** Upper edge per value bin except the last, raw values: a split after bin b sends `x <= edges[col][b]` left. */
  edges: Float64Array[]
}

/** How a tree may grow; every field is a hard limit or a regulariser of the gain. */
export interface GrowParams {
  /** Deepest level that may hold a split node's children (root = depth 0); Infinity for no limit. */
  maxDepth: number
  /** Finite: leaf-wise growth, best gain first, up to this many leaves. Infinity: depth-wise growth. */
  maxLeaves: number
  /** Fewest training rows (distinct rows, not weight) in a leaf. */
  minSamplesLeaf: number
  /** Least hessian sum in a leaf (XGBoost's min_child_weight); with unit hessians, a weight. */
  minChildWeight: number
  /** L2 penalty on leaf values (XGBoost's lambda). */
  lambda: number
  /** L1 penalty on leaf values (XGBoost's alpha). */
  alpha: number
  /** A split must improve the objective by more than this (XGBoost's gamma, applied while growing). */
  minGain: number
  /**
   * Features drawn at random for each split (random forests); 0 or at least the
   * number of features available means all, and then the grower uses the
   * histogram subtraction trick. Fewer means histograms of only the drawn features.
   */
  featuresPerSplit: number
}

/** The best split found for a node. `gain` is -Infinity when there is none. */
export interface SplitInfo {
  gain: number
  feature: number
  /** Rows with a bin code ≤ this go left. */
  bin: number
  defaultLeft: boolean
  /** Sums of the left child: gradients per output, hessian, count. */
  leftG: Float64Array
  leftH: number
  leftCount: number
}
