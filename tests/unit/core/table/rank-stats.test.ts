import { describe, expect, it } from 'vitest'
import { rocAuc } from '../../../../src/core/metrics/classification'
import { createScratch, prepareTarget, valueAuc, valueSpearman } from '../../../../src/core/table/profile/leakage'
import { aucSorted, rankOf, rankTable } from '../../../../src/core/table/stats/rank-stats'
import { seeded } from './table-helpers'

/** Average ranks (1-based, ties share their mean), as scipy.stats.rankdata. */
function naiveRanks(values: number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b])
  const ranks = new Array<number>(values.length)
  for (let s = 0; s < order.length; ) {
    let e = s
    while (e + 1 < order.length && values[order[e + 1]] === values[order[s]]) e++
    for (let k = s; k <= e; k++) ranks[order[k]] = (s + e) / 2 + 1
    s = e + 1
  }
  return ranks
}

function naivePearson(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length, my = y.reduce((a, b) => a + b, 0) / y.length
  let sxy = 0, sxx = 0, syy = 0
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my)
    sxx += (x[i] - mx) ** 2
    syy += (y[i] - my) ** 2
  }
  return sxy / Math.sqrt(sxx * syy)
}

describe('rank statistics', () => {
  it('AUC by merging sorted classes equals rocAuc, ties counted half', () => {
    // Hand example: positives [2, 3], negatives [1, 2]: pairs (2>1) (2=2 half) (3>1) (3>2) → 3.5 / 4
    expect(aucSorted(Float64Array.from([2, 3]), Float64Array.from([1, 2]))).toBe(0.875)
    expect(aucSorted(new Float64Array(0), Float64Array.from([1]))).toBeNull()
    const r = seeded(21)
    for (const n of [30, 3000, 20_000]) {
      const score = Float64Array.from({ length: n }, () => (r() < 0.05 ? NaN : Math.floor(r() * 40)))
      const y = Float64Array.from({ length: n }, (_, i) => (r() < 0.03 ? NaN : r() < 0.3 + score[i] / 100 ? 1 : 0))
      const keep = Array.from({ length: n }, (_, i) => i).filter((i) => !Number.isNaN(score[i]) && !Number.isNaN(y[i]))
      const expected = rocAuc(keep.map((i) => y[i] === 1), keep.map((i) => score[i]))
      const { auc, rows } = valueAuc(score, y, createScratch(n))
      expect(rows).toBe(keep.length)
      expect(auc).toBeCloseTo(expected as number, 12)
    }
  })

  it('ranks tied values by their mean rank', () => {
    const table = rankTable(Float64Array.from([1, 2, 2, 2, 5, 7, 7]))
    expect(Array.from(table.values)).toEqual([1, 2, 5, 7])
    expect(Array.from(table.ranks)).toEqual([1, 3, 5, 6.5])
    expect(rankOf(table, 7)).toBe(6.5)
    expect(() => rankOf(table, 3)).toThrow(/value 3 is not in the ranked values/)
  })

  it('Spearman equals Pearson of average ranks over rows where both are present', () => {
    // Hand example: x = [1,2,3,4,5], y = [5,6,7,8,7] → y ranks [1,2,3.5,5,3.5]
    const hand = prepareTarget('regression', Float64Array.from([5, 6, 7, 8, 7]), 0)
    expect(valueSpearman(Float64Array.from([1, 2, 3, 4, 5]), hand).r).toBeCloseTo(naivePearson([1, 2, 3, 4, 5], [1, 2, 3.5, 5, 3.5]), 14)
    const r = seeded(8)
    for (const n of [40, 9000]) {
      const y = Float64Array.from({ length: n }, () => (r() < 0.05 ? NaN : Math.round(r() * 50)))
      const x = Float64Array.from({ length: n }, (_, i) => (r() < 0.2 ? NaN : Math.round((Number.isNaN(y[i]) ? 0 : y[i]) / 5 + r() * 6)))
      const keep = Array.from({ length: n }, (_, i) => i).filter((i) => !Number.isNaN(x[i]) && !Number.isNaN(y[i]))
      const expected = naivePearson(naiveRanks(keep.map((i) => x[i])), naiveRanks(keep.map((i) => y[i])))
      const { r: rho, rows } = valueSpearman(x, prepareTarget('regression', y, 0), createScratch(n))
      expect(rows).toBe(keep.length)
      expect(rho).toBeCloseTo(expected, 12)
    }
  })
})
