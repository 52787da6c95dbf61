import { describe, expect, it } from 'vitest'
import { edgesFromSorted, edgesOf } from '../../../../../src/core/model/tree/binning'
import { distinctValues, selectRanks } from '../../../../../src/core/model/tree/order-statistics'
import { sortFloat64 } from '../../../../../src/core/model/tree/radix-sort'
import { createRandom } from '../../../../../src/core/random'

const random = createRandom(31)

/** The same bytes: equal bit for bit (−0 and +0 differ). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
}

/** Columns that stress the buckets: skew, ties, outliers, ±0, infinities, extreme and tiny ranges. */
const columns: [string, (n: number) => number][] = [
  ['uniform', () => random.next()],
  ['normal', () => random.normal()],
  ['log-normal (skewed)', () => Math.exp(3 * random.normal())],
  ['one far outlier', (i) => (i === 7 ? 1e12 : random.next())],
  ['heavy ties with a tail', () => (random.next() < 0.9 ? 0 : random.next())],
  ['integers, 100 values', () => random.int(100)],
  ['integers, 255 values', () => random.int(255)],
  ['integers, 256 values', () => random.int(256)],
  ['integers, 300 values', () => random.int(300) - 150],
  ['signed zeros and small values', () => [0, -0, 1e-300, -1e-300, 5e-324, random.next()][random.int(6)]],
  ['with infinities', () => (random.next() < 0.01 ? (random.next() < 0.5 ? -Infinity : Infinity) : random.normal())],
  ['the whole double range', () => (random.next() - 0.5) * 3.5e308],
  ['a range of a few ulps', () => 1 + random.int(3000) * 2.220446049250313e-16],
  ['subnormals only', () => random.int(5000) * 5e-324],
  ['constant', () => 42],
]

describe('order statistics without a full sort', () => {
  it.each(columns)('gives the bin edges of the sorted values, bit for bit: %s', (_, draw) => {
    for (const n of [1, 2, 100, 2047, 2048, 5000, 60_000]) {
      const values = Float64Array.from({ length: n }, (_, i) => draw(i))
      const copy = values.slice()
      for (const maxBins of [2, 16, 64, 255]) {
        const expected = edgesFromSorted(sortFloat64(values.slice()), maxBins)
        expect(sameBits(edgesOf(values, maxBins), expected), `n ${n}, maxBins ${maxBins}`).toBe(true)
      }
      // The values are read, not reordered.
      expect(sameBits(values, copy)).toBe(true)
    }
  })

  it('selects the values at any ranks, repeats included', () => {
    const values = Float64Array.from({ length: 30_000 }, () => Math.exp(random.normal()))
    const sorted = sortFloat64(values.slice())
    const ranks = Int32Array.from({ length: 500 }, () => random.int(values.length)).sort()
    const expected = Float64Array.from(ranks, (r) => sorted[r])
    expect(sameBits(selectRanks(values, ranks), expected)).toBe(true)
    expect(Array.from(selectRanks(values, Int32Array.of(0, 0, 29_999)))).toEqual([sorted[0], sorted[0], sorted[29_999]])
  })

  it('lists distinct values ascending, ±0 as one, and gives up past the limit', () => {
    expect(Array.from(distinctValues(Float64Array.of(3, -0, 1, 0, 3, 1), 5) ?? [])).toEqual([0, 1, 3])
    expect(Object.is(distinctValues(Float64Array.of(-0, -0), 5)?.[0], 0)).toBe(true)
    expect(distinctValues(Float64Array.of(1, 2, 3, 4), 3)).toBeNull()
    expect(Array.from(distinctValues(Float64Array.of(4, 3, 2, 1), 4) ?? [])).toEqual([1, 2, 3, 4])
    expect(distinctValues(new Float64Array(0), 4)?.length).toBe(0)
  })
})
