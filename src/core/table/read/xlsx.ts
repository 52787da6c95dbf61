/**
 * Reads one sheet of an Excel workbook (.xlsx, Office Open XML) into a Table:
 * the first visible sheet, or the one named in `options.sheet`. The first
 * non-empty row is the header (merged header cells resolved, see
 * xlsx-header.ts); empty rows and columns are dropped; numbers stay numbers,
 * dates become ISO text, booleans "true"/"false", formulas their saved result,
 * and error cells are missing and reported. Findings go to `warnings`.
 *
 * Safety (xlsx-limits.ts): the ZIP's entry count and each part's declared
 * size are checked before anything is inflated, inflation stops the moment a
 * part exceeds its declared size, the sheet is parsed in chunks as it
 * inflates, XML with a DTD is refused, and the table is capped in cells.
 *
 * Old binary workbooks (.xls) and password-protected ones are not ZIP files;
 * read-file.ts refuses them with a message saying to save as .xlsx or CSV.
 *
 * Why not a library: `xlsx` 0.18.5 on npm carries a prototype-pollution and a
 * ReDoS advisory; its fixed builds (and the @e965/xlsx republish, 123 KB gzip)
 * and exceljs (270 KB gzip, unmaintained Node-stream dependencies) are large;
 * read-excel-file (19 KB gzip) drops merged cells and error cells silently. None
 * lets the caller cap inflation per part. Only DEFLATE comes from a library
 * (fflate's streaming inflater, 2 KB gzip); the SpreadsheetML subset a table
 * needs is small enough to read here, with every limit in our hands.
 */
import { StudioError } from '../../errors'
import type { ProgressCallback } from '../../types'
import type { ReadResult } from './csv'
import type { ReaderFinding } from './reader-findings'
import { DEFAULT_XLSX_LIMITS, type XlsxLimits } from './xlsx-limits'
import { SheetReader } from './xlsx-sheet'
import { EmptySheetError, SheetTableBuilder } from './xlsx-table'
import { readWorkbookInfo, type SheetInfo, type WorkbookInfo } from './xlsx-workbook'
import { XmlStream } from './xlsx-xml'
import { inflateEntry, readZipDirectory, type ZipDirectory } from './xlsx-zip'

export interface XlsxOptions {
  /** The sheet to read, by name; absent: the first visible sheet with data. */
  sheet?: string
  /** Tighter or looser limits than DEFAULT_XLSX_LIMITS (tests use small ones). */
  limits?: Partial<XlsxLimits>
}

export interface XlsxReadResult extends ReadResult {
  /** Every worksheet of the workbook, in tab order. */
  sheets: string[]
  /** The sheet that was read. */
  sheet: string
}

/** Progress is reported at most once per this many compressed bytes. */
const PROGRESS_STEP = 256 * 1024

/** True when the bytes start like a ZIP archive ("PK\x03\x04", or "PK\x05\x06" for an empty one). */
export function hasZipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)
}

/** Reads a sheet of the workbook in `bytes` (see the module comment). */
export function readXlsx(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback, options: XlsxOptions = {}): XlsxReadResult {
  const limits: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, ...options.limits }
  const zip = readZipDirectory(bytes, fileName, limits)
  const book = readWorkbookInfo(bytes, zip, fileName, limits)
  const names = book.sheets.map((s) => s.name)
  const others = (sheet: string) => names.filter((n) => n !== sheet)

  if (options.sheet !== undefined) {
    const sheet = findSheet(book.sheets, options.sheet, fileName)
    const result = readSheet(bytes, zip, book, sheet, fileName, limits, onProgress)
    if (!result) throw new StudioError('xlsx-empty-sheet', `xlsx: sheet "${sheet.name}" of "${fileName}" is empty; the workbook's sheets are ${quoteList(names)}`)
    const note = names.length > 1 ? [`sheet "${sheet.name}" was read; the workbook also has ${quoteList(others(sheet.name))}`] : []
    return { ...result, warnings: [...note, ...result.warnings], findings: sheetFindings(note), sheets: names, sheet: sheet.name }
  }

  // Visible sheets first, in tab order; an empty one is passed over (and said so).
  const candidates = [...book.sheets.filter((s) => !s.hidden), ...book.sheets.filter((s) => s.hidden)]
  const empty: string[] = []
  for (const sheet of candidates) {
    const result = readSheet(bytes, zip, book, sheet, fileName, limits, onProgress)
    if (!result) {
      empty.push(sheet.name)
      continue
    }
    const notes: string[] = []
    if (names.length > 1) {
      const first = sheet.name === names[0] ? 'the first' : 'the first visible one'
      const which = empty.length > 0 ? `sheet ${quoteList(empty)} ${empty.length === 1 ? 'is' : 'are'} empty, so "${sheet.name}" was read` : `${first}, "${sheet.name}", was read`
      const rest = others(sheet.name)
      notes.push(`the workbook has ${names.length} sheets and ${which}; ${rest.length === 1 ? 'the other is' : 'the others are'} ${quoteList(rest)}`)
    }
    return { ...result, warnings: [...notes, ...result.warnings], findings: sheetFindings(notes), sheets: names, sheet: sheet.name }
  }
  throw new StudioError('xlsx-empty-sheet', `xlsx: "${fileName}" has no data: ${names.length === 1 ? `its sheet "${names[0]}" is` : `its sheets ${quoteList(names)} are`} empty`)
}

/** Which sheet was read is a note, not a problem: an info finding (other reader messages stay warnings). */
function sheetFindings(notes: string[]): ReaderFinding[] {
  return notes.map((message) => ({ kind: 'reader', severity: 'info', message }))
}

/** The sheet named `wanted`: exactly, or else ignoring case and surrounding spaces. */
function findSheet(sheets: SheetInfo[], wanted: string, fileName: string): SheetInfo {
  const exact = sheets.find((s) => s.name === wanted)
  if (exact) return exact
  const loose = sheets.filter((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase())
  if (loose.length === 1) return loose[0]
  throw new StudioError('xlsx-unknown-sheet', `xlsx: "${fileName}" has no sheet "${wanted}"; its sheets are ${quoteList(sheets.map((s) => s.name))}`)
}

/** One sheet as a table, or null when it has no non-empty row. */
function readSheet(
  bytes: Uint8Array,
  zip: ZipDirectory,
  book: WorkbookInfo,
  sheet: SheetInfo,
  fileName: string,
  limits: XlsxLimits,
  onProgress?: ProgressCallback,
): ReadResult | null {
  const what = `sheet "${sheet.name}" of "${fileName}"`
  const entry = zip.get(sheet.path.toLowerCase())
  if (!entry) throw new StudioError('xlsx-damaged', `xlsx: ${what} is missing from the file (no part "${sheet.path}"); the file may be damaged — export it again`)
  const builder = new SheetTableBuilder(what, limits.maxCells)
  const reader = new SheetReader(book, builder, what)
  const xml = new XmlStream(reader, what)
  const decoder = new TextDecoder()
  let reported = 0
  inflateEntry(
    bytes,
    entry,
    fileName,
    limits.maxSheetBytes,
    (chunk) => xml.push(decoder.decode(chunk, { stream: true })),
    (consumed) => {
      if (consumed - reported < PROGRESS_STEP && consumed < entry.compressedSize) return
      reported = consumed
      onProgress?.({ stage: 'read', done: consumed, total: entry.compressedSize, message: `${builder.rowsRead.toLocaleString('en-US')} rows read from sheet "${sheet.name}"` })
    },
  )
  xml.push(decoder.decode(), true)
  try {
    return builder.finish(fileName, reader.merges)
  } catch (error) {
    if (error instanceof EmptySheetError) return null
    throw error
  }
}

function quoteList(names: string[]): string {
  return names.map((n) => `"${n}"`).join(', ')
}
