import { describe, expect, it } from 'vitest'
import { holdoutSplit } from '../../../../src/core/train/split'

const rows = Int32Array.from({ length: 1000 }, (_, i) => i)
const strata = Float64Array.from({ length: 1000 }, (_, i) => (i % 10 < 3 ? 1 : 0)) // 30% class 1

describe('holdout split', () => {
  it('is stratified: each class keeps its share in test', () => {
    const { train, test } = holdoutSplit(rows, 0.2, 42, strata)
    expect(test.length).toBe(200)
    expect(train.length).toBe(800)
    expect(Array.from(test).filter((i) => strata[i] === 1).length).toBe(60)
    expect(Array.from(train).filter((i) => strata[i] === 1).length).toBe(240)
  })

  it('is a partition of the rows', () => {
    const { train, test } = holdoutSplit(rows, 0.2, 42, strata)
    expect(new Set([...train, ...test]).size).toBe(1000)
  })

  it('is seeded: same seed same split, other seed other split', () => {
    const a = holdoutSplit(rows, 0.2, 7, strata)
    const b = holdoutSplit(rows, 0.2, 7, strata)
    const c = holdoutSplit(rows, 0.2, 8, strata)
    expect(Array.from(a.test)).toEqual(Array.from(b.test))
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test))
  })

  it('puts a rare class in both parts and refuses a class of one row', () => {
    const y = Float64Array.from({ length: 20 }, (_, i) => (i < 2 ? 1 : 0))
    const { test, train } = holdoutSplit(Int32Array.from({ length: 20 }, (_, i) => i), 0.2, 1, y)
    expect(Array.from(test).filter((i) => y[i] === 1).length).toBe(1)
    expect(Array.from(train).filter((i) => y[i] === 1).length).toBe(1)
    const single = Float64Array.from({ length: 20 }, (_, i) => (i === 0 ? 1 : 0))
    expect(() => holdoutSplit(Int32Array.from({ length: 20 }, (_, i) => i), 0.2, 1, single)).toThrow(/class 1 has only 1 row/)
  })

  it('names a bad test share', () => {
    expect(() => holdoutSplit(rows, 1.5, 1)).toThrow(/test share 1.5 must be between 0 and 1/)
  })
})
