import { describe, expect, it } from 'vitest'
import { quantileSorted, quartilesSorted } from '../../../../src/core/table/stats/quantiles'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { parseCsv } from '../../../../src/core/table/read/csv'

// Expected values worked by hand with numpy's linear method: position q·(n − 1),
// interpolated between the neighbours (np.quantile(x, [.25, .5, .75])).
describe('quantiles (numpy linear)', () => {
  it('interpolates between neighbours', () => {
    // [1,2,3,4]: positions 0.75, 1.5, 2.25 → 1.75, 2.5, 3.25
    expect(quartilesSorted([1, 2, 3, 4])).toEqual([1.75, 2.5, 3.25])
    // [1,2,3,4,7,10]: positions 1.25, 2.5, 3.75 → 2 + 0.25·1, 3 + 0.5·1, 4 + 0.75·3
    expect(quartilesSorted([1, 2, 3, 4, 7, 10])).toEqual([2.25, 3.5, 6.25])
  })

  it('lands exactly on values when the position is whole', () => {
    // n = 5: positions 1, 2, 3
    expect(quartilesSorted([1, 3, 7, 15, 31])).toEqual([3, 7, 15])
    expect(quantileSorted([1, 3, 7, 15, 31], 0)).toBe(1)
    expect(quantileSorted([1, 3, 7, 15, 31], 1)).toBe(31)
  })

  it('handles one value, no values and a bad q', () => {
    expect(quartilesSorted([42])).toEqual([42, 42, 42])
    expect(quantileSorted([], 0.5)).toBeNaN()
    expect(() => quantileSorted([1, 2], 1.5)).toThrow(/q must be between 0 and 1, got 1.5/)
    expect(() => quantileSorted([1, 2], NaN)).toThrow(/got NaN/)
  })

  it('gives the profile its quartiles over present values only', () => {
    // present values 10, 2, 7, 4, 1, 3 → sorted [1,2,3,4,7,10]
    const { columns } = profileTable(parseCsv('x\n10\n2\n\n7\n4\nNA\n1\n3\n', 't.csv').table)
    expect(columns[0].numeric).toEqual({ min: 1, q1: 2.25, median: 3.5, q3: 6.25, max: 10, mean: 27 / 6, std: expect.any(Number) })
    // Sample std (n − 1) of [1,2,3,4,7,10]: squared deviations from 4.5 are
    // 12.25 + 6.25 + 2.25 + 0.25 + 6.25 + 30.25 = 57.5; / 5 = 11.5
    expect(columns[0].numeric?.std).toBeCloseTo(Math.sqrt(11.5), 12)
  })
})
