import { Float64Slab } from '../table/column-slab'
import { isMissingToken } from '../table/missing'
import { parsePlainNumber } from '../table/number-text'
import type { Column, Table } from '../types'
import { InputError } from './input-error'
import type { RecordsInput } from './predict-types'

/** What a request must carry per column: its name and how its cells are read. */
export interface RecordColumn {
  name: string
  type: 'number' | 'category'
  /**
   * A text column the cleaning reads as numbers written with a decimal comma:
   * a JSON number sent for it is written that way ("72,5"), so the conversion
   * reads the very number that was sent.
   */
  decimalComma?: boolean
}

/** A table built from a request, and the warnings about it (once per batch). */
export interface RecordsTable {
  table: Table
  warnings: string[]
}

/**
 * Builds the table of a request's rows with exactly the `schema` columns (the
 * raw input schema), in schema order:
 * - number columns take numbers and numeric text ("42", " 3.5 ", "1e3"), as
 *   the CSV reader reads a number;
 * - category columns take text, numbers as their shortest text (7 → "7") and
 *   booleans as "true"/"false";
 * - null, an absent value or a missing-value token ("", "NA", "null", …, as
 *   the file readers read them) is a missing cell;
 * - columns the model does not use are ignored and named once in `warnings`.
 * Anything else throws InputError naming the row (0-based), the column and
 * what was expected. Nothing is compiled per request: one pass over the cells.
 */
export function recordsToTable(input: RecordsInput, schema: readonly RecordColumn[], name = 'request'): RecordsTable {
  const { columns, rows } = checkShape(input)
  const position = new Map<string, number>()
  columns.forEach((column, i) => {
    if (position.has(column)) throw new InputError('input-shape', `input: column "${column}" is given twice`, { column, expected: 'each column name once' })
    position.set(column, i)
  })
  const missing = schema.filter((c) => !position.has(c.name))
  if (missing.length > 0) {
    const first = missing[0]
    const list = missing.map((c) => `"${c.name}" (${c.type === 'number' ? 'a number' : 'text'})`).join(', ')
    throw new InputError('input-missing-column', `input: the model needs column${missing.length > 1 ? 's' : ''} ${list}, missing from the request`, {
      column: first.name,
      expected: `a column "${first.name}" of ${first.type === 'number' ? 'numbers' : 'text'}`,
    })
  }
  const n = rows.length
  const width = columns.length
  for (let r = 0; r < n; r++) {
    const row = rows[r]
    if (!Array.isArray(row)) throw new InputError('input-shape', `input: row ${r} is ${describe(row)}; expected a list of ${width} cells`, { row: r, expected: `a list of ${width} cells` })
    if (row.length !== width) {
      throw new InputError('input-shape', `input: row ${r} has ${row.length} cell${row.length === 1 ? '' : 's'}; expected ${width}, one per column`, { row: r, expected: `${width} cells, one per column` })
    }
  }
  const slab = new Float64Slab(n, schema.reduce((k, c) => k + (c.type === 'number' ? 1 : 0), 0))
  const out: Column[] = schema.map((spec) => {
    const at = position.get(spec.name) as number
    return spec.type === 'number' ? numberColumn(spec.name, rows as unknown[][], at, slab.next()) : categoryColumn(spec.name, rows as unknown[][], at, spec.decimalComma === true)
  })
  const warnings: string[] = []
  if (width > schema.length) {
    const used = new Set(schema.map((c) => c.name))
    const ignored = columns.filter((c) => !used.has(c))
    if (ignored.length > 0) warnings.push(`ignored column${ignored.length > 1 ? 's' : ''} the model does not use: ${ignored.map((c) => `"${c}"`).join(', ')}`)
  }
  return { table: { name, rowCount: n, columns: out }, warnings }
}

/**
 * Records as objects (MLflow's `dataframe_records`, `instances`) → columns and
 * rows: columns in order of first appearance, an absent key a null cell.
 */
export function recordsFromObjects(records: readonly Record<string, unknown>[]): RecordsInput {
  if (!Array.isArray(records)) throw new InputError('input-shape', `input: records are ${describe(records)}; expected a list of objects`, { expected: 'a list of objects' })
  const position = new Map<string, number>()
  const columns: string[] = []
  for (let r = 0; r < records.length; r++) {
    const record = records[r]
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new InputError('input-shape', `input: record ${r} is ${describe(record)}; expected an object of column → value`, { row: r, expected: 'an object of column → value' })
    }
    for (const key in record) {
      if (Object.prototype.hasOwnProperty.call(record, key) && !position.has(key)) {
        position.set(key, columns.length)
        columns.push(key)
      }
    }
  }
  const rows = records.map((record) => {
    const row: unknown[] = new Array(columns.length).fill(null)
    for (const key in record) if (Object.prototype.hasOwnProperty.call(record, key)) row[position.get(key) as number] = record[key]
    return row
  })
  return { columns, rows }
}

function checkShape(input: RecordsInput): RecordsInput {
  if (typeof input !== 'object' || input === null) throw new InputError('input-shape', `input: expected { columns, rows }, got ${describe(input)}`, { expected: 'an object with columns and rows' })
  const { columns, rows } = input
  if (!Array.isArray(columns)) throw new InputError('input-shape', `input: columns are ${describe(columns)}; expected a list of column names`, { expected: 'a list of column names' })
  const bad = columns.findIndex((c) => typeof c !== 'string')
  if (bad >= 0) throw new InputError('input-shape', `input: column name ${bad} is ${describe(columns[bad])}; expected text`, { expected: 'column names as text' })
  if (!Array.isArray(rows)) throw new InputError('input-shape', `input: rows are ${describe(rows)}; expected a list of rows`, { expected: 'a list of rows' })
  return input
}

/** Reads cell `at` of every row into `values` (zero-filled, one per row). */
function numberColumn(name: string, rows: unknown[][], at: number, values: Float64Array): Column {
  for (let r = 0; r < rows.length; r++) {
    const cell = rows[r][at]
    if (typeof cell === 'number') {
      // JSON cannot carry NaN or ±Infinity; a caller in code that passes them means "no value", as the pipeline reads them.
      values[r] = Number.isFinite(cell) ? cell : NaN
    } else if (cell === null || cell === undefined) {
      values[r] = NaN
    } else if (typeof cell === 'string') {
      const v = parsePlainNumber(cell)
      if (Number.isNaN(v) && !isMissingToken(cell)) throw typeError(r, name, 'a number', cell)
      values[r] = v
    } else {
      throw typeError(r, name, 'a number', cell)
    }
  }
  return { name, type: 'number', values }
}

/** A number as a text cell: its shortest round-trip text (-0 as 0), with a decimal comma when the column's cleaning reads that. */
function numberAsText(v: number, decimalComma: boolean): string {
  const text = Object.is(v, -0) ? '0' : String(v)
  return decimalComma ? text.replace('.', ',') : text
}

function categoryColumn(name: string, rows: unknown[][], at: number, decimalComma: boolean): Column {
  const codes = new Int32Array(rows.length)
  const levels: string[] = []
  const index = new Map<string, number>()
  for (let r = 0; r < rows.length; r++) {
    const cell = rows[r][at]
    let text: string
    if (typeof cell === 'string') text = cell
    else if (cell === null || cell === undefined) text = ''
    else if (typeof cell === 'number') text = Number.isFinite(cell) ? numberAsText(cell, decimalComma) : ''
    else if (typeof cell === 'boolean') text = cell ? 'true' : 'false'
    else throw typeError(r, name, 'text', cell)
    let code = index.get(text)
    if (code === undefined) {
      code = isMissingToken(text) ? -1 : levels.push(text) - 1
      index.set(text, code)
    }
    codes[r] = code
  }
  return { name, type: 'category', codes, levels }
}

function typeError(row: number, column: string, expected: string, got: unknown): InputError {
  return new InputError('input-type', `input: row ${row}, column "${column}": expected ${expected}, got ${describe(got)}`, { row, column, expected })
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)
  return String(value)
}

/**
 * A table read from a file (CLI, the page's batch) → the raw input schema's
 * columns, in schema order, read by the same rules as request cells: a
 * number column that arrives as text is parsed (missing tokens are missing;
 * anything else is an InputError naming the 0-based row and the value), a
 * category column that arrives as numbers holds their shortest text. A
 * missing column is an InputError listing every absent column.
 */
export function tableToSchema(table: Table, schema: readonly RecordColumn[]): Table {
  const byName = new Map(table.columns.map((c) => [c.name, c]))
  const missing = schema.filter((c) => !byName.has(c.name)).map((c) => c.name)
  if (missing.length > 0) {
    throw new InputError('input-missing-column', `input: "${table.name}" lacks the column(s) the model needs: ${missing.join(', ')}`, {
      column: missing[0],
      expected: `a column "${missing[0]}"`,
    })
  }
  const columns = schema.map((spec): Column => {
    const column = byName.get(spec.name) as Column
    if (column.type === spec.type) return column
    if (column.type === 'number') {
      const levels: string[] = []
      const index = new Map<number, number>()
      const codes = new Int32Array(column.values.length)
      column.values.forEach((v, i) => {
        if (!Number.isFinite(v)) return void (codes[i] = -1)
        const key = v === 0 ? 0 : v
        let code = index.get(key)
        if (code === undefined) index.set(key, (code = levels.push(numberAsText(key, spec.decimalComma === true)) - 1))
        codes[i] = code
      })
      return { name: spec.name, type: 'category', codes, levels }
    }
    const byLevel = column.levels.map((level) => (isMissingToken(level) ? NaN : parsePlainNumber(level)))
    const values = new Float64Array(column.codes.length)
    for (let i = 0; i < values.length; i++) {
      const code = column.codes[i]
      if (code < 0) values[i] = NaN
      else if (Number.isNaN(byLevel[code]) && !isMissingToken(column.levels[code])) {
        // A file's reader counts data rows from 1: say so in the message; the field stays 0-based as for requests.
        throw new InputError('input-type', `input: column "${spec.name}" must hold numbers, but row ${i + 1} of "${table.name}" holds ${describe(column.levels[code])}`, { row: i, column: spec.name, expected: 'a number' })
      }
      else values[i] = byLevel[code]
    }
    return { name: spec.name, type: 'number', values }
  })
  return { name: table.name, rowCount: table.rowCount, columns }
}
