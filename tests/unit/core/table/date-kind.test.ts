import { describe, expect, it } from 'vitest'
import { quickKind } from '../../../../src/core/table/profile/column-kind'
import { parseCsv } from '../../../../src/core/table/read/csv'
import { dateRange, isIsoDateTime, isoDateTimeMillis } from '../../../../src/core/table/iso-date'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { defaultFeatures } from '../../../../src/core/train/default-features'
import { cat } from './table-helpers'

const rows = (header: string, row: (i: number) => string, n = 40): string => [header, ...Array.from({ length: n }, (_, i) => row(i))].join('\n')
const day = (i: number): string => new Date(Date.UTC(2024, 2, 5 + i)).toISOString().slice(0, 10)

describe('ISO dates and timestamps', () => {
  it('reads dates, timestamps with or without seconds, fraction and zone', () => {
    expect(isoDateTimeMillis('2024-03-05')).toBe(Date.UTC(2024, 2, 5))
    expect(isoDateTimeMillis('2024-03-05 10:30')).toBe(Date.UTC(2024, 2, 5, 10, 30))
    expect(isoDateTimeMillis('2024-03-05T10:30:15')).toBe(Date.UTC(2024, 2, 5, 10, 30, 15))
    expect(isoDateTimeMillis('2024-03-05T10:30:00.000Z')).toBe(Date.UTC(2024, 2, 5, 10, 30))
    expect(isoDateTimeMillis('2024-03-05T10:30:00.123456')).toBe(Date.UTC(2024, 2, 5, 10, 30, 0, 123))
    expect(isoDateTimeMillis('2024-03-05T10:30:00+01:00')).toBe(Date.UTC(2024, 2, 5, 9, 30))
    expect(isoDateTimeMillis('2024-03-05 10:30:00-0230')).toBe(Date.UTC(2024, 2, 5, 13, 0))
    expect(isoDateTimeMillis('2024-02-29')).toBe(Date.UTC(2024, 1, 29))
    // Years below 100 are not shifted to 19xx as Date.UTC would.
    expect(isoDateTimeMillis('0099-01-01')).toBe(Date.parse('0099-01-01T00:00:00Z'))
  })

  it('refuses what is not a real calendar day or not ISO', () => {
    for (const text of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-03-05T24:00', '2024-03-05T10:61', '05/03/2024', '2024-03', '20240305', '2024-3-5', '2024-03-05Z', ' 2024-03-05', 'yesterday']) {
      expect(isIsoDateTime(text), text).toBe(false)
    }
  })

  it('finds the earliest and latest value among the levels in use, as written', () => {
    const levels = ['2024-03-05T10:30:00.000Z', '2023-12-31', '2025-01-01', '2024-03-05T09:00:00+01:00']
    expect(dateRange(levels, [1, 1, 0, 1])).toEqual({ min: '2023-12-31', max: '2024-03-05T10:30:00.000Z' })
    expect(dateRange(levels, [0, 0, 0, 0])).toBeNull()
  })
})

describe('the date column kind', () => {
  it('is inferred for CSV text that is all dates or all timestamps, unique or repeated', () => {
    const csv = rows('visit,admitted,month,mixed,age', (i) => [day(i % 7), `${day(i)} ${String(i % 24).padStart(2, '0')}:30`, `2024-${String((i % 12) + 1).padStart(2, '0')}`, i === 3 ? 'unknown' : day(i), 30 + (i % 9)].join(','))
    const profile = profileTable(parseCsv(csv, 't.csv').table)
    const kinds = Object.fromEntries(profile.columns.map((c) => [c.name, c.kind]))
    // "2024-03" is a month, not a date; one non-date value makes the column plain text.
    expect(kinds).toEqual({ visit: 'date', admitted: 'date', month: 'categorical', mixed: 'identifier', age: 'numeric' })
  })

  it('is what quickKind infers too, and missing cells do not stop it', () => {
    expect(quickKind(cat('d', ['2024-03-05', null, '2024-03-06', '2024-03-07T08:00:00.000Z']))).toBe('date')
    expect(quickKind(cat('d', ['2024-03-05', '2024-03-05']))).toBe('constant')
    expect(quickKind(cat('d', ['2024-03-05', 'n/a', '2024-03-06']))).toBe('categorical')
  })

  it('gives the profile a date range, an info warning, and is left out of the default features', () => {
    const csv = rows('admitted,age,outcome', (i) => [i === 2 ? '' : day(i), 30 + (i % 9), i % 2].join(','))
    const profile = profileTable(parseCsv(csv, 't.csv').table)
    const admitted = profile.columns[0]
    expect(admitted).toMatchObject({ kind: 'date', missing: 1, dateRange: { min: '2024-03-05', max: day(39) } })
    expect(profile.columns[1].dateRange).toBeUndefined()
    const warning = profile.warnings.find((w) => w.column === 'admitted' && w.kind === 'date')
    expect(warning).toMatchObject({ severity: 'info' })
    expect(warning?.message).toContain(`2024-03-05 to ${day(39)}`)
    expect(warning?.message).toContain('left out of the features')
    expect(defaultFeatures(profile, 'outcome')).toEqual(['age'])
  })
})
