import { describe, expect, it } from 'vitest'
import { TreeEnsemble } from '../../../../../src/core/model/tree/predictor'
import { RandomForest } from '../../../../../src/core/model/tree/random-forest'
import { featuresPerSplit } from '../../../../../src/core/model/tree/tree-params'
import { createRandom, streamSeed } from '../../../../../src/core/random'
import type { Matrix } from '../../../../../src/core/types'

/** Noisy two-feature classes with two useless features and some missing values. */
function classes(n: number, seed: number, k = 2): { X: Matrix; y: Float64Array } {
  const random = createRandom(seed)
  const X = { rows: n, cols: 4, data: new Float64Array(n * 4) }
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 4; j++) X.data[i * 4 + j] = random.next() < 0.03 ? NaN : random.normal()
    const s = (X.data[i * 4] || 0) + 0.7 * (X.data[i * 4 + 1] || 0) + 0.5 * random.normal()
    y[i] = k === 2 ? (s > 0 ? 1 : 0) : s < -0.5 ? 0 : s < 0.5 ? 1 : 2
  }
  return { X, y }
}

function rowsOf(X: Matrix, rows: number[]): Matrix {
  return { rows: rows.length, cols: X.cols, data: Float64Array.from(rows.flatMap((i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)))) }
}

/** Rows left out by the first bootstrap of a forest with this seed (n draws of random.int(n) from tree 0's generator). */
function firstOutOfBag(n: number, seed: number): number[] {
  const random = createRandom(streamSeed(seed, 0))
  const drawn = new Int32Array(n)
  for (let k = 0; k < n; k++) drawn[random.int(n)]++
  return Array.from({ length: n }, (_, i) => i).filter((i) => drawn[i] === 0)
}

describe('random forest', () => {
  it('draws sqrt, log2 or a fraction of the features per split, at least one', () => {
    expect([featuresPerSplit('sqrt', 30), featuresPerSplit('log2', 30), featuresPerSplit(0.5, 30), featuresPerSplit(0.01, 30), featuresPerSplit(1, 30)]).toEqual([5, 4, 15, 1, 30])
  })

  it('scores each row out of bag: one tree’s OOB accuracy is its accuracy on the rows its bootstrap missed', () => {
    const { X, y } = classes(400, 1)
    const forest = new RandomForest({ nTrees: 1, seed: 7 })
    const report = forest.fit(X, y)
    const oob = firstOutOfBag(400, 7)
    expect(oob.length).toBeGreaterThan(100)
    const predicted = forest.predict(rowsOf(X, oob))
    const accuracy = oob.filter((i, k) => predicted[k] === y[i]).length / oob.length
    expect(report.oobScore).toBeCloseTo(accuracy, 12)
  })

  it('reports out-of-bag R² for regression', () => {
    const { X } = classes(400, 2)
    const y = Float64Array.from({ length: 400 }, (_, i) => 3 * (X.data[i * 4] || 0) - (X.data[i * 4 + 2] || 0))
    const one = new RandomForest({ nTrees: 1, seed: 3 })
    const report = one.fit(X, y, { task: 'regression' })
    const oob = firstOutOfBag(400, 3)
    const predicted = one.predict(rowsOf(X, oob))
    const mean = oob.reduce((s, i) => s + y[i], 0) / oob.length
    const ssRes = oob.reduce((s, i, k) => s + (y[i] - predicted[k]) ** 2, 0)
    const ssTot = oob.reduce((s, i) => s + (y[i] - mean) ** 2, 0)
    expect(report.oobScore).toBeCloseTo(1 - ssRes / ssTot, 10)
    const many = new RandomForest({ nTrees: 60, seed: 3 }).fit(X, y, { task: 'regression' })
    expect(many.oobScore).toBeGreaterThan(0.8)
  })

  it('without the out-of-bag score grows the very same forest and reports no score', () => {
    const { X, y } = classes(500, 21)
    const withOob = new RandomForest({ nTrees: 15, seed: 4 })
    const without = new RandomForest({ nTrees: 15, seed: 4, oobScore: false })
    expect(withOob.fit(X, y).oobScore).toBeGreaterThan(0.6)
    expect(without.fit(X, y).oobScore).toBeNull()
    expect(Array.from(without.predictProba(X))).toEqual(Array.from(withOob.predictProba(X)))
    expect(() => new RandomForest({ oobScore: 'yes' as unknown as boolean })).toThrow(/oobScore/)
  })

  it('more trees give a better out-of-bag score and loss than a few', () => {
    const { X, y } = classes(600, 3)
    const few = new RandomForest({ nTrees: 5 }).fit(X, y)
    const many = new RandomForest({ nTrees: 100 }).fit(X, y)
    expect(many.oobScore!).toBeGreaterThan(few.oobScore! + 0.02)
    expect(many.finalLoss).toBeLessThan(few.finalLoss)
  })

  it('averages the trees’ leaf class shares, with no shrinkage', () => {
    const { X, y } = classes(300, 4)
    const forest = new RandomForest({ nTrees: 3, maxDepth: 4 })
    forest.fit(X, y)
    const json = forest.toJSON().trees
    const arrays = TreeEnsemble.fromJSON(json, 4).arrays
    const perTree = Array.from(arrays.roots, (root) => new TreeEnsemble({ ...arrays, scale: 1, roots: Int32Array.of(root), treeOutput: Int32Array.of(0) }).predictRaw(X))
    const proba = forest.predictProba(X)
    for (let i = 0; i < X.rows; i++) expect(proba[2 * i + 1]).toBeCloseTo((perTree[0][i] + perTree[1][i] + perTree[2][i]) / 3, 12)
  })

  it('multiclass probabilities are class shares that sum to one', () => {
    const { X, y } = classes(500, 5, 3)
    const forest = new RandomForest({ nTrees: 20 })
    const report = forest.fit(X, y, { task: 'multiclass' })
    const proba = forest.predictProba(X)
    for (let i = 0; i < X.rows; i++) expect(proba[3 * i] + proba[3 * i + 1] + proba[3 * i + 2]).toBeCloseTo(1, 12)
    expect(report.oobScore).toBeGreaterThan(0.6)
  })

  it('is reproducible for a seed and different for another', () => {
    const { X, y } = classes(300, 6)
    const fit = (seed: number) => {
      const forest = new RandomForest({ nTrees: 5, seed })
      forest.fit(X, y)
      return JSON.stringify(forest.toJSON())
    }
    expect(fit(1)).toBe(fit(1))
    expect(fit(1)).not.toBe(fit(2))
  })

  it('grows trees to pure leaves by default and stops at maxDepth when asked', () => {
    const { X, y } = classes(300, 7)
    const full = new RandomForest({ nTrees: 3 })
    full.fit(X, y)
    const shallow = new RandomForest({ nTrees: 3, maxDepth: 2 })
    shallow.fit(X, y)
    const nodes = (f: RandomForest) => TreeEnsemble.fromJSON(f.toJSON().trees, 4).nodeCount
    expect(nodes(shallow)).toBeLessThanOrEqual(3 * 7)
    expect(nodes(full)).toBeGreaterThan(3 * 30)
  })
})
