import { describe, expect, it } from 'vitest'
import { assignFolds, assignGroupFolds, makeFolds } from '../../../../src/core/eval/folds'

const n = 1000
const strata = Float64Array.from({ length: n }, (_, i) => (i % 10 < 3 ? 1 : 0)) // 30% positives

describe('k-fold splitters', () => {
  it('stratified k-fold keeps the class share in every fold and partitions the rows', () => {
    const { folds } = makeFolds({ kind: 'stratified', k: 5, seed: 3 }, n, { strata })
    expect(folds).toHaveLength(5)
    const seen = new Set<number>()
    for (const f of folds) {
      expect(f.valid.length).toBe(200)
      expect(Array.from(f.valid).filter((i) => strata[i] === 1).length).toBe(60)
      expect(f.train.length + f.valid.length).toBe(n)
      for (const i of f.valid) seen.add(i)
    }
    expect(seen.size).toBe(n)
  })

  it('is seeded: the same seed gives the same folds, another seed others', () => {
    expect(Array.from(assignFolds(n, 5, 1, strata))).toEqual(Array.from(assignFolds(n, 5, 1, strata)))
    expect(Array.from(assignFolds(n, 5, 1, strata))).not.toEqual(Array.from(assignFolds(n, 5, 2, strata)))
  })

  it('plain k-fold sizes differ by at most one', () => {
    const { folds } = makeFolds({ kind: 'kfold', k: 3, seed: 1 }, 10)
    expect(folds.map((f) => f.valid.length).sort()).toEqual([3, 3, 4])
  })

  it('repeated k-fold gives k × repeats folds with different assignments per repeat', () => {
    const { folds, assignments } = makeFolds({ kind: 'repeated', k: 4, repeats: 3, seed: 9, stratified: true }, n, { strata })
    expect(folds).toHaveLength(12)
    expect(Array.from(assignments[0])).not.toEqual(Array.from(assignments[1]))
  })

  it('group k-fold never puts one group in both training and validation rows', () => {
    const groups = Array.from({ length: 300 }, (_, i) => `patient-${Math.floor(i / 3) % 57}`)
    const { folds } = makeFolds({ kind: 'group', k: 5, seed: 4, column: 'patient' }, groups.length, { groups })
    for (const f of folds) {
      const train = new Set(Array.from(f.train, (i) => groups[i]))
      for (const i of f.valid) expect(train.has(groups[i])).toBe(false)
    }
    const sizes = folds.map((f) => f.valid.length)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(6)
  })

  it('names impossible requests before any training', () => {
    const rare = Float64Array.from({ length: 50 }, (_, i) => (i < 3 ? 1 : 0))
    expect(() => assignFolds(50, 5, 1, rare)).toThrow('folds: k = 5 is larger than the smallest class (class 1 has 3 rows); use at most 3 folds')
    expect(() => assignGroupFolds(['a', 'a', 'a'], 2, 1)).toThrow('folds: the group column has 1 group; group k-fold needs at least 2')
    expect(() => assignGroupFolds(['a', 'b', 'c'], 5, 1)).toThrow('folds: k = 5 is larger than the number of groups (3)')
    expect(() => makeFolds({ kind: 'kfold', k: 1, seed: 1 }, 10)).toThrow('folds: k = 1 is invalid; expected an integer in [2, 100]')
  })
})
