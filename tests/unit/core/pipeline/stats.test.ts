import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { finiteValues, meanAndStd, median, medianSorted, minMax, modeSorted, quantiles, quantileSorted, sortedFinite } from '../../../../src/core/pipeline/stats'
import { valuesAtRanks } from '../../../../src/core/pipeline/order-stats'
import { createRandom } from '../../../../src/core/random'
import { countOf, formatCount, formatValue } from '../../../../src/core/pipeline/format'
import type { PipelineFixture } from './tables'

const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/reference/pipeline.json', import.meta.url), 'utf8')) as PipelineFixture

describe('quantiles', () => {
  it.each(fixture.quantiles.map((c) => [c.name, c] as const))('match numpy.quantile bit for bit (%s)', (_, c) => {
    const sorted = sortedFinite(Float64Array.from(c.values))
    expect(c.q.map((q) => quantileSorted(sorted, q))).toEqual(c.expected)
    expect(medianSorted(sorted)).toBe(c.median)
    // Selection gives the same values as sorting, so the same bits.
    expect(quantiles(Float64Array.from(c.values), c.q)).toEqual(c.expected)
    expect(median(Float64Array.from(c.values))).toBe(c.median)
  })

  it('hand-computed: [1, 2, 3, 4] has Q1 1.75 and Q3 3.25', () => {
    const sorted = Float64Array.of(1, 2, 3, 4)
    expect(quantileSorted(sorted, 0.25)).toBe(1.75)
    expect(quantileSorted(sorted, 0.75)).toBe(3.25)
    expect(medianSorted(sorted)).toBe(2.5)
  })

  it('ignore NaN and ±Infinity, and are NaN when nothing is left', () => {
    const values = Float64Array.of(NaN, 3, Infinity, 1, -Infinity, 2)
    expect(Array.from(finiteValues(values))).toEqual([3, 1, 2])
    expect(quantileSorted(sortedFinite(values), 0.5)).toBe(2)
    expect(quantileSorted(sortedFinite(Float64Array.of(NaN, Infinity)), 0.5)).toBeNaN()
    expect(medianSorted(new Float64Array(0))).toBeNaN()
  })
})

describe('order statistics by selection', () => {
  const random = createRandom(5)
  const shapes: Record<string, () => Float64Array> = {
    uniform: () => Float64Array.from({ length: 5000 }, () => random.next()),
    'few distinct': () => Float64Array.from({ length: 5000 }, () => random.int(3)),
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
    const qs = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]
    expect(quantiles(values, qs)).toEqual(qs.map((q) => quantileSorted(sorted, q)))
    expect(median(values)).toBe(medianSorted(sorted))
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

  it('never return -0, which JSON would turn into 0', () => {
    expect(Object.is(medianSorted(Float64Array.of(-0, -0, -0)), 0)).toBe(true)
    expect(Object.is(quantileSorted(Float64Array.of(-0, -0), 0.75), 0)).toBe(true)
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
