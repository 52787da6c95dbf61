import { describe, expect, it } from 'vitest'
import { buildColumn } from '../../../../src/core/table/column-builder'
import { exactDecimals, isoDateFromDays, STUDIO_PARSERS } from '../../../../src/core/table/read/parquet-values'

describe('Parquet logical types as the studio reads them', () => {
  it('gives a DATE as its calendar day, before and after 1970', () => {
    expect(isoDateFromDays(19787)).toBe('2024-03-05')
    expect(isoDateFromDays(0)).toBe('1970-01-01')
    expect(isoDateFromDays(-1)).toBe('1969-12-31')
  })

  it('floors sub-millisecond timestamps, so an instant before 1970 keeps its millisecond', () => {
    const micros = BigInt(Date.UTC(1950, 5, 1, 8, 15, 30, 123)) * 1000n + 456n
    expect((STUDIO_PARSERS.timestampFromMicroseconds!(micros) as Date).toISOString()).toBe('1950-06-01T08:15:30.123Z')
    expect((STUDIO_PARSERS.timestampFromNanoseconds!(micros * 1000n + 789n) as Date).toISOString()).toBe('1950-06-01T08:15:30.123Z')
    expect((STUDIO_PARSERS.timestampFromMicroseconds!(1_709_634_600_000_999n) as Date).toISOString()).toBe('2024-03-05T10:30:00.000Z')
  })

  it('turns a scaled DECIMAL into the number its text names', () => {
    // hyparquet multiplies by 10^-scale: 1579 × 0.01 is 15.790000000000001.
    expect(1579 * 10 ** -2).not.toBe(15.79)
    expect(exactDecimals([1579 * 10 ** -2, null, -7 * 10 ** -2, undefined], 2)).toEqual([15.79, null, -0.07, undefined])
  })
})

describe('int64 cells', () => {
  it('stay numbers up to ±(2^53 − 1)', () => {
    const column = buildColumn('n', [1n, null, 9007199254740991n, -9007199254740991n])
    expect(column.type === 'number' && Array.from(column.values)).toEqual([1, NaN, 9007199254740991, -9007199254740991])
  })

  it('beyond that are refused, naming the column and the value', () => {
    for (const value of [9007199254740992n, -9007199254740993n, 2n ** 63n - 1n]) {
      expect(() => buildColumn('record_id', [1n, value])).toThrow(expect.objectContaining({ code: 'int64-unsafe', message: expect.stringContaining(`column "record_id" holds the whole number ${value}`) }))
    }
  })
})
