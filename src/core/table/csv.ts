import Papa from 'papaparse'
import { StudioError } from '../errors'
import type { Table } from '../types'
import { buildColumn, uniqueColumnNames } from './column-builder'

export interface ReadResult {
  table: Table
  /** Things the reader changed or noticed that the user should know. */
  warnings: string[]
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
 */
export function parseCsv(text: string, fileName: string): ReadResult {
  if (text.trim() === '') throw new StudioError('empty-file', `csv: "${fileName}" has no content`)
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', header: false })
  const fatal = parsed.errors.find((e) => e.type === 'Quotes')
  if (fatal) {
    throw new StudioError('csv-quotes', `csv: "${fileName}" row ${fatal.row === undefined ? '?' : fatal.row + 1}: ${fatal.message.toLowerCase()}`)
  }
  const records = parsed.data
  const header = records[0]
  if (records.length < 2) {
    throw new StudioError('no-rows', `csv: "${fileName}" has a header of ${header.length} column(s) but no data rows`)
  }
  const width = header.length
  for (let r = 1; r < records.length; r++) {
    if (records[r].length !== width) {
      throw new StudioError(
        'ragged-rows',
        `csv: "${fileName}" row ${r + 1} has ${records[r].length} field(s) but the header has ${width}; ` +
          'check for an unquoted separator or a missing value in that row',
      )
    }
  }
  const { names, warnings } = uniqueColumnNames(header)
  const rowCount = records.length - 1
  const columns = names.map((name, c) => {
    const cells = new Array<string>(rowCount)
    for (let r = 0; r < rowCount; r++) cells[r] = records[r + 1][c]
    return buildColumn(name, cells)
  })
  if (width === 1 && parsed.meta.delimiter && looksLikeProse(header[0])) {
    warnings.push(`"${fileName}" was read as a single column; if it should have several, check the separator`)
  }
  return { table: { name: fileName, rowCount, columns }, warnings }
}

function looksLikeProse(headerCell: string): boolean {
  return headerCell.trim().split(/\s+/).length > 3
}
