import type { ProgressCallback } from '../types'
import { StudioError } from '../errors'
import { decodeText, parseCsv, type ReadResult } from './csv'
import { gunzipFile, hasGzipMagic, type GunzipOptions } from './gzip'
import { hasParquetMagic, parseParquet } from './parquet'

export type FileFormat = 'csv' | 'parquet'

export interface LoadedFile extends ReadResult {
  format: FileFormat
  /** Set when the file was compressed as a whole ("patients.csv.gz"); `format` is what it held. */
  compression?: 'gzip'
  /** The file's size as given (compressed, for a gzip file). */
  byteLength: number
}

/** How to read a file; every field is optional (gzip: the decompressor to use and its cap). */
export interface ReadOptions extends GunzipOptions {
  // Options for other formats join here.
}

/**
 * Reads a data file whatever its name says: a gzip file is unpacked first
 * (its name, ".gz" and all, stays the dataset's name), Parquet is recognised
 * by its magic number, text by decoding; anything else (spreadsheets, images,
 * archives) gets a message saying what the file looks like and what to do instead.
 */
export async function readDataFile(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback, options: ReadOptions = {}): Promise<LoadedFile> {
  if (bytes.length === 0) throw new StudioError('empty-file', `file "${fileName}" is empty (0 bytes)`)
  if (hasGzipMagic(bytes)) return readGzip(bytes, fileName, onProgress, options)
  if (hasParquetMagic(bytes)) {
    return { ...(await parseParquet(bytes, fileName, onProgress)), format: 'parquet', byteLength: bytes.length }
  }
  if (/\.parquet(\.gz)?$/i.test(fileName)) {
    throw new StudioError('parquet-invalid', `parquet: "${fileName}" is not a Parquet file (it does not start with "PAR1")`)
  }
  const binaryKind = recogniseBinary(bytes)
  if (binaryKind) {
    throw new StudioError('unsupported-format', `file "${fileName}" looks like ${binaryKind}, not CSV or Parquet; export it as CSV (comma-separated) or Parquet`)
  }
  const { text } = decodeText(bytes, fileName)
  const start = text.trimStart()
  if (start.startsWith('{') || start.startsWith('[') || start.startsWith('<')) {
    const kind = start.startsWith('<') ? 'HTML or XML' : 'JSON'
    throw new StudioError('unsupported-format', `file "${fileName}" looks like ${kind}, not CSV or Parquet`)
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

function recogniseBinary(bytes: Uint8Array): string | null {
  const b = bytes
  if (b[0] === 0x50 && b[1] === 0x4b) return 'a ZIP archive or an Excel workbook (.xlsx)'
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'an old Excel workbook (.xls)'
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'a PDF document'
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'a PNG image'
  if (b[0] === 0xff && b[1] === 0xd8) return 'a JPEG image'
  if (b[0] === 0x1f && b[1] === 0x8b) return 'a gzip archive'
  if (b.length > 262 && String.fromCharCode(...b.subarray(257, 262)) === 'ustar') return 'a tar archive (several files packed together)'
  const probe = Math.min(b.length, 8192)
  for (let i = 0; i < probe; i++) if (b[i] === 0) return 'a binary file'
  return null
}
