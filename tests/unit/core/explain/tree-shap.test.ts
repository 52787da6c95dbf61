import { describe, expect, it } from 'vitest'
import { TreeEnsemble, type TreeEnsembleArrays } from '../../../../src/core/model/tree/predictor'
import { createRandom } from '../../../../src/core/random'
import { coverFromRows, gaussLegendre, shapTrees, TreeShapExplainer, treeExpectedValue } from '../../../../src/core/explain/tree-shap'
import { RandomForest } from '../../../../src/core/model/tree/random-forest'
import { Algorithm2, deepestLeaf } from './algorithm2'
import { bruteForceTreeShap } from './brute-force'
import { randomEnsemble, randomRows } from './tree-fixtures'

/** Algorithm 2 of the paper (the test oracle) for one row. */
function algorithm2(arrays: TreeEnsembleArrays, cover: Float64Array, x: Float64Array, column = 0): Float64Array {
  const phi = new Float64Array(x.length)
  new Algorithm2({ arrays, cover, maxDepth: deepestLeaf(arrays) }).explainRow(x, 0, column, phi)
  return phi
}

/** TreeSHAP of one row for output column `column`. */
function treeShap(arrays: TreeEnsembleArrays, cover: Float64Array, x: Float64Array, column = 0): { phi: Float64Array; expected: number } {
  const trees = shapTrees(arrays, cover)
  const phi = new Float64Array(x.length)
  new TreeShapExplainer(trees).explainRow(x, 0, column, phi)
  return { phi, expected: treeExpectedValue(trees, column) }
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length)
  for (let j = 0; j < actual.length; j++) {
    if (!(Math.abs(actual[j] - expected[j]) <= tolerance)) throw new Error(`entry ${j}: ${actual[j]} vs ${expected[j]} (tolerance ${tolerance})`)
  }
}

/**
 * A stump on x0 (≤ 0.5 left, leaf 1, cover 3; right leaf 3, cover 1) whose
 * missing values go left or right.
 */
function stump(defaultLeft: 0 | 1): TreeEnsembleArrays {
  return {
    outputs: 1,
    leafWidth: 1,
    scale: 1,
    baseScore: Float64Array.of(0),
    roots: Int32Array.of(0),
    treeOutput: Int32Array.of(0),
    feature: Int32Array.of(0, -1, -1),
    threshold: Float64Array.of(0.5, 0, 0),
    defaultLeft: Uint8Array.of(defaultLeft, 0, 0),
    left: Int32Array.of(1, 0, 0),
    right: Int32Array.of(2, 0, 0),
    value: Float64Array.of(0, 1, 3),
    cover: Float64Array.of(4, 3, 1),
  }
}

describe('TreeSHAP on hand-computed trees', () => {
  it('a stump: the split feature gets leaf − cover-weighted mean; missing values follow the learned default direction', () => {
    const cover = Float64Array.of(4, 3, 1)
    // Expected value 0.75 × 1 + 0.25 × 3 = 1.5.
    expect(treeShap(stump(1), cover, Float64Array.of(0, 7)).phi).toEqual(Float64Array.of(-0.5, 0))
    expect(treeShap(stump(1), cover, Float64Array.of(1, 7)).phi).toEqual(Float64Array.of(1.5, 0))
    expect(treeShap(stump(1), cover, Float64Array.of(NaN, 7))).toEqual({ phi: Float64Array.of(-0.5, 0), expected: 1.5 })
    expect(treeShap(stump(0), cover, Float64Array.of(NaN, 7))).toEqual({ phi: Float64Array.of(1.5, 0), expected: 1.5 })
  })

  it('x0 AND x1 (a depth-2 tree with equal covers) splits the interaction equally', () => {
    // x0 ≤ 0 → 0; else x1 ≤ 0 → 0 else 1. Covers 4 / 2, 2 / 1, 1. E = 0.25.
    const a: TreeEnsembleArrays = {
      outputs: 1,
      leafWidth: 1,
      scale: 1,
      baseScore: Float64Array.of(0),
      roots: Int32Array.of(0),
      treeOutput: Int32Array.of(0),
      feature: Int32Array.of(0, -1, 1, -1, -1),
      threshold: Float64Array.of(0, 0, 0, 0, 0),
      defaultLeft: Uint8Array.of(0, 0, 0, 0, 0),
      left: Int32Array.of(1, 0, 3, 0, 0),
      right: Int32Array.of(2, 0, 4, 0, 0),
      value: Float64Array.of(0, 0, 0, 0, 1),
    }
    const cover = Float64Array.of(4, 2, 2, 1, 1)
    // f(x) = 1; v({0}) = 0.5, v({1}) = 0.5 (E over x0 with x1 known), v({}) = 0.25:
    // φ0 = ½(0.5 − 0.25) + ½(1 − 0.5) = 0.375, and φ1 the same by symmetry.
    const { phi, expected } = treeShap(a, cover, Float64Array.of(1, 1))
    expect(expected).toBe(0.25)
    expectClose(phi, [0.375, 0.375], 1e-15)
  })
})

describe('TreeSHAP equals brute-force Shapley values of the path-dependent expectation (≤ 8 features, 1e-9)', () => {
  it.each([
    ['single-output trees', { trees: 6, maxDepth: 5, features: 4 }],
    ['deep trees that split the same feature again and again', { trees: 3, maxDepth: 9, features: 3 }],
    ['eight features, boosting-style trees writing to 3 columns', { trees: 9, maxDepth: 6, features: 8, outputs: 3 }],
    ['forest-style trees with 3 values per leaf', { trees: 5, maxDepth: 6, features: 7, leafWidth: 3 }],
    ['many empty children (zero cover)', { trees: 5, maxDepth: 6, features: 5, emptyChildShare: 0.4 }],
  ])('%s', (_, spec) => {
    const random = createRandom(11)
    for (let seed = 0; seed < 12; seed++) {
      const { arrays, cover } = randomEnsemble(seed, spec)
      const X = randomRows(random, 6, spec.features)
      const raw = new TreeEnsemble(arrays).predictRaw(X)
      for (let i = 0; i < X.rows; i++) {
        const x = X.data.subarray(i * X.cols, (i + 1) * X.cols)
        for (let column = 0; column < arrays.outputs; column++) {
          const fast = treeShap(arrays, cover, x, column)
          const slow = bruteForceTreeShap(arrays, cover, x, spec.features, column)
          expectClose(fast.phi, slow.phi, 1e-9)
          expectClose(algorithm2(arrays, cover, x, column), slow.phi, 1e-9)
          expect(Math.abs(fast.expected - slow.expected)).toBeLessThan(1e-9)
          // Local accuracy against the predictor itself.
          const sum = fast.phi.reduce((s, v) => s + v, 0)
          expect(Math.abs(sum + fast.expected - raw[i * arrays.outputs + column])).toBeLessThan(1e-9)
        }
      }
    }
  })
})

describe('the quadrature', () => {
  it('Gauss–Legendre with n nodes integrates t^k over [0, 1] exactly for k ≤ 2n − 1', () => {
    for (const n of [1, 2, 3, 7, 16, 33]) {
      const { t, a } = gaussLegendre(n)
      for (let k = 0; k <= 2 * n - 1; k++) {
        const sum = t.reduce((s, tq, q) => s + a[q] * tq ** k, 0)
        expect(Math.abs(sum - 1 / (k + 1))).toBeLessThan(1e-14)
      }
    }
  })
})

describe('equal to Algorithm 2 on deep fitted forests, where enumeration is out of reach', () => {
  it('a 40-tree forest grown to pure leaves on 1,500 rows × 24 features (depth > 15), rows with missing values', () => {
    const random = createRandom(8)
    const n = 1500
    const p = 24
    const X = randomRows(random, n, p)
    const y = Float64Array.from({ length: n }, (_, i) => ((X.data[i * p] || 0) + (X.data[i * p + 1] || 0) * (X.data[i * p + 2] || 0) + random.normal() > 0 ? 1 : 0))
    const forest = new RandomForest({ nTrees: 40, seed: 2 })
    forest.fit(X, y)
    const arrays = forest.fittedState().ensemble.arrays
    const cover = arrays.cover as Float64Array
    expect(deepestLeaf(arrays)).toBeGreaterThan(15)
    const raw = forest.fittedState().ensemble.predictRaw(X)
    for (let i = 0; i < 30; i++) {
      const x = X.data.subarray(i * p, (i + 1) * p)
      const { phi, expected } = treeShap(arrays, cover, x)
      expectClose(phi, algorithm2(arrays, cover, x), 1e-12)
      expect(Math.abs(phi.reduce((s, v) => s + v, expected) - raw[i])).toBeLessThan(1e-12)
    }
  })
})

describe('missing-value routing', () => {
  it('a NaN explains as the learned default direction: the same numbers as a value on that side', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { arrays, cover } = randomEnsemble(100 + seed, { trees: 4, maxDepth: 5, features: 3 })
      // Only feature 0 missing; find a value that goes the default way at every split on it.
      const x = Float64Array.of(NaN, 0.3, -0.2)
      const phi = treeShap(arrays, cover, x).phi
      const expected = bruteForceTreeShap(arrays, cover, x, 3, 0).phi
      expectClose(phi, expected, 1e-9)
      // Flipping every default direction changes the routing, and TreeSHAP follows it.
      const flipped = { ...arrays, defaultLeft: Uint8Array.from(arrays.defaultLeft, (d) => 1 - d) }
      expectClose(treeShap(flipped, cover, x).phi, bruteForceTreeShap(flipped, cover, x, 3, 0).phi, 1e-9)
    }
  })
})

describe('node cover measured on rows', () => {
  it('counts the rows passing each node, so children add up to their parent', () => {
    const a = stump(1)
    const X = { rows: 5, cols: 2, data: Float64Array.of(0, 0, 1, 0, NaN, 0, 2, 0, 0.5, 0) }
    expect(Array.from(coverFromRows(a, X))).toEqual([5, 3, 2])
  })
})
