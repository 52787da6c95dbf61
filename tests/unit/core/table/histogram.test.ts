import { describe, expect, it } from 'vitest'
import { histogramEdges, histogramOf, histogramSorted } from '../../../../src/core/table/stats/histogram'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { cat, num, tableOf } from './table-helpers'

describe('histogram', () => {
  it('gives integer columns with a short range one bin per value', () => {
    const h = histogramOf(Float64Array.from([0, 1, 1, 2, 2, 2, 4]))
    expect(h.edges).toEqual([-0.5, 0.5, 1.5, 2.5, 3.5, 4.5])
    expect(h.counts).toEqual([1, 2, 3, 0, 1])
  })

  it('uses min(30, distinct) equal-width bins otherwise, the maximum in the last bin', () => {
    // 6 distinct values over [0, 10]: width 10/6; bins start at 0, 1.67, 3.33, 5, 6.67, 8.33
    const h = histogramOf(Float64Array.from([0, 0.5, 1, 1.5, 2, 10]))
    expect(h.edges).toHaveLength(7)
    expect(h.edges[0]).toBe(0)
    expect(h.edges[6]).toBe(10)
    expect(h.counts).toEqual([4, 1, 0, 0, 0, 1])
    // Integers spread wider than 30 values: equal width, one bin per distinct value at most.
    const wide = histogramOf(Float64Array.from([0, 100, 1000]))
    expect(wide.counts).toEqual([2, 0, 1])
    expect(histogramEdges(0, 1, 1000, false)).toHaveLength(31)
  })

  it('puts a value on an inner edge in the bin to its right', () => {
    expect(histogramSorted([0, 1, 1, 2], [0, 1, 2]).counts).toEqual([1, 3])
  })

  it('handles a single value and no values', () => {
    expect(histogramOf(Float64Array.from([5, 5, 5]))).toEqual({ edges: [4.5, 5.5], counts: [3] })
    expect(histogramOf(new Float64Array(0))).toEqual({ edges: [], counts: [] })
  })

  it('draws bars for categories and booleans, a histogram for numbers', () => {
    const letters = 'abcdefghijkl'.split('')
    const table = tableOf(
      cat('c', letters.flatMap((l, i) => Array<string>(12 - i).fill(l)).concat([null as unknown as string])),
      num('flag', Array.from({ length: 79 }, (_, i) => i % 3 === 0 ? 1 : 0)),
      num('x', Array.from({ length: 79 }, (_, i) => i / 10)),
    )
    const [c, flag, x] = profileTable(table).columns
    // 12 levels with 12, 11, …, 1 rows: the top 10 shown, the 2 + 1 rows of k and l are "other".
    expect(c.distribution).toMatchObject({ type: 'bars', other: 3 })
    if (c.distribution.type !== 'bars') throw new Error('expected bars')
    expect(c.distribution.top.map((t) => t.value)).toEqual(letters.slice(0, 10))
    expect(flag.kind).toBe('boolean')
    expect(flag.distribution).toEqual({ type: 'bars', top: [{ value: '0', count: 52 }, { value: '1', count: 27 }], other: 0 })
    expect(x.distribution.type).toBe('histogram')
    if (x.distribution.type !== 'histogram') throw new Error('expected a histogram')
    expect(x.distribution.counts).toHaveLength(30)
    expect(x.distribution.counts.reduce((a, b) => a + b, 0)).toBe(79)
  })
})
