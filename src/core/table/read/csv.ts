import Papa from 'papaparse'
import { StudioError } from '../../errors'
import type { ProgressCallback, Table } from '../../types'
import { ColumnAccumulator, uniqueColumnNames } from '../column-builder'
import { readDecimalCommas } from './csv-numbers'
import type { ReaderFinding } from './reader-findings'

export interface ReadResult {
  table: Table
  /** Things the reader changed or noticed that the user should know, as sentences. */
  warnings: string[]
  /**
   * The same findings with their kind, for those the reader can classify
   * (optional: a plain message becomes a general finding; reader-findings.ts).
   */
  findings?: ReaderFinding[]
}

/**
 * Decodes file bytes as text: UTF-8 when valid (a byte-order mark is dropped),
 * otherwise Windows-1252, which is what spreadsheet exports on hospital PCs use.
 */
export function decodeText(bytes: Uint8Array, fileName: string): { text: string; encoding: string } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
    return { text, encoding: 'utf-8' }
  } catch {
    try {
      return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' }
    } catch {
      throw new StudioError('not-text', `csv: "${fileName}" is not valid UTF-8 text`)
    }
  }
}

/**
 * Parses CSV text (comma, semicolon, tab or pipe separated; quoted fields may
 * hold separators and line breaks) into a Table. The first record is the header.
 * Rows with a different number of fields than the header are an error that names
 * the first such row, because silently padding them shifts values between columns.
 * Records are parsed in chunks straight into typed columns, so a million-row file
 * never exists as a million arrays of strings. When the separator is not a
 * comma, columns of numbers written with a decimal comma ("3,5", "1.234,5")
 * are read as numbers (csv-numbers.ts) and a finding says so.
 */
export function parseCsv(text: string, fileName: string, onProgress?: ProgressCallback): ReadResult {
  if (text.trim() === '') throw new StudioError('empty-file', `csv: "${fileName}" has no content`)
  let header: string[] | null = null
  let builders: ColumnAccumulator[] = []
  let width = 0
  let rowCount = 0
  let failure: StudioError | null = null
  let warnings: string[] = []
  let delimiter = ','
  const capacity = Math.min(1 << 20, Math.max(1024, Math.round(text.length / 64)))
  // String input is parsed synchronously; `chunk` sees about 4 MB of records at a time.
  const config = {
    skipEmptyLines: 'greedy',
    header: false,
    chunkSize: 4 << 20,
    chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
      const quoteError = results.errors.find((e) => e.type === 'Quotes')
      if (quoteError) {
        failure = new StudioError('csv-quotes', `csv: "${fileName}" row ${rowCount + 2 + (quoteError.row ?? 0)}: ${quoteError.message.toLowerCase()}`)
        return parser.abort()
      }
      const records = results.data
      let start = 0
      if (header === null) {
        if (records.length === 0) return
        const first = records[0]
        header = first
        delimiter = results.meta.delimiter
        width = first.length
        const unique = uniqueColumnNames(first)
        warnings = unique.warnings
        builders = unique.names.map((name) => new ColumnAccumulator(name, capacity, delimiter !== ','))
        start = 1
      }
      for (let r = start; r < records.length; r++) {
        const record = records[r]
        if (record.length !== width) {
          failure = new StudioError(
            'ragged-rows',
            `csv: "${fileName}" row ${rowCount + 2} has ${record.length} field(s) but the header has ${width}; ` +
              'check for an unquoted separator or a missing value in that row',
          )
          return parser.abort()
        }
        for (let c = 0; c < width; c++) builders[c].set(rowCount, record[c])
        rowCount++
      }
      onProgress?.({ stage: 'read', done: results.meta.cursor, total: text.length, message: `${rowCount.toLocaleString('en-US')} rows read` })
    },
  }
  Papa.parse<string[]>(text, config as unknown as Papa.ParseConfig<string[]>)
  if (failure) throw failure
  if (header === null) throw new StudioError('empty-file', `csv: "${fileName}" has no content`)
  const headerRow = header as string[]
  if (rowCount === 0) {
    throw new StudioError('no-rows', `csv: "${fileName}" has a header of ${headerRow.length} column(s) but no data rows`)
  }
  let columns = builders.map((b) => b.finish(rowCount))
  const findings: ReaderFinding[] = []
  if (delimiter !== ',') {
    const read = readDecimalCommas(columns, builders)
    columns = read.columns
    findings.push(...read.findings)
  }
  if (width === 1 && looksLikeProse(headerRow[0])) {
    findings.push({
      kind: 'single-column',
      severity: 'warning',
      message: `"${fileName}" was read as a single column; if it should have several, check the separator (comma, semicolon, tab or |).`,
    })
  }
  warnings.push(...findings.map((f) => f.message))
  return { table: { name: fileName, rowCount, columns }, warnings, findings }
}

/** How the single-column finding is worded, for readerFindings to recognise it from its message alone. */
export const SINGLE_COLUMN_MESSAGE = /" was read as a single column; if it should have several, check the separator/

function looksLikeProse(headerCell: string): boolean {
  return headerCell.trim().split(/\s+/).length > 3
}
