import type { Column, Table } from '../types'

/** The column called `name`, or an error naming it and the columns that exist. */
export function getColumn(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name)
  if (!column) {
    const known = table.columns.map((c) => c.name)
    const shown = known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ')
    throw new Error(`table: no column "${name}" in "${table.name}" (columns: ${shown})`)
  }
  return column
}

/** True when row `row` of `column` is missing. */
export function isMissing(column: Column, row: number): boolean {
  return column.type === 'number' ? Number.isNaN(column.values[row]) : column.codes[row] < 0
}

/** The cell as display text ('' when missing). */
export function cellText(column: Column, row: number): string {
  if (column.type === 'number') {
    const v = column.values[row]
    return Number.isNaN(v) ? '' : String(v)
  }
  const code = column.codes[row]
  return code < 0 ? '' : column.levels[code]
}

/** A new table holding only the given rows, in the given order. */
export function takeRows(table: Table, rows: ArrayLike<number>): Table {
  const n = rows.length
  const columns: Column[] = table.columns.map((column) => {
    if (column.type === 'number') {
      const values = new Float64Array(n)
      for (let i = 0; i < n; i++) values[i] = column.values[rows[i]]
      return { name: column.name, type: 'number', values }
    }
    const codes = new Int32Array(n)
    for (let i = 0; i < n; i++) codes[i] = column.codes[rows[i]]
    return { name: column.name, type: 'category', codes, levels: column.levels }
  })
  return { name: table.name, rowCount: n, columns }
}

/** The typed-array buffers of a table, each once (columns may share one: Float64Slab), for transferring it to or from a worker. */
export function tableBuffers(table: Table): ArrayBuffer[] {
  return [...new Set(table.columns.map((c) => (c.type === 'number' ? c.values.buffer : c.codes.buffer) as ArrayBuffer))]
}
