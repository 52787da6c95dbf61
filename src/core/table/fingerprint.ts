import type { Table } from '../types'

/**
 * A content fingerprint of a table: 64 bits of a MurmurHash3-style mix over
 * column names, storage types and cell values, as 16 hex digits. The same data
 * read from CSV or from its Parquet copy gives the same fingerprint; any changed
 * cell, column name or row order gives another. Not a cryptographic hash: it
 * identifies datasets, it does not protect them.
 */
export function fingerprintTable(table: Table): string {
  let h1 = 0x9747b28c ^ table.rowCount
  let h2 = 0x5bd1e995 ^ table.columns.length
  const mix = (k: number): void => {
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    h1 ^= k
    h1 = (h1 << 13) | (h1 >>> 19)
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0
    h2 ^= Math.imul(k ^ (k >>> 16), 0x85ebca6b)
    h2 = (h2 << 17) | (h2 >>> 15)
    h2 = (Math.imul(h2, 9) + h1) | 0
  }
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
  return hex(finalMix(h1 ^ h2)) + hex(finalMix(h2 + h1))
}

function textHash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h | 0
}

function finalMix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
