/**
 * Numbers written the European way in a CSV file whose separator is not a
 * comma (a semicolon export from Excel or LibreOffice, or pandas'
 * `to_csv(sep=';', decimal=',')`): "3,5", "1.234,5", "1 234,5". The column
 * builder reads a column that consistently uses decimal commas straight into
 * numbers (column-builder.ts); a column it had to leave as text — "1.234"
 * next to "3,5", or both styles — is decided here once per distinct value
 * (number-text.ts: decimalStyle). Only an unambiguous column is converted; one
 * mixing "3.5" and "3,5" is kept as text and named in a finding. In a comma-separated file nothing here runs:
 * there a quoted "3,5" stays text, and the Clean page's convert step has a
 * decimal-comma option for it.
 */
import type { Column, NumericColumn } from '../../types'
import { decimalCommaExample, decimalStyle, parseCommaNumber } from '../number-text'
import type { ReaderFinding } from './reader-findings'
import { levelCounts } from './unit-values'

/** How this module words its findings, for readerFindings to recognise them when a wrapper passes only the messages on. */
export const DECIMAL_COMMA_MESSAGE = /^A decimal comma was detected: /
export const MIXED_DECIMAL_MESSAGE = / mixes numbers written with a decimal point and with a decimal comma /

/** What the column builder knows about column i (see ColumnAccumulator). */
export interface BuiltColumn {
  /** False when the levels are not the cells as written: the column is then left alone. */
  exactText: boolean
  /** True when the builder already read the column's numbers with a decimal comma. */
  readDecimalComma: boolean
  decimalCommaExample: string
}

/**
 * Converts every category column whose values are all decimal-comma numbers
 * into a number column, and reports every column read with a decimal comma
 * (by the builder or here) in one finding, and every column left as text for
 * mixing styles in one finding each.
 */
export function readDecimalCommas(columns: readonly Column[], built: readonly BuiltColumn[]): { columns: Column[]; findings: ReaderFinding[] } {
  const converted: string[] = []
  let example = ''
  const findings: ReaderFinding[] = []
  const showExample = (text: string) => {
    // The example shows a decimal at work ("3,5"), not "1,0".
    if (text && (!example || (Number.isInteger(parseCommaNumber(example)) && !Number.isInteger(parseCommaNumber(text))))) example = text
  }
  const out = columns.map((column, i) => {
    if (column.type === 'number' && built[i].readDecimalComma) {
      converted.push(column.name)
      showExample(built[i].decimalCommaExample)
      return column
    }
    if (column.type !== 'category' || !built[i].exactText) return column
    const counts = levelCounts(column)
    const { style, counts: kinds } = decimalStyle(column.levels, counts)
    if (kinds.other > 0) return column
    if (style === 'mixed') {
      const [a, b] = [kinds.examples.point ?? kinds.examples.ambiguous ?? '', kinds.examples.comma ?? '']
      findings.push({
        kind: 'mixed-decimal',
        severity: 'warning',
        columns: [column.name],
        message: `${column.name} mixes numbers written with a decimal point and with a decimal comma (e.g. "${a}" and "${b}"), so it was kept as text. Convert it on the Clean page once you know which is meant.`,
      })
      return column
    }
    if (style !== 'comma') return column
    const byLevel = column.levels.map((level) => parseCommaNumber(level))
    const values = new Float64Array(column.codes.length)
    for (let r = 0; r < values.length; r++) {
      const code = column.codes[r]
      values[r] = code < 0 ? NaN : byLevel[code]
    }
    converted.push(column.name)
    showExample(decimalCommaExample(column.levels, counts))
    const numeric: NumericColumn = { name: column.name, type: 'number', values, ...(column.description ? { description: column.description } : {}) }
    return numeric
  })
  if (converted.length > 0) {
    const where = converted.length === 1 ? `column ${listColumns(converted)}` : `${converted.length} columns: ${listColumns(converted)}`
    findings.unshift({
      kind: 'decimal-comma',
      severity: 'info',
      columns: converted,
      message: `A decimal comma was detected: numbers such as "${example}" were read as numbers (${parseCommaNumber(example)}) in ${where}.`,
    })
  }
  return { columns: out, findings }
}

/** "a", "a and b", "a, b and c"; after 10 names "… and 5 more". */
function listColumns(names: readonly string[], limit = 10): string {
  const shown = names.slice(0, limit)
  if (names.length > limit) return `${shown.join(', ')} and ${names.length - limit} more`
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}
