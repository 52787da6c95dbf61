import type { Table } from '../../types'

export interface CsvWriteOptions {
  /** Field separator; ',' by default. */
  separator?: ',' | ';' | '\t'
  /** Line ending; '\r\n' by default, as RFC 4180 says. */
  newline?: '\r\n' | '\n'
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV
 * injection"): =, +, -, @, tab and carriage return at the start.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Writes a table as CSV text (RFC 4180): a header row, then one record per
 * row; fields with the separator, a quote, a line break or surrounding spaces
 * are quoted, quotes doubled. Numbers are written in their shortest
 * round-trip form (what String(x) gives; -0 as 0); a missing cell, or a
 * non-finite number, is an empty field. Text cells and column names that a
 * spreadsheet would run as a formula ("=HYPERLINK(…)", "+1", "-x", "@SUM")
 * are neutralised the OWASP way: prefixed with a single quote and quoted.
 * Numbers are never escaped: -3.5 stays -3.5. Category levels are encoded
 * once per level, not once per cell.
 */
export function tableToCsv(table: Table, options: CsvWriteOptions = {}): string {
  const separator = options.separator ?? ','
  const newline = options.newline ?? '\r\n'
  const columns = table.columns
  const encoded = columns.map((c) => (c.type === 'category' ? c.levels.map((level) => csvText(level, separator)) : null))
  const lines = new Array<string>(table.rowCount + 1)
  lines[0] = columns.map((c) => csvText(c.name, separator)).join(separator)
  const fields = new Array<string>(columns.length)
  for (let r = 0; r < table.rowCount; r++) {
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c]
      if (column.type === 'number') {
        const v = column.values[r]
        fields[c] = Number.isFinite(v) ? (v === 0 ? '0' : String(v)) : ''
      } else {
        const code = column.codes[r]
        fields[c] = code < 0 ? '' : (encoded[c] as string[])[code]
      }
    }
    lines[r + 1] = fields.join(separator)
  }
  return lines.join(newline) + newline
}

/** One text field, escaped against formula injection and quoted when needed. */
export function csvText(text: string, separator: string = ','): string {
  let value = text
  let quote = false
  if (FORMULA_START.test(value) || FORMULA_START.test(value.trimStart())) {
    value = `'${value}`
    quote = true
  }
  if (value.includes('"')) {
    value = value.replace(/"/g, '""')
    quote = true
  }
  if (!quote && (value.includes(separator) || value.includes('\n') || value.includes('\r') || value !== value.trim() || value === '')) quote = true
  return quote ? `"${value}"` : value
}
