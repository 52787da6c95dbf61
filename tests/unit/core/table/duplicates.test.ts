import { describe, expect, it } from 'vitest'
import { findDuplicateRows } from '../../../../src/core/table/profile/duplicates'
import { hashRows } from '../../../../src/core/table/row-hash'
import { profileTable } from '../../../../src/core/table/profile/profile'
import type { Table } from '../../../../src/core/types'
import { cat, num, seeded, tableOf } from './table-helpers'

describe('duplicate rows', () => {
  it('counts rows equal to an earlier row, not the first occurrence', () => {
    const table = tableOf(
      num('x', [1, 2, 1, 1, 3, 2]),
      cat('c', ['a', 'b', 'a', 'a', 'a', 'b']),
    )
    // Row 2 and row 3 repeat row 0; row 5 repeats row 1.
    expect(findDuplicateRows(table)).toEqual({ count: 3, examples: [{ row: 2, firstRow: 0 }, { row: 3, firstRow: 0 }, { row: 5, firstRow: 1 }] })
    expect(profileTable(table).duplicateRows).toBe(3)
  })

  it('treats missing as equal to missing but never to a value', () => {
    const table = tableOf(
      num('x', [1, null, null, 1, 0]),
      cat('c', ['a', null, null, null, 'a']),
    )
    // Row 2 repeats row 1 (both fully missing). Row 3 differs from row 0 only by a missing cell.
    expect(findDuplicateRows(table)).toEqual({ count: 1, examples: [{ row: 2, firstRow: 1 }] })
  })

  it('treats −0 as 0 and tells values apart in each column', () => {
    expect(findDuplicateRows(tableOf(num('x', [0, -0]))).count).toBe(1)
    expect(findDuplicateRows(tableOf(num('x', [1, 1]), num('y', [1, 1.0000000001]))).count).toBe(0)
    expect(findDuplicateRows(tableOf(cat('c', ['a', 'b']))).count).toBe(0)
  })

  it('gives equal rows equal hashes', () => {
    const table = tableOf(num('x', [NaN, 0, NaN, -0]), cat('c', ['z', 'y', 'z', 'y']))
    const { h1, h2 } = hashRows(table.columns, table.rowCount)
    expect([h1[0], h2[0]]).toEqual([h1[2], h2[2]])
    expect([h1[1], h2[1]]).toEqual([h1[3], h2[3]])
    expect(h1[0]).not.toBe(h1[1])
  })

  it('agrees with a naive text-key count on a generated table', () => {
    const r = seeded(9)
    const n = 20_000
    // Few distinct values per column, so many rows collide by chance.
    const x = Array.from({ length: n }, () => (r() < 0.1 ? null : Math.floor(r() * 4)))
    const y = Array.from({ length: n }, () => (r() < 0.1 ? null : Math.floor(r() * 5) / 2))
    const c = Array.from({ length: n }, () => (r() < 0.1 ? null : 'abc'[Math.floor(r() * 3)]))
    const table: Table = tableOf(num('x', x), num('y', y), cat('c', c))
    const seen = new Set<string>()
    let expected = 0
    for (let i = 0; i < n; i++) {
      const key = JSON.stringify([x[i], y[i], c[i]])
      if (seen.has(key)) expected++
      else seen.add(key)
    }
    expect(expected).toBeGreaterThan(n / 2)
    expect(findDuplicateRows(table).count).toBe(expected)
  })

  it('handles an empty table', () => {
    expect(findDuplicateRows({ name: 'empty', rowCount: 0, columns: [] })).toEqual({ count: 0, examples: [] })
  })
})
