import { describe, expect, it } from 'vitest'
import { sortedPresent, sortNumbers, sortNumbersWith } from '../../../../src/core/table/stats/sort-numbers'
import { seeded } from './table-helpers'

const GENERATORS: Record<string, (r: () => number) => number> = {
  uniform: (r) => r(),
  'small integers': (r) => Math.floor(r() * 100) - 50,
  'wide signed': (r) => (r() - 0.5) * 1e9,
  'special values': (r) => [0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1.5, -1.5][Math.floor(r() * 8)],
  'every exponent': (r) => (r() - 0.5) * Math.exp((r() - 0.5) * 1400),
}

describe('sortNumbers (radix)', () => {
  for (const [name, gen] of Object.entries(GENERATORS)) {
    it(`orders ${name} exactly as TypedArray sort does`, () => {
      const r = seeded(11)
      for (const n of [7, 5000, 60_000]) {
        const values = Float64Array.from({ length: n }, () => gen(r))
        const expected = values.slice().sort()
        const actual = sortNumbers(values.slice())
        // Object.is tells −0 from +0.
        expect(Array.from(actual).every((v, i) => Object.is(v, expected[i]))).toBe(true)
      }
    })
  }

  it('sorts a view in place without touching the rest of its buffer, using given scratch', () => {
    const r = seeded(3)
    const buffer = Float64Array.from({ length: 10_000 }, () => r())
    const before = buffer.slice()
    const view = buffer.subarray(1000, 9000)
    sortNumbers(view, new Float64Array(9000))
    expect(Array.from(view)).toEqual(Array.from(before.subarray(1000, 9000)).sort((a, b) => a - b))
    expect(Array.from(buffer.subarray(0, 1000))).toEqual(Array.from(before.subarray(0, 1000)))
    expect(Array.from(buffer.subarray(9000))).toEqual(Array.from(before.subarray(9000)))
    expect(() => sortNumbers(new Float64Array(5000), new Float64Array(10))).toThrow(/scratch holds 10 numbers but 5000/)
  })

  it('keeps each payload value beside its key', () => {
    const r = seeded(5)
    for (const n of [50, 20_000]) {
      const keys = Float64Array.from({ length: n }, () => Math.floor(r() * 1000) - 500)
      const payload = keys.map((k) => k * 3 + 0.5)
      sortNumbersWith(keys, payload)
      for (let i = 1; i < n; i++) expect(keys[i] >= keys[i - 1]).toBe(true)
      expect(Array.from(payload)).toEqual(Array.from(keys, (k) => k * 3 + 0.5))
    }
    expect(() => sortNumbersWith(new Float64Array(3), new Float64Array(2))).toThrow(/3 keys but 2 payload/)
  })

  it('drops missing values before sorting', () => {
    expect(Array.from(sortedPresent(Float64Array.from([3, NaN, 1, 2, NaN])))).toEqual([1, 2, 3])
  })
})
