/**
 * The one row hash of the studio: two 32-bit MurmurHash3-style lanes (64 bits)
 * per row, mixed column by column so each loop stays inside one typed array,
 * with no per-row strings or objects. Used wherever rows are compared by
 * content: duplicate rows in the profile (./duplicates) and the dedupe
 * cleaning step (core/clean/step-dedupe). A hash only finds candidates;
 * callers confirm a match with `rowsEqual`, so a collision never merges rows.
 * The table fingerprint (./fingerprint) uses the same lane mix (`mixLanes`).
 *
 * Equality is the table's: two missing cells are equal, a missing cell never
 * equals a value, and −0 equals 0; equal rows get equal hashes.
 *
 * The output is pinned by tests/unit/core/table/row-hash.test.ts: hashes are
 * not stored today, but the fingerprint built on the same mix is.
 */
import type { Column } from '../types'

/** Lane seeds of a row hash. */
const SEED1 = 0x9747b28c | 0
const SEED2 = 0x5bd1e995

/**
 * Mixes the 32-bit word `k` into lane pair `i` of `h1`/`h2` (one MurmurHash3
 * body step in lane 1; lane 2 is a second, differently rotated lane fed by
 * the same word and by lane 1).
 */
export function mixLanes(h1: Int32Array, h2: Int32Array, i: number, k: number): void {
  k = Math.imul(k, 0xcc9e2d51)
  k = (k << 15) | (k >>> 17)
  k = Math.imul(k, 0x1b873593)
  let a = h1[i] ^ k
  a = (a << 13) | (a >>> 19)
  a = (Math.imul(a, 5) + 0xe6546b64) | 0
  let b = h2[i] ^ Math.imul(k ^ (k >>> 16), 0x85ebca6b)
  b = (b << 17) | (b >>> 15)
  b = (Math.imul(b, 9) + a) | 0
  h1[i] = a
  h2[i] = b
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
export function finalMix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/**
 * Two 32-bit hashes per row over `columns`: of rows 0..rowCount-1, or, given
 * `rows`, of those row indices (entry i hashes row rows[i]). Rows equal by
 * `rowsEqual` get equal hashes.
 */
export function hashRows(columns: readonly Column[], rowCount: number, rows?: Int32Array): { h1: Int32Array; h2: Int32Array } {
  const n = rows ? rows.length : rowCount
  const h1 = new Int32Array(n).fill(SEED1)
  const h2 = new Int32Array(n).fill(SEED2)
  const scratch = new Float64Array(1)
  const words = new Int32Array(scratch.buffer)
  for (const column of columns) {
    if (column.type === 'number') {
      const values = column.values
      for (let i = 0; i < n; i++) {
        const v = values[rows ? rows[i] : i]
        // One bit pattern for every NaN and for ±0, so equal cells hash equally.
        scratch[0] = v !== v ? NaN : v + 0
        mixLanes(h1, h2, i, words[0])
        mixLanes(h1, h2, i, words[1])
      }
    } else {
      const codes = column.codes
      for (let i = 0; i < n; i++) mixLanes(h1, h2, i, codes[rows ? rows[i] : i])
    }
  }
  for (let i = 0; i < n; i++) {
    h1[i] = finalMix(h1[i] ^ h2[i])
    h2[i] = finalMix(h2[i] + h1[i])
  }
  return { h1, h2 }
}

/** True when rows `a` and `b` hold equal cells in every column (missing equals missing, −0 equals 0). */
export function rowsEqual(columns: readonly Column[], a: number, b: number): boolean {
  for (const column of columns) {
    if (column.type === 'number') {
      const x = column.values[a], y = column.values[b]
      if (x !== y && !(x !== x && y !== y)) return false
    } else if (column.codes[a] !== column.codes[b]) return false
  }
  return true
}
