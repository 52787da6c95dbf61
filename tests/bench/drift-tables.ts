import { createRandom } from '../../src/core/random'
import type { Column, Table } from '../../src/core/types'

/**
 * Synthetic reference/current tables for timing drift: `columns` columns
 * (every tenth a category with 8 levels, the rest numbers — normal, skewed,
 * integer-valued) × `rows` rows; the current table shifts every third column
 * so the report has drifted and undrifted columns. Deterministic per seed.
 * For `npm run bench -- drift` (H4) and the speed check in drift-speed.ts.
 */
export function driftBenchTables(rows: number, columns: number, seed = 13): { reference: Table; current: Table } {
  return { reference: makeTable('reference', rows, columns, seed, false), current: makeTable('current', rows, columns, seed + 1, true) }
}

function makeTable(name: string, rows: number, count: number, seed: number, shifted: boolean): Table {
  const random = createRandom(seed)
  const columns: Column[] = []
  for (let j = 0; j < count; j++) {
    const shift = shifted && j % 3 === 0 ? 0.3 : 0
    if (j % 10 === 9) {
      const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
      const codes = new Int32Array(rows)
      for (let i = 0; i < rows; i++) codes[i] = random.next() < 0.01 ? -1 : Math.min(7, Math.floor(Math.abs(random.normal() + shift) * 3))
      columns.push({ name: `c${j}`, type: 'category', codes, levels })
      continue
    }
    const values = new Float64Array(rows)
    const kind = j % 3
    for (let i = 0; i < rows; i++) {
      const z = random.normal() + shift
      values[i] = random.next() < 0.02 ? NaN : kind === 0 ? 50 + 10 * z : kind === 1 ? Math.exp(z / 2) : Math.round(20 + 5 * z)
    }
    columns.push({ name: `c${j}`, type: 'number', values })
  }
  return { name, rowCount: rows, columns }
}
