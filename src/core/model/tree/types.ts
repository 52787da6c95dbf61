/**
 * Types shared by the histogram tree learner's stages (binning → histogram →
 * splitter → grower → predictor), in one place as hyparquet keeps its types.
 */
import type { FeatureBundles } from './feature-bundles'

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
  /**
   * Bundles of exclusive 0/1 features (feature-bundles.ts), with their own
   * codes; their value bins follow the features' in `nBins` (entry cols + b
   * for bundle b). Absent when none were made.
   */
  bundles?: FeatureBundles
}

/** How a tree may grow; every field is a hard limit or a regulariser of the gain. */
export interface GrowParams {
  /** Greatest depth of a leaf (the root is at depth 0, so maxDepth 1 is a stump); Infinity for no limit. */
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
}

/** The best split found for a node. `gain` is -Infinity when there is none. */
export interface SplitInfo {
  gain: number
  feature: number
  /** Rows with a bin code ≤ this go left. */
  bin: number
  defaultLeft: boolean
  /** Sums of the left child: gradients per output, hessian, row count (0 when the histogram has no counts). */
  leftG: Float64Array
  leftH: number
  leftCount: number
}

/**
 * A tree as grown, in flat arrays indexed by node (root = 0; children come
 * after their parent). Arrays may be longer than `nodeCount`. The row ranges
 * refer to the grower's buffers and are valid until it grows its next tree.
 */
export interface GrownTree {
  nodeCount: number
  /** Values per leaf (gradient columns the tree was grown on). */
  outputs: number
  /** Split feature, or -1 for a leaf. */
  feature: Int32Array
  /** Split bin: bin codes ≤ this go left. */
  bin: Int32Array
  /** Split threshold in raw units: x <= threshold goes left (Infinity: every value left, missing right). */
  threshold: Float64Array
  /** 1 when missing values go left. */
  defaultLeft: Uint8Array
  left: Int32Array
  right: Int32Array
  /** nodeCount × outputs leaf values (internal nodes hold the value they would have as leaves). */
  value: Float64Array
  /** Gain of each split (0 at leaves), for feature importance. */
  gain: Float64Array
  /**
   * Hessian sum of the node's training rows (XGBoost's "cover"; the row
   * weights for trees and forests): how much of the training data reached the
   * node, which path-dependent TreeSHAP needs.
   */
  cover: Float64Array
  /** rows[rowStart[i]..rowEnd[i]) are node i's training rows. */
  rowStart: Int32Array
  rowEnd: Int32Array
  rows: Uint32Array
  /** passengers[passengerStart[i]..passengerEnd[i]) are the passenger rows (see TreeGrower.grow) that reached node i. */
  passengerStart: Int32Array
  passengerEnd: Int32Array
  passengers: Uint32Array
}
