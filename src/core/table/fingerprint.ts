import type { Table } from '../types'
import { finalMix, mixLanes } from './row-hash'

/**
 * A content fingerprint of a table: 64 bits of a MurmurHash3-style mix over
 * column names, storage types and cell values, as 16 hex digits. The same data
 * read from CSV or from its Parquet copy gives the same fingerprint; any changed
 * cell, column name or row order gives another. Not a cryptographic hash: it
 * identifies datasets, it does not protect them.
 */
export function fingerprintTable(table: Table): string {
  // One lane pair, mixed with the row hash's step (./row-hash).
  const h1 = new Int32Array([0x9747b28c ^ table.rowCount])
  const h2 = new Int32Array([0x5bd1e995 ^ table.columns.length])
  const mix = (k: number): void => mixLanes(h1, h2, 0, k)
  const mixText = (text: string): void => {
    mix(text.length)
    for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i))
  }
  const scratch = new Float64Array(1)
  const words = new Int32Array(scratch.buffer)
  for (const column of table.columns) {
    mixText(column.name)
    mixText(column.type)
    if (column.type === 'number') {
      for (const v of column.values) {
        scratch[0] = Number.isNaN(v) ? NaN : v + 0 // one NaN bit pattern; -0 becomes 0
        mix(words[0])
        mix(words[1])
      }
    } else {
      // Hash values, not codes, so level order (file order) does not matter beyond the values themselves.
      const levelHashes = column.levels.map((level) => textHash(level))
      for (const code of column.codes) mix(code < 0 ? 0x7fffffff : levelHashes[code])
    }
  }
  const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0')
  return hex(finalMix(h1[0] ^ h2[0])) + hex(finalMix(h2[0] + h1[0]))
}

function textHash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h | 0
}
