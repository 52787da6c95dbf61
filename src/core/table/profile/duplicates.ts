/**
 * Duplicate rows: rows equal to an earlier row in every column. Each row gets
 * a 64-bit hash (./row-hash), rows are placed in an open-addressing table by
 * hash, and a hash match is confirmed cell by cell, so a collision can never
 * report a false duplicate. Linear in cells, with no per-row strings or objects.
 *
 * Equality is the table's: two missing cells are equal, a missing cell never
 * equals a value, and −0 equals 0.
 */
import type { Table } from '../../types'
import { hashRows, rowsEqual } from '../row-hash'

/** A duplicate row and the earlier row it repeats (0-based row indices). */
export interface DuplicateExample {
  row: number
  firstRow: number
}

export interface DuplicateRows {
  /** Rows identical to an earlier row; the first occurrence is not counted. */
  count: number
  /** The first few duplicates, in row order. */
  examples: DuplicateExample[]
}

/** Counts rows identical to an earlier row in every column, with up to `maxExamples` examples. */
export function findDuplicateRows(table: Table, maxExamples = 5): DuplicateRows {
  const n = table.rowCount
  const { h1, h2 } = hashRows(table.columns, n)
  let capacity = 1
  while (capacity < 2 * n) capacity *= 2
  const mask = capacity - 1
  const slots = new Int32Array(capacity).fill(-1)
  let count = 0
  const examples: DuplicateExample[] = []
  for (let row = 0; row < n; row++) {
    let slot = h1[row] & mask
    for (;;) {
      const other = slots[slot]
      if (other < 0) {
        slots[slot] = row
        break
      }
      if (h1[other] === h1[row] && h2[other] === h2[row] && rowsEqual(table.columns, other, row)) {
        count++
        if (examples.length < maxExamples) examples.push({ row, firstRow: other })
        break
      }
      slot = (slot + 1) & mask
    }
  }
  return { count, examples }
}
