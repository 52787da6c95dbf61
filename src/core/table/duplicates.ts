/**
 * Duplicate rows: rows equal to an earlier row in every column. Each row gets
 * a 64-bit hash (two 32-bit MurmurHash3-style lanes, mixed column by column so
 * the loops stay inside one typed array), rows are placed in an
 * open-addressing table by hash, and a hash match is confirmed cell by cell,
 * so a collision can never report a false duplicate. Linear in cells, with no
 * per-row strings or objects.
 *
 * Equality is the table's: two missing cells are equal, a missing cell never
 * equals a value, and −0 equals 0.
 */
import type { Column, Table } from '../types'

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
  const { h1, h2 } = hashRows(table)
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

/** Two 32-bit hashes per row over every cell; equal rows (by `rowsEqual`) get equal hashes. */
export function hashRows(table: Table): { h1: Int32Array; h2: Int32Array } {
  const n = table.rowCount
  const h1 = new Int32Array(n).fill(0x9747b28c | 0)
  const h2 = new Int32Array(n).fill(0x5bd1e995)
  const mix = (row: number, k: number): void => {
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    let a = h1[row] ^ k
    a = (a << 13) | (a >>> 19)
    a = (Math.imul(a, 5) + 0xe6546b64) | 0
    let b = h2[row] ^ Math.imul(k ^ (k >>> 16), 0x85ebca6b)
    b = (b << 17) | (b >>> 15)
    b = (Math.imul(b, 9) + a) | 0
    h1[row] = a
    h2[row] = b
  }
  const scratch = new Float64Array(1)
  const words = new Int32Array(scratch.buffer)
  for (const column of table.columns) {
    if (column.type === 'number') {
      const values = column.values
      for (let row = 0; row < n; row++) {
        const v = values[row]
        // One bit pattern for every NaN and for ±0, so equal cells hash equally.
        scratch[0] = v !== v ? NaN : v + 0
        mix(row, words[0])
        mix(row, words[1])
      }
    } else {
      const codes = column.codes
      for (let row = 0; row < n; row++) mix(row, codes[row])
    }
  }
  for (let row = 0; row < n; row++) {
    h1[row] = finalMix(h1[row] ^ h2[row])
    h2[row] = finalMix(h2[row] + h1[row])
  }
  return { h1, h2 }
}

/** True when rows `a` and `b` hold equal cells in every column (missing equals missing). */
export function rowsEqual(columns: Column[], a: number, b: number): boolean {
  for (const column of columns) {
    if (column.type === 'number') {
      const x = column.values[a], y = column.values[b]
      if (x !== y && !(x !== x && y !== y)) return false
    } else if (column.codes[a] !== column.codes[b]) return false
  }
  return true
}

function finalMix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
