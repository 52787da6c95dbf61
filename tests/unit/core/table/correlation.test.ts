import { describe, expect, it } from 'vitest'
import { chooseCorrelationColumns, correlationMatrix, pearson, strongPairs } from '../../../../src/core/table/stats/correlation'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { cat, num, tableOf } from './table-helpers'

describe('Pearson correlation', () => {
  it('is +1 and −1 for exact linear relations', () => {
    const x = [1, 2, 3, 4, 5]
    expect(pearson(x, x.map((v) => 3 * v + 7))).toBeCloseTo(1, 14)
    expect(pearson(x, x.map((v) => -0.5 * v + 2))).toBeCloseTo(-1, 14)
  })

  it('matches a hand-computed example', () => {
    // dx = [-2,-1,0,1,2], dy = [-2,0,1,0,1]: Σdxdy = 6, Σdx² = 10, Σdy² = 6 → r = 6/√60
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 14)
  })

  it('uses only rows where both values are present', () => {
    // Shared rows: (1,2) (2,4) (4,4) (5,5). dx = [-2,-1,1,2], dy = [-1.75,.25,.25,1.25]:
    // Σdxdy = 6, Σdx² = 10, Σdy² = 4.75 → r = 6/√47.5
    const x = [1, 2, NaN, 4, 5, 6]
    const y = [2, 4, 100, 4, 5, NaN]
    expect(pearson(x, y)).toBeCloseTo(6 / Math.sqrt(47.5), 14)
  })

  it('is null with fewer than 3 shared rows or no variation', () => {
    expect(pearson([1, 2, NaN, NaN], [NaN, 2, 3, 4])).toBeNull()
    expect(pearson([1, 2, 3, 4], [5, 5, 5, 5])).toBeNull()
  })

  it('builds a symmetric matrix over blocks of rows', () => {
    const n = 5000
    const a = num('a', Array.from({ length: n }, (_, i) => Math.sin(i)))
    const b = num('b', Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : Math.sin(i) * 2 + Math.cos(i))))
    const c = num('c', Array.from({ length: n }, (_, i) => -Math.sin(i)))
    const m = correlationMatrix([a, b, c])
    expect(m.columns).toEqual(['a', 'b', 'c'])
    expect(m.values[0][0]).toBe(1)
    expect(m.values[0][2]).toBeCloseTo(-1, 12)
    expect(m.values[1][0]).toBe(m.values[0][1])
    expect(m.values[0][1]).toBeCloseTo(pearson(a.values, b.values) as number, 12)
    expect(strongPairs(m)).toEqual([{ a: 'a', b: 'c', r: m.values[0][2] }])
  })

  it('caps the columns by most present values and lists the rest', () => {
    const cols = [num('sparse', [1, null, null, 4]), num('full1', [1, 2, 3, 4]), num('full2', [4, 3, 2, 1])]
    const { chosen, omitted } = chooseCorrelationColumns(cols, [2, 4, 4], 2)
    expect(chosen.map((c) => c.name)).toEqual(['full1', 'full2'])
    expect(omitted).toEqual(['sparse'])
  })

  it('in the profile, leaves out constant, identifier and category columns', () => {
    const n = 40
    const table = tableOf(
      num('id', Array.from({ length: n }, (_, i) => 1000 + i)),
      num('x', Array.from({ length: n }, (_, i) => (i * 7) % 13)),
      num('y', Array.from({ length: n }, (_, i) => ((i * 7) % 13) * 2 + 1)),
      num('k', Array.from({ length: n }, () => 3)),
      cat('c', Array.from({ length: n }, (_, i) => 'ab'[i % 2])),
    )
    const profile = profileTable(table)
    expect(profile.correlation.columns).toEqual(['x', 'y'])
    expect(profile.correlation.values[0][1]).toBeCloseTo(1, 12)
    expect(profileTable(table, { maxCorrelationColumns: 1 }).correlation).toMatchObject({ columns: ['x'], omitted: ['y'] })
  })
})
