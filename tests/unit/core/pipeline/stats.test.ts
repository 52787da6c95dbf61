import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { countOf, formatCount, formatValue } from '../../../../src/core/pipeline/format'
import { valuesAtRanks } from '../../../../src/core/pipeline/order-stats'
import { finiteValues, meanAndStd, median, minMax, modeSorted, quantiles } from '../../../../src/core/pipeline/stats'
import { createRandom } from '../../../../src/core/random'
import type { PipelineFixture } from './tables'

const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/reference/pipeline.json', import.meta.url), 'utf8')) as PipelineFixture

/** numpy's linear quantile on sorted values, written out plainly as the reference for the selection-based one. */
function reference(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q
  const lo = Math.floor(h)
  const a = sorted[lo], b = sorted[Math.min(lo + 1, sorted.length - 1)], g = h - lo
  return (g >= 0.5 ? b - (b - a) * (1 - g) : a + (b - a) * g) + 0
}

describe('quantiles', () => {
  it.each(fixture.quantiles.map((c) => [c.name, c] as const))('match numpy.quantile and numpy.median bit for bit (%s)', (_, c) => {
    expect(quantiles(Float64Array.from(c.values), c.q)).toEqual(c.expected)
    expect(median(Float64Array.from(c.values))).toBe(c.median)
  })

  it('hand-computed: [4, 1, 3, 2] has Q1 1.75, median 2.5, Q3 3.25', () => {
    expect(quantiles(Float64Array.of(4, 1, 3, 2), [0.25, 0.75])).toEqual([1.75, 3.25])
    expect(median(Float64Array.of(4, 1, 3, 2))).toBe(2.5)
  })

  it('ignore NaN and ±Infinity, and are NaN when nothing is left', () => {
    const values = Float64Array.of(NaN, 3, Infinity, 1, -Infinity, 2)
    expect(Array.from(finiteValues(values))).toEqual([3, 1, 2])
    expect(quantiles(values, [0.5])).toEqual([2])
    expect(quantiles(Float64Array.of(NaN, Infinity), [0.5])).toEqual([NaN])
    expect(median(new Float64Array(0))).toBeNaN()
  })

  it('never return -0, which JSON would turn into 0', () => {
    expect(Object.is(median(Float64Array.of(-0, -0, -0)), 0)).toBe(true)
    expect(Object.is(quantiles(Float64Array.of(-0, -0), [0.75])[0], 0)).toBe(true)
  })
})

describe('order statistics by counting or selection', () => {
  const random = createRandom(5)
  const shapes: Record<string, () => Float64Array> = {
    uniform: () => Float64Array.from({ length: 5000 }, () => random.next()),
    'few distinct (counted)': () => Float64Array.from({ length: 5000 }, () => random.int(3)),
    '17 distinct (selected)': () => Float64Array.from({ length: 5000 }, () => random.int(17)),
    'all equal': () => new Float64Array(3000).fill(2.5),
    ascending: () => Float64Array.from({ length: 4000 }, (_, i) => i),
    descending: () => Float64Array.from({ length: 4000 }, (_, i) => -i),
    'organ pipe': () => Float64Array.from({ length: 4001 }, (_, i) => Math.min(i, 4000 - i)),
    tiny: () => Float64Array.of(3, 1, 2),
  }

  it.each(Object.keys(shapes))('equal the sorted values at any ranks (%s)', (shape) => {
    const values = shapes[shape]()
    const sorted = Float64Array.from(values).sort()
    const ranks = [0, values.length - 1, values.length >> 1, 1, Math.floor(values.length * 0.9), values.length >> 1]
    expect(valuesAtRanks(Float64Array.from(values), ranks)).toEqual(ranks.map((r) => sorted[r]))
    const qs = [0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1]
    expect(quantiles(values, qs)).toEqual(qs.map((q) => reference(sorted, q)))
    const n = sorted.length
    expect(median(values)).toBe(n % 2 ? sorted[n >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2)
  })

  it('leave the input untouched', () => {
    const values = Float64Array.of(5, NaN, 1, 4, 2)
    quantiles(values, [0.5])
    median(values)
    expect(Array.from(values)).toEqual([5, NaN, 1, 4, 2])
  })
})

describe('summary statistics', () => {
  it('mode takes the smallest of tied values', () => {
    expect(modeSorted(Float64Array.of(1, 2, 2, 3, 3))).toBe(2)
    expect(modeSorted(Float64Array.of(5, 7))).toBe(5)
    expect(modeSorted(new Float64Array(0))).toBeNaN()
  })

  it('mean and population standard deviation skip missing values', () => {
    expect(meanAndStd(Float64Array.of(2, 4, NaN, 4, 4, 5, 5, 7, 9, Infinity))).toEqual({ count: 8, mean: 5, std: 2 })
    expect(meanAndStd(Float64Array.of(NaN)).count).toBe(0)
    expect(minMax(Float64Array.of(NaN, 3, -Infinity, -2))).toEqual({ min: -2, max: 3 })
  })
})

describe('summary text formatting', () => {
  it('is locale-independent', () => {
    expect(formatCount(1684)).toBe('1,684')
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatValue(27.4012)).toBe('27.4')
    expect(formatValue(0)).toBe('0')
    expect(formatValue(1.5e-7)).toBe('1.50e-7')
    expect(countOf(1, 'training row')).toBe('1 training row')
    expect(countOf(2105, 'training row')).toBe('2,105 training rows')
  })
})
