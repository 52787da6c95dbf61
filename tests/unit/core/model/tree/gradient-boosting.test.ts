import { describe, expect, it } from 'vitest'
import { GradientBoosting } from '../../../../../src/core/model/tree/gradient-boosting'
import { TreeEnsemble } from '../../../../../src/core/model/tree/predictor'
import { createRandom } from '../../../../../src/core/random'
import type { Matrix } from '../../../../../src/core/types'

const matrix = (rows: number[][]): Matrix => ({ rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) })
const sigmoid = (s: number) => 1 / (1 + Math.exp(-s))

function noisy(n: number, seed: number, noise = 1): { X: Matrix; y: Float64Array } {
  const random = createRandom(seed)
  const rows = Array.from({ length: n }, () => [random.normal(), random.normal(), random.normal(), random.normal()])
  const y = rows.map((r) => (r[0] - 0.5 * r[1] + noise * random.normal() > 0 ? 1 : 0))
  return { X: matrix(rows), y: Float64Array.from(y) }
}

function leafCounts(model: GradientBoosting, features: number): number[] {
  const a = TreeEnsemble.fromJSON(model.toJSON().trees, features).arrays
  return Array.from(a.roots, (root, t) => {
    const end = t + 1 < a.roots.length ? a.roots[t + 1] : a.feature.length
    let leaves = 0
    for (let i = root; i < end; i++) if (a.feature[i] < 0) leaves++
    return leaves
  })
}

describe('gradient boosting', () => {
  it('first round, binary: leaf = -T(G)/(H + lambda) from log-loss gradients, shrunk by the learning rate', () => {
    // Prior 3/4: initial score log 3, p = 0.75; g = p - y = (0.75, -0.25, -0.25, -0.25), h = 0.1875.
    // Split x <= 0.5: left G = 0.5, H = 0.375; right G = -0.5, H = 0.375.
    const X = matrix([[0], [0], [1], [1]])
    const y = Float64Array.of(0, 1, 1, 1)
    for (const alpha of [0, 0.2]) {
      const model = new GradientBoosting({ nRounds: 1, maxDepth: 1, learningRate: 0.5, lambda: 1, alpha, minChildWeight: 0 })
      model.fit(X, y)
      const leaf = (0.5 - alpha) / 1.375
      const proba = model.predictProba(matrix([[0], [1]]))
      expect(proba[1]).toBeCloseTo(sigmoid(Math.log(3) - 0.5 * leaf), 12)
      expect(proba[3]).toBeCloseTo(sigmoid(Math.log(3) + 0.5 * leaf), 12)
    }
  })

  it('multiclass softmax: one tree per class per round, XGBoost’s hessian 2p(1 - p)', () => {
    // Initial p = 1/3 for all; class-c gradients -2/3 on its rows, 1/3 elsewhere; h = 4/9.
    // Class 0 tree: x <= 0.5 → 1.5, else -0.75; class 1: x <= 0.5 → -0.75, else 0.375 (first of two equal gains);
    // class 2: x <= 1.5 → -0.75, else 1.5.
    const X = matrix([[0], [0], [1], [1], [2], [2]])
    const y = Float64Array.of(0, 0, 1, 1, 2, 2)
    const model = new GradientBoosting({ nRounds: 1, maxDepth: 1, learningRate: 1, lambda: 0, minChildWeight: 0 })
    model.fit(X, y, { task: 'multiclass' })
    expect(model.treeCount()).toBe(3)
    const softmax = (z: number[]) => z.map((v) => Math.exp(v) / z.reduce((s, u) => s + Math.exp(u), 0))
    const expected = [softmax([1.5, -0.75, -0.75]), softmax([-0.75, 0.375, -0.75]), softmax([-0.75, 0.375, 1.5])].flat()
    const proba = model.predictProba(matrix([[0], [1], [2]]))
    expected.forEach((p, i) => expect(proba[i]).toBeCloseTo(p, 12))
  })

  it('multiclass fits separable classes and gives rows of probabilities summing to one', () => {
    const random = createRandom(4)
    const rows = Array.from({ length: 300 }, () => [random.normal(), random.normal()])
    const y = Float64Array.from(rows, (r) => (r[0] < -0.4 ? 0 : r[0] < 0.4 ? 1 : 2))
    const model = new GradientBoosting({ nRounds: 30 })
    model.fit(matrix(rows), y, { task: 'multiclass' })
    expect(model.treeCount()).toBe(90)
    const proba = model.predictProba(matrix(rows))
    const predicted = model.predict(matrix(rows))
    for (let i = 0; i < 300; i++) expect(proba[3 * i] + proba[3 * i + 1] + proba[3 * i + 2]).toBeCloseTo(1, 12)
    expect(predicted.filter((c, i) => c === y[i]).length).toBeGreaterThan(290)
  })

  it('regression with lambda 0 and learning rate 1 fits leaf means in one round', () => {
    const X = matrix([[1], [2], [3], [4]])
    const y = Float64Array.of(1, 1, 5, 7)
    const model = new GradientBoosting({ nRounds: 1, maxDepth: 2, learningRate: 1, lambda: 0, minChildWeight: 0 })
    const report = model.fit(X, y, { task: 'regression' })
    expect(Array.from(model.predict(X)).map((v) => +v.toFixed(10))).toEqual([1, 1, 5, 7])
    expect(report.finalLoss).toBeCloseTo(0, 20)
    expect(report.history?.[0].train).toBeCloseTo(0, 20)
  })

  it('early stopping keeps the round with the lowest validation loss', () => {
    const { X, y } = noisy(400, 1, 1.5)
    const model = new GradientBoosting({ nRounds: 300, learningRate: 0.3, maxDepth: 6, earlyStoppingRounds: 10, validationFraction: 0.25 })
    const report = model.fit(X, y)
    const best = report.bestIteration as number
    const history = report.history!
    expect(best).toBeGreaterThan(0)
    expect(report.iterations).toBe(best + 10)
    expect(history.length).toBe(report.iterations)
    expect(history.map((h) => h.step)).toEqual(history.map((_, i) => i + 1))
    const lowest = Math.min(...history.map((h) => h.valid as number))
    expect(history[best - 1].valid).toBe(lowest)
    expect(history.slice(best).every((h) => (h.valid as number) >= lowest)).toBe(true)
    expect(model.treeCount()).toBe(best)
    expect(report.finalLoss).toBe(history[best - 1].train)
    expect(report.converged).toBe(true)
  })

  it('without early stopping trains every round and reports training loss only', () => {
    const { X, y } = noisy(200, 2)
    const progress: number[] = []
    const report = new GradientBoosting({ nRounds: 15 }).fit(X, y, { onProgress: (p) => progress.push(p.done) })
    expect(report.iterations).toBe(15)
    expect(report.bestIteration).toBeUndefined()
    expect(report.history!.every((h) => h.valid === undefined)).toBe(true)
    expect(report.history!.map((h) => h.train as number).every((v, i, a) => i === 0 || v <= a[i - 1] + 1e-12)).toBe(true)
    expect(progress).toEqual(Array.from({ length: 15 }, (_, i) => i + 1))
  })

  it('sample weights equal duplicated rows (with scale-free regularisation: weights are relative)', () => {
    const random = createRandom(3)
    const rows = Array.from({ length: 150 }, () => [random.int(30), random.int(30), random.int(5)])
    const y = Float64Array.from(rows, (r) => (r[0] - r[1] + 3 * random.normal() > 0 ? 1 : 0))
    const weights = rows.map((_, i) => 1 + (i % 3))
    // Weights are rescaled to average 1, so lambda and minChildWeight (absolute hessian amounts) must be 0 here.
    const params = { nRounds: 20, maxDepth: 3, lambda: 0, minChildWeight: 0 }
    const weighted = new GradientBoosting(params)
    weighted.fit(matrix(rows), y, { sampleWeight: Float64Array.from(weights) })
    const duplicated = new GradientBoosting(params)
    duplicated.fit(matrix(rows.flatMap((r, i) => Array(weights[i]).fill(r))), Float64Array.from(Array.from(y).flatMap((v, i) => Array(weights[i]).fill(v))))
    const a = weighted.predictProba(matrix(rows))
    const b = duplicated.predictProba(matrix(rows))
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 10)
  })

  it('leaf-wise growth keeps every tree within maxLeaves', () => {
    const { X, y } = noisy(500, 5)
    const model = new GradientBoosting({ nRounds: 10, maxLeaves: 5, maxDepth: null })
    model.fit(X, y)
    const counts = leafCounts(model, 4)
    expect(Math.max(...counts)).toBe(5)
  })

  it('row and feature sampling follow the seed', () => {
    const { X, y } = noisy(300, 6)
    const fit = (seed: number) => {
      const model = new GradientBoosting({ nRounds: 10, subsample: 0.6, colsampleByTree: 0.5, seed })
      model.fit(X, y)
      return JSON.stringify(model.toJSON())
    }
    expect(fit(1)).toBe(fit(1))
    expect(fit(1)).not.toBe(fit(2))
    // With one feature per tree, every tree splits on a single feature.
    const model = new GradientBoosting({ nRounds: 8, colsampleByTree: 0.25 })
    model.fit(X, y)
    const a = TreeEnsemble.fromJSON(model.toJSON().trees, 4).arrays
    for (let t = 0; t < a.roots.length; t++) {
      const end = t + 1 < a.roots.length ? a.roots[t + 1] : a.feature.length
      expect(new Set(Array.from(a.feature.subarray(a.roots[t], end)).filter((f) => f >= 0)).size).toBeLessThanOrEqual(1)
    }
  })

  it('uniform sample weights give the same model as none, even with lambda and minChildWeight', () => {
    const { X, y } = noisy(200, 8)
    const plain = new GradientBoosting({ nRounds: 10 })
    plain.fit(X, y)
    const doubled = new GradientBoosting({ nRounds: 10 })
    doubled.fit(X, y, { sampleWeight: new Float64Array(200).fill(2) })
    expect(JSON.stringify(doubled.toJSON())).toBe(JSON.stringify(plain.toJSON()))
  })

  it('balanced class weights raise the predicted share of a rare class', () => {
    const random = createRandom(7)
    const rows = Array.from({ length: 400 }, () => [random.normal()])
    const y = Float64Array.from(rows, (r) => (r[0] + random.normal() > 2 ? 1 : 0))
    const plain = new GradientBoosting({ nRounds: 20, maxDepth: 2 })
    plain.fit(matrix(rows), y)
    const balanced = new GradientBoosting({ nRounds: 20, maxDepth: 2, classWeight: 'balanced' })
    balanced.fit(matrix(rows), y)
    const mean = (m: GradientBoosting) => Array.from(m.predictProba(matrix(rows))).filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0) / 400
    expect(mean(balanced)).toBeGreaterThan(mean(plain) + 0.2)
  })

  it('refuses unlimited trees and too few rows for a validation split', () => {
    expect(() => new GradientBoosting({ maxDepth: null })).toThrow(/maxDepth = null and maxLeaves = null/)
    expect(() => new GradientBoosting({ earlyStoppingRounds: 5 }).fit(matrix([[0], [1]]), Float64Array.of(0, 1))).toThrow(/too few to hold back a validation share/)
  })
})
