import { StudioError } from '../errors'
import { buildColumn } from '../table/column-builder'
import type { Column, Table } from '../types'

/** One input column a fitted pipeline expects, by name and storage type. */
export interface InputColumn {
  name: string
  type: 'number' | 'category'
  /** Categories seen in training (category columns), for forms and validation. */
  categories?: string[]
}

/** Describes the named columns of a table as an input schema. */
export function describeInputs(table: Table, names: readonly string[]): InputColumn[] {
  return names.map((name) => {
    const column = requireColumn(table, name)
    if (column.type === 'number') return { name, type: 'number' }
    const used = new Uint8Array(column.levels.length)
    for (const code of column.codes) if (code >= 0) used[code] = 1
    return { name, type: 'category', categories: column.levels.filter((_, i) => used[i]).sort() }
  })
}

/**
 * Returns a table with exactly the schema's columns, in schema order and with
 * the schema's storage types. A number column that arrives as text is parsed,
 * and a value that is not a number is an error naming the column, row and value;
 * a category column that arrives as numbers is read as their text. Extra
 * columns are ignored; a missing column is an error that names it.
 */
export function alignToSchema(table: Table, schema: readonly InputColumn[]): Table {
  const missing = schema.filter((s) => !table.columns.some((c) => c.name === s.name)).map((s) => s.name)
  if (missing.length > 0) {
    throw new StudioError('schema-missing-column', `schema: "${table.name}" lacks the column(s) the model needs: ${missing.join(', ')}`)
  }
  const columns = schema.map((spec): Column => {
    const column = requireColumn(table, spec.name)
    if (column.type === spec.type) return column
    if (spec.type === 'category') {
      const cells = Array.from((column as Extract<Column, { type: 'number' }>).values, (v) => (Number.isNaN(v) ? null : String(v)))
      const rebuilt = buildColumn(spec.name, cells)
      if (rebuilt.type === 'category') return rebuilt
      // All cells were numbers; keep them as text categories.
      const levels: string[] = []
      const index = new Map<string, number>()
      const codes = new Int32Array(cells.length)
      cells.forEach((cell, i) => {
        if (cell === null) return void (codes[i] = -1)
        let code = index.get(cell)
        if (code === undefined) index.set(cell, (code = levels.push(cell) - 1))
        codes[i] = code
      })
      return { name: spec.name, type: 'category', codes, levels }
    }
    const source = column as Extract<Column, { type: 'category' }>
    const values = new Float64Array(source.codes.length)
    for (let i = 0; i < values.length; i++) {
      const code = source.codes[i]
      if (code < 0) values[i] = NaN
      else {
        const v = Number(source.levels[code])
        if (source.levels[code].trim() === '' || !Number.isFinite(v)) {
          throw new StudioError('schema-type', `schema: column "${spec.name}" must hold numbers, but row ${i + 1} holds "${source.levels[code]}"`)
        }
        values[i] = v
      }
    }
    return { name: spec.name, type: 'number', values }
  })
  return { name: table.name, rowCount: table.rowCount, columns }
}

function requireColumn(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name)
  if (!column) throw new StudioError('schema-missing-column', `schema: "${table.name}" has no column "${name}"`)
  return column
}
