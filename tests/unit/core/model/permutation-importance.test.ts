import { describe, expect, it } from 'vitest'
import { LinearRegression } from '../../../../src/core/model/linear-regression'
import { LogisticRegression } from '../../../../src/core/model/logistic'
import { permutationImportance } from '../../../../src/core/model/permutation-importance'
import { createRandom } from '../../../../src/core/random'
import type { Matrix } from '../../../../src/core/types'

/** Four independent standard-normal features; only feature 1 drives the target. */
function onlyFeatureOneMatters(n: number, seed: number, kind: 'binary' | 'multiclass' | 'regression'): { X: Matrix; y: Float64Array } {
  const random = createRandom(seed)
  const p = 4
  const data = Float64Array.from({ length: n * p }, () => random.normal())
  const y = Float64Array.from({ length: n }, (_, i) => {
    const signal = data[i * p + 1]
    if (kind === 'regression') return 3 * signal + 0.1 * random.normal()
    if (kind === 'binary') return signal + 0.3 * random.normal() > 0 ? 1 : 0
    return signal < -0.5 ? 0 : signal < 0.5 ? 1 : 2
  })
  return { X: { rows: n, cols: p, data }, y }
}

describe('permutation importance', () => {
  it('classification (ROC AUC): only the feature that matters drops the score', () => {
    const train = onlyFeatureOneMatters(400, 1, 'binary')
    const valid = onlyFeatureOneMatters(200, 2, 'binary')
    const model = new LogisticRegression()
    model.fit(train.X, train.y)
    const result = permutationImportance(model, valid.X, valid.y, { repeats: 10, seed: 7 })
    expect(result.scoring).toBe('roc_auc')
    expect(result.baseline).toBeGreaterThan(0.9)
    expect(result.features).toHaveLength(4)
    expect(result.features[1].mean).toBeGreaterThan(0.3)
    for (const j of [0, 2, 3]) {
      expect(Math.abs(result.features[j].mean)).toBeLessThan(0.02)
      expect(result.features[j].mean).toBeLessThan(result.features[1].mean - 5 * result.features[1].std)
    }
    expect(result.features.every((f) => f.std >= 0 && Number.isFinite(f.std))).toBe(true)
  })

  it('regression (R²): only the feature that matters drops the score, by about 2 (R² of a shuffled copy is ~ −1)', () => {
    const train = onlyFeatureOneMatters(300, 3, 'regression')
    const valid = onlyFeatureOneMatters(300, 4, 'regression')
    const model = new LinearRegression()
    model.fit(train.X, train.y, { task: 'regression' })
    const result = permutationImportance(model, valid.X, valid.y, { repeats: 8 })
    expect(result.scoring).toBe('r2')
    expect(result.baseline).toBeGreaterThan(0.99)
    expect(result.features[1].mean).toBeGreaterThan(1.5)
    for (const j of [0, 2, 3]) expect(Math.abs(result.features[j].mean)).toBeLessThan(0.01)
  })

  it('multiclass: accuracy on request, macro AUC by default', () => {
    const train = onlyFeatureOneMatters(400, 5, 'multiclass')
    const valid = onlyFeatureOneMatters(200, 6, 'multiclass')
    const model = new LogisticRegression()
    model.fit(train.X, train.y)
    const accuracy = permutationImportance(model, valid.X, valid.y, { scoring: 'accuracy' })
    expect(accuracy.scoring).toBe('accuracy')
    expect(accuracy.features[1].mean).toBeGreaterThan(0.3)
    expect(permutationImportance(model, valid.X, valid.y).scoring).toBe('roc_auc')
  })

  it('is seeded: same seed, same result; another seed, other shuffles', () => {
    const data = onlyFeatureOneMatters(150, 8, 'binary')
    const model = new LogisticRegression()
    model.fit(data.X, data.y)
    const a = permutationImportance(model, data.X, data.y, { seed: 11 })
    expect(permutationImportance(model, data.X, data.y, { seed: 11 })).toEqual(a)
    expect(permutationImportance(model, data.X, data.y, { seed: 12 }).features[1]).not.toEqual(a.features[1])
  })

  it('does not modify the input matrix', () => {
    const data = onlyFeatureOneMatters(100, 9, 'regression')
    const before = Float64Array.from(data.X.data)
    const model = new LinearRegression()
    model.fit(data.X, data.y)
    permutationImportance(model, data.X, data.y)
    expect(data.X.data).toEqual(before)
  })

  it('explains a score that cannot be computed and a bad repeat count', () => {
    const data = onlyFeatureOneMatters(50, 10, 'regression')
    const model = new LinearRegression()
    model.fit(data.X, data.y)
    expect(() => permutationImportance(model, data.X, new Float64Array(50).fill(1))).toThrow(/R² is undefined because the target is constant/)
    expect(() => permutationImportance(model, data.X, data.y, { repeats: 0 })).toThrow(/repeats = 0 is invalid; expected an integer in \[1, 1000\]/)
    expect(() => permutationImportance(model, data.X, data.y, { scoring: 'accuracy' })).toThrow(/"accuracy" is for classifiers/)
  })
})
