/** Small builders for hand-made tables in the table tests. */
import type { CategoryColumn, Column, NumericColumn, Table } from '../../../../src/core/types'

/** A numeric column; null marks a missing cell. */
export function num(name: string, values: (number | null)[]): NumericColumn {
  return { name, type: 'number', values: Float64Array.from(values, (v) => (v === null ? NaN : v)) }
}

/** A category column, levels in order of first appearance; null marks a missing cell. */
export function cat(name: string, values: (string | null)[]): CategoryColumn {
  const levels: string[] = []
  const index = new Map<string, number>()
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1
    if (!index.has(v)) {
      index.set(v, levels.length)
      levels.push(v)
    }
    return index.get(v) as number
  })
  return { name, type: 'category', codes, levels }
}

/** A table of equally long columns. */
export function tableOf(...columns: Column[]): Table {
  const rowCount = columns.length === 0 ? 0 : columns[0].type === 'number' ? columns[0].values.length : columns[0].codes.length
  return { name: 't', rowCount, columns }
}

/** A seeded pseudo-random generator (mulberry32), so generated tests are reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
