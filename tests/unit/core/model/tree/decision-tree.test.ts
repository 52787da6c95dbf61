import { describe, expect, it } from 'vitest'
import { DecisionTree } from '../../../../../src/core/model/tree/decision-tree'
import { createRandom } from '../../../../../src/core/random'
import type { Matrix } from '../../../../../src/core/types'

const matrix = (rows: number[][]): Matrix => ({ rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) })

/** Weighted Gini decrease of splitting `y` by `left`, as scikit-learn computes it. */
function giniDecrease(y: number[], left: boolean[]): number {
  const gini = (ys: number[]) => {
    if (ys.length === 0) return 0
    const counts = new Map<number, number>()
    for (const v of ys) counts.set(v, (counts.get(v) ?? 0) + 1)
    return 1 - [...counts.values()].reduce((s, c) => s + (c / ys.length) ** 2, 0)
  }
  const l = y.filter((_, i) => left[i])
  const r = y.filter((_, i) => !left[i])
  return y.length * gini(y) - l.length * gini(l) - r.length * gini(r)
}

describe('decision tree', () => {
  it('splits where the weighted Gini decrease is largest (squared error on one-hot classes)', () => {
    const random = createRandom(1)
    for (let trial = 0; trial < 20; trial++) {
      const rows = Array.from({ length: 40 }, () => [random.int(8), random.int(8), random.int(8)])
      const y = rows.map((r) => (r[0] + 2 * r[1] + random.int(6) > 10 ? (r[2] > 3 ? 2 : 1) : 0))
      const tree = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 })
      tree.fit(matrix(rows), Float64Array.from(y), { task: 'multiclass', classCount: 3 })
      let bestGain = -1
      for (let j = 0; j < 3; j++) for (let t = 0; t < 8; t++) bestGain = Math.max(bestGain, giniDecrease(y, rows.map((r) => r[j] <= t + 0.5)))
      const proba = tree.predictProba(matrix(rows))
      const leftOf = rows.map((_, i) => proba[i * 3] === proba[0] && proba[i * 3 + 1] === proba[1])
      expect(giniDecrease(y, leftOf)).toBeCloseTo(bestGain, 10)
    }
  })

  it('predicts leaf class frequencies, weighted by sample weight', () => {
    const X = matrix([[0], [0], [0], [0], [1], [1]])
    const y = Float64Array.of(0, 0, 0, 1, 1, 1)
    const tree = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 })
    tree.fit(X, y)
    expect(Array.from(tree.predictProba(matrix([[0], [1]]))).map((v) => +v.toFixed(12))).toEqual([0.75, 0.25, 0, 1])
    tree.fit(X, y, { sampleWeight: Float64Array.of(1, 1, 1, 3, 1, 1) })
    expect(Array.from(tree.predictProba(matrix([[0]]))).map((v) => +v.toFixed(12))).toEqual([0.5, 0.5])
  })

  it('regression leaves hold the mean target of their rows', () => {
    const X = matrix([[1], [2], [3], [10], [11], [12]])
    const y = Float64Array.of(1, 2, 3, 10, 20, 30)
    const tree = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 })
    const report = tree.fit(X, y, { task: 'regression' })
    expect(tree.isClassifier).toBe(false)
    // Best cut: {1, 2, 3, 10} | {20, 30} (squared error 50 + 50) beats {1, 2, 3} | {10, 20, 30} (2 + 200).
    expect(Array.from(tree.predict(matrix([[0], [100]]))).map((v) => +v.toFixed(12))).toEqual([4, 25])
    expect(report.finalLoss).toBeCloseTo(100 / 6, 10)
    expect(() => tree.predictProba(X)).toThrow(/fitted for regression/)
  })

  it('sample weights equal duplicated rows', () => {
    const random = createRandom(2)
    const rows = Array.from({ length: 120 }, () => [random.int(20), random.int(20)])
    const y = rows.map((r) => (r[0] + r[1] + random.int(10) > 22 ? 1 : 0))
    const weights = rows.map((_, i) => (i % 3 === 0 ? 3 : 1))
    const weighted = new DecisionTree({ maxDepth: 4, minSamplesLeaf: 1 })
    weighted.fit(matrix(rows), Float64Array.from(y), { sampleWeight: Float64Array.from(weights) })
    const dupRows = rows.flatMap((r, i) => Array(weights[i]).fill(r))
    const dupY = y.flatMap((v, i) => Array(weights[i]).fill(v))
    const duplicated = new DecisionTree({ maxDepth: 4, minSamplesLeaf: 1 })
    duplicated.fit(matrix(dupRows), Float64Array.from(dupY))
    const a = weighted.predictProba(matrix(rows))
    const b = duplicated.predictProba(matrix(rows))
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 12)
  })

  it('balanced class weights shift leaf shares toward the rare class', () => {
    const X = matrix([[0], [0], [0], [0], [0], [0], [0], [1], [1], [1]])
    const y = Float64Array.of(0, 0, 0, 0, 0, 0, 1, 1, 1, 0)
    const plain = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 })
    plain.fit(X, y)
    const balanced = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1, classWeight: 'balanced' })
    balanced.fit(X, y)
    expect(balanced.predictProba(matrix([[0]]))[1]).toBeGreaterThan(plain.predictProba(matrix([[0]]))[1])
  })

  it('minGain is the weighted impurity decrease scikit-learn calls min_impurity_decrease', () => {
    const X = matrix([[0], [0], [1], [1]])
    const y = Float64Array.of(0, 1, 1, 1)
    // Gini 0.375 at the root, children 0.5 (2 rows) and 0: decrease = 0.375 - 0.5·0.5 = 0.125.
    const below = new DecisionTree({ minGain: 0.12, minSamplesLeaf: 1 })
    below.fit(X, y)
    expect(below.size().leaves).toBe(2)
    const above = new DecisionTree({ minGain: 0.13, minSamplesLeaf: 1 })
    above.fit(X, y)
    expect(above.size().leaves).toBe(1)
  })

  it('routes missing values by the learned default direction', () => {
    const X = matrix([[1], [2], [NaN], [NaN], [8], [9]])
    const y = Float64Array.of(0, 0, 0, 0, 1, 1)
    const tree = new DecisionTree({ maxDepth: 1, minSamplesLeaf: 1 })
    tree.fit(X, y)
    expect(Array.from(tree.predict(matrix([[NaN], [1.5], [8.5]])))).toEqual([0, 0, 1])
  })

  it('importance is the normalised total gain per feature', () => {
    const random = createRandom(3)
    const rows = Array.from({ length: 300 }, () => [random.normal(), random.normal(), random.normal()])
    const y = rows.map((r) => (r[1] > 0 ? 1 : 0))
    const tree = new DecisionTree()
    tree.fit(matrix(rows), Float64Array.from(y))
    const importance = tree.featureImportance()
    expect(importance.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    expect(importance[1]).toBeGreaterThan(0.9)
  })
})
