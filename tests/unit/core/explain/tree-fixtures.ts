/** Test helpers: random tree ensembles and small datasets for the TreeSHAP tests. */
import type { TreeEnsembleArrays } from '../../../../src/core/model/tree/predictor'
import { createRandom, type Random } from '../../../../src/core/random'
import type { Matrix } from '../../../../src/core/types'
import { ensembleArrays, nodeLists } from '../model/tree/ensemble-lists'

export interface RandomEnsembleSpec {
  trees: number
  maxDepth: number
  features: number
  /** Leaf values per tree; outputs = leafWidth unless treesPerOutput. */
  leafWidth?: number
  /** Boosting-style: trees write to output column t mod outputs. */
  outputs?: number
  /** Share of splits that give one child no cover at all. */
  emptyChildShare?: number
}

/**
 * A random ensemble with random covers: features repeat along paths,
 * thresholds sit on a small grid (so rows can land exactly on them), default
 * directions are random, and some children get no cover.
 */
export function randomEnsemble(seed: number, spec: RandomEnsembleSpec): { arrays: TreeEnsembleArrays; cover: Float64Array } {
  const random = createRandom(seed)
  const W = spec.leafWidth ?? 1
  const D = spec.outputs ?? W
  const lists = nodeLists()
  const { feature, threshold, defaultLeft, left, right, value, roots } = lists
  const cover: number[] = []
  const treeOutput: number[] = []
  const grow = (depth: number, weight: number): number => {
    const node = feature.length
    feature.push(-1)
    threshold.push(0)
    defaultLeft.push(0)
    left.push(0)
    right.push(0)
    cover.push(weight)
    for (let c = 0; c < W; c++) value.push(0)
    if (depth === spec.maxDepth || (depth > 0 && random.next() < 0.15)) {
      for (let c = 0; c < W; c++) value[node * W + c] = random.normal()
      return node
    }
    feature[node] = random.int(spec.features)
    threshold[node] = Math.round(random.normal() * 4) / 4
    defaultLeft[node] = random.next() < 0.5 ? 1 : 0
    let share = 0.1 + 0.8 * random.next()
    if (random.next() < (spec.emptyChildShare ?? 0.05)) share = random.next() < 0.5 ? 0 : 1
    left[node] = grow(depth + 1, weight * share)
    right[node] = grow(depth + 1, weight * (1 - share))
    return node
  }
  for (let t = 0; t < spec.trees; t++) {
    roots.push(grow(0, 10 + 100 * random.next()))
    treeOutput.push(W === 1 ? t % D : 0)
  }
  const arrays = ensembleArrays(lists, { outputs: D, leafWidth: W, scale: 0.5 + random.next(), baseScore: Float64Array.from({ length: D }, () => random.normal()), treeOutput })
  return { arrays, cover: Float64Array.from(cover) }
}

/** Rows of normal values on the thresholds' grid, with about one cell in six missing. */
export function randomRows(random: Random, rows: number, features: number): Matrix {
  const data = Float64Array.from({ length: rows * features }, () => (random.next() < 0.17 ? NaN : Math.round(random.normal() * 8) / 8))
  return { rows, cols: features, data }
}

/**
 * A small dataset for fitted models: 6 features, x0 missing in a fifth of the
 * rows (and informative when missing), targets for each task.
 */
export function smallData(seed: number, n = 240): { X: Matrix; binary: Float64Array; multiclass: Float64Array; regression: Float64Array } {
  const random = createRandom(seed)
  const p = 6
  const data = new Float64Array(n * p)
  const binary = new Float64Array(n)
  const multiclass = new Float64Array(n)
  const regression = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) data[i * p + j] = random.normal()
    const missing = random.next() < 0.2
    if (missing) data[i * p] = NaN
    const x = (j: number) => data[i * p + j]
    const score = (missing ? 1.2 : x(0)) + 0.8 * x(1) - 0.6 * x(2) * x(3) + 0.3 * random.normal()
    binary[i] = score > 0.2 ? 1 : 0
    multiclass[i] = score < -0.5 ? 0 : score < 0.7 ? 1 : 2
    regression[i] = 3 * score + x(4) + 0.1 * random.normal()
  }
  return { X: { rows: n, cols: p, data }, binary, multiclass, regression }
}
