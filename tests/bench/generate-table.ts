/**
 * Generated tables for benchmarks: `rows` × 30 columns of clinical-looking
 * data (24 numeric with ~1% missing, 5 categorical, a binary label), seeded so
 * every run measures the same bytes. Written as CSV and as Parquet.
 */
import { parquetWriteBuffer } from 'hyparquet-writer'
import { createRandom } from '../../src/core/random'

export interface GeneratedTable {
  names: string[]
  numeric: Float64Array[]
  categorical: { levels: string[]; codes: Int32Array }[]
  label: Int32Array
}

const CATEGORIES = [
  ['female', 'male'],
  ['RRMS', 'SPMS', 'PPMS'],
  ['none', 'former', 'current'],
  ['A', 'B', 'C', 'D', 'E', 'F'],
  ['north', 'south', 'east', 'west'],
]

export function generateTable(rows: number, seed = 7): GeneratedTable {
  const random = createRandom(seed)
  const numeric = Array.from({ length: 24 }, () => new Float64Array(rows))
  const categorical = CATEGORIES.map((levels) => ({ levels, codes: new Int32Array(rows) }))
  const label = new Int32Array(rows)
  for (let i = 0; i < rows; i++) {
    let score = 0
    for (let j = 0; j < 24; j++) {
      const base = j < 8 ? random.normal() : j < 16 ? numeric[j - 8][i] * 0.8 + random.normal() * 0.6 : random.normal()
      numeric[j][i] = Math.round((50 + 10 * base) * 1000) / 1000
      if (j < 6) score += base * (j % 2 ? -0.6 : 0.8)
    }
    categorical.forEach((c) => (c.codes[i] = random.int(c.levels.length)))
    score += categorical[1].codes[i] === 2 ? 0.7 : 0
    label[i] = (random.next() < 0.05 ? score < 0 : score > 0) ? 1 : 0
    for (let j = 0; j < 24; j++) if (random.next() < 0.01) numeric[j][i] = NaN
  }
  const names = [...numeric.map((_, j) => `x${j + 1}`), 'sex', 'ms_type', 'smoking', 'site_group', 'region', 'outcome']
  return { names, numeric, categorical, label }
}

export function tableToCsvText(t: GeneratedTable): string {
  const lines: string[] = [t.names.join(',')]
  const rows = t.label.length
  for (let i = 0; i < rows; i++) {
    const cells: string[] = []
    for (const col of t.numeric) cells.push(Number.isNaN(col[i]) ? '' : String(col[i]))
    for (const c of t.categorical) cells.push(c.levels[c.codes[i]])
    cells.push(String(t.label[i]))
    lines.push(cells.join(','))
  }
  return lines.join('\n') + '\n'
}

export function tableToParquetBuffer(t: GeneratedTable): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: [
      ...t.numeric.map((col, j) => ({ name: t.names[j], data: Array.from(col, (v) => (Number.isNaN(v) ? null : v)), type: 'DOUBLE' as const })),
      ...t.categorical.map((c, k) => ({ name: t.names[24 + k], data: Array.from(c.codes, (code) => c.levels[code]), type: 'STRING' as const })),
      { name: 'outcome', data: Array.from(t.label, (v) => v), type: 'DOUBLE' as const },
    ],
  })
}
