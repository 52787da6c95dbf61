import { describe, expect, it } from 'vitest'
import { findDuplicates } from '../../../../src/core/clean/step-dedupe'
import { fingerprintTable } from '../../../../src/core/table/fingerprint'
import { hashRows, rowsEqual } from '../../../../src/core/table/row-hash'
import { cat, num, tableOf } from './table-helpers'

// Values recorded from the hashes before the row hash became one module
// (core/table/profile/duplicates.ts hashRows and core/table/fingerprint.ts at d26ffba):
// a change here changes every stored dataset fingerprint, so it must be deliberate.
const table = tableOf(num('age', [54, NaN, 0, -0, 1.5, 54]), cat('sex', ['F', null, 'M', 'M', 'F', 'F']))

describe('row hash', () => {
  it('gives the recorded hashes for known rows', () => {
    const { h1, h2 } = hashRows(table.columns, table.rowCount)
    expect([...h1]).toEqual([1642279713, -283113944, -1444945644, -1444945644, 1063117482, 1642279713])
    expect([...h2]).toEqual([465781623, -623045375, 456551785, 456551785, 1536310904, 465781623])
  })

  it('hashes a subset of rows as it hashes those rows in the whole table', () => {
    const whole = hashRows(table.columns, table.rowCount)
    const some = hashRows(table.columns, table.rowCount, Int32Array.from([4, 0, 2]))
    expect([...some.h1]).toEqual([whole.h1[4], whole.h1[0], whole.h1[2]])
    expect([...some.h2]).toEqual([whole.h2[4], whole.h2[0], whole.h2[2]])
  })

  it('compares rows cell by cell: missing equals missing, −0 equals 0', () => {
    expect(rowsEqual(table.columns, 0, 5)).toBe(true)
    expect(rowsEqual(table.columns, 2, 3)).toBe(true)
    expect(rowsEqual(table.columns, 0, 4)).toBe(false)
    expect(rowsEqual(tableOf(num('x', [NaN, NaN])).columns, 0, 1)).toBe(true)
  })

  it('keeps the recorded table fingerprint, which is built on the same mix', () => {
    expect(fingerprintTable(table)).toBe('79cae3b8966b2b1d')
  })

  it('gives the dedupe step the same duplicates as before', () => {
    expect([...findDuplicates(table.columns, Int32Array.from([0, 1, 2, 3, 4, 5]))]).toEqual([-1, -1, -1, 2, -1, 0])
    expect([...findDuplicates(table.columns, Int32Array.from([5, 3, 0, 2]))]).toEqual([-1, -1, 0, 1])
  })
})
