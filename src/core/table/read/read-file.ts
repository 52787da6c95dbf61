import type { ProgressCallback } from '../../types'
import { StudioError } from '../../errors'
import { decodeText, parseCsv, type ReadResult } from './csv'
import { gunzipFile, hasGzipMagic, type GunzipOptions } from './gzip'
import { hasParquetMagic, parseParquet } from './parquet'
import { hasZipMagic, readXlsx } from './xlsx'

export type FileFormat = 'csv' | 'parquet' | 'xlsx'

export interface LoadedFile extends ReadResult {
  format: FileFormat
  /** Set when the file was compressed as a whole ("patients.csv.gz"); `format` is what it held. */
  compression?: 'gzip'
  /** The file's size as given (compressed, for a gzip file). */
  byteLength: number
  /** For an Excel workbook: its sheets in tab order and the one read. */
  workbook?: { sheets: string[]; sheet: string }
}

/** How to read a file; every field is optional (gzip: the decompressor to use and its cap). */
export interface ReadOptions extends GunzipOptions {
  /** For an Excel workbook: the sheet to read (default: the first with data). Refused for other formats. */
  sheet?: string
}

/**
 * Reads a data file whatever its name says: a gzip file is unpacked first
 * (its name, ".gz" and all, stays the dataset's name), Parquet and Excel
 * workbooks are recognised by their first bytes, text by decoding; anything
 * else (old .xls workbooks, images, archives) gets a message saying what the
 * file looks like and what to do instead.
 */
export async function readDataFile(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback, options: ReadOptions = {}): Promise<LoadedFile> {
  if (bytes.length === 0) throw new StudioError('empty-file', `file "${fileName}" is empty (0 bytes)`)
  if (hasGzipMagic(bytes)) return readGzip(bytes, fileName, onProgress, options)
  if (hasZipMagic(bytes) || isCompoundFile(bytes)) return readWorkbook(bytes, fileName, onProgress, options)
  if (options.sheet !== undefined) {
    throw new StudioError('sheet-not-workbook', `file "${fileName}" is not an Excel workbook, so it has no sheet "${options.sheet}"; choose a sheet only for .xlsx files`)
  }
  if (hasParquetMagic(bytes)) {
    return { ...(await parseParquet(bytes, fileName, onProgress)), format: 'parquet', byteLength: bytes.length }
  }
  if (/\.parquet(\.gz)?$/i.test(fileName)) {
    throw new StudioError('parquet-invalid', `parquet: "${fileName}" is not a Parquet file (it does not start with "PAR1")`)
  }
  const binaryKind = recogniseBinary(bytes)
  if (binaryKind) {
    throw new StudioError('unsupported-format', `file "${fileName}" looks like ${binaryKind}, not a CSV, Parquet or Excel file; export it as CSV (comma-separated), Parquet or Excel (.xlsx)`)
  }
  const { text } = decodeText(bytes, fileName)
  const start = text.trimStart()
  if (start.startsWith('{') || start.startsWith('[') || start.startsWith('<')) {
    const kind = start.startsWith('<') ? 'HTML or XML' : 'JSON'
    throw new StudioError('unsupported-format', `file "${fileName}" looks like ${kind}, not a CSV, Parquet or Excel file`)
  }
  return { ...parseCsv(text, fileName, onProgress), format: 'csv', byteLength: bytes.length }
}

/** Unpacks a gzip file and reads what it holds, keeping the file's name; one layer only. */
async function readGzip(bytes: Uint8Array, fileName: string, onProgress: ProgressCallback | undefined, options: ReadOptions): Promise<LoadedFile> {
  const inner = await gunzipFile(bytes, fileName, options, onProgress)
  if (hasGzipMagic(inner)) {
    throw new StudioError('gzip-nested', `file "${fileName}" holds another gzip file inside; unpack it once (e.g. with gunzip or 7-Zip) and open what it holds`)
  }
  return { ...(await readDataFile(inner, fileName, onProgress, options)), compression: 'gzip', byteLength: bytes.length }
}

/** An Excel workbook (xlsx.ts); an old .xls or a password-protected one (both Compound Files) is refused. */
function readWorkbook(bytes: Uint8Array, fileName: string, onProgress: ProgressCallback | undefined, options: ReadOptions): LoadedFile {
  if (!hasZipMagic(bytes)) {
    throw new StudioError(
      'xls-unsupported',
      `file "${fileName}" is an old-format Excel workbook (.xls) or a password-protected one; open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx) without a password, or as CSV`,
    )
  }
  const { sheets, sheet, ...read } = readXlsx(bytes, fileName, onProgress, { sheet: options.sheet })
  return { ...read, format: 'xlsx', byteLength: bytes.length, workbook: { sheets, sheet } }
}

/** Microsoft's Compound File container: old .xls workbooks, and password-protected .xlsx ones. */
function isCompoundFile(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1
}

function recogniseBinary(bytes: Uint8Array): string | null {
  const b = bytes
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'a PDF document'
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'a PNG image'
  if (b[0] === 0xff && b[1] === 0xd8) return 'a JPEG image'
  if (b[0] === 0x1f && b[1] === 0x8b) return 'a gzip archive'
  if (b.length > 262 && String.fromCharCode(...b.subarray(257, 262)) === 'ustar') return 'a tar archive (several files packed together)'
  const probe = Math.min(b.length, 8192)
  for (let i = 0; i < probe; i++) if (b[i] === 0) return 'a binary file'
  return null
}
