import type { TreeEnsembleArrays } from '../../../../../src/core/model/tree/predictor'

/** The per-node lists tests grow trees into (a node's index is its place in them) before they become an ensemble. */
export interface NodeLists {
  feature: number[]
  threshold: number[]
  defaultLeft: number[]
  left: number[]
  right: number[]
  /** leafWidth values per node. */
  value: number[]
  roots: number[]
}

export function nodeLists(): NodeLists {
  return { feature: [], threshold: [], defaultLeft: [], left: [], right: [], value: [], roots: [] }
}

/** The ensemble arrays of grown node lists, with the ensemble's shape. */
export function ensembleArrays(lists: NodeLists, shape: { outputs: number; leafWidth: number; scale: number; baseScore: Float64Array; treeOutput: ArrayLike<number> }): TreeEnsembleArrays {
  return {
    outputs: shape.outputs,
    leafWidth: shape.leafWidth,
    scale: shape.scale,
    baseScore: shape.baseScore,
    roots: Int32Array.from(lists.roots),
    treeOutput: Int32Array.from(shape.treeOutput),
    feature: Int32Array.from(lists.feature),
    threshold: Float64Array.from(lists.threshold),
    defaultLeft: Uint8Array.from(lists.defaultLeft),
    left: Int32Array.from(lists.left),
    right: Int32Array.from(lists.right),
    value: Float64Array.from(lists.value),
  }
}
