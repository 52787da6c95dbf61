/**
 * The ZIP container of an .xlsx workbook, read defensively: the directory at
 * the end of the file is parsed first (entry count and declared sizes checked
 * against the limits before a single byte is inflated), then only the parts
 * the reader asks for are inflated, in slices, with the output counted as it
 * is produced — a part that inflates beyond its declared size is a zip bomb
 * and is refused at once. Inflating is fflate's streaming DEFLATE decoder.
 */
import { Inflate } from 'fflate'
import { StudioError } from '../../errors'
import { formatByteLimit, type XlsxLimits } from './xlsx-limits'

/** One file inside the ZIP, as its central directory describes it. */
export interface ZipEntry {
  /** Name as stored, without a leading "/". */
  name: string
  /** 0 stored, 8 deflated. */
  method: number
  compressedSize: number
  /** What the directory says the part inflates to (checked while inflating). */
  uncompressedSize: number
  localHeaderOffset: number
}

/** The entries of a ZIP by lower-case name (part names in a workbook are case-insensitive). */
export type ZipDirectory = Map<string, ZipEntry>

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const EOCD_SIZE = 22
/** Compressed bytes pushed to the inflater at a time: DEFLATE expands at most ~1032×, so one push yields at most ~17 MB. */
const INFLATE_SLICE = 16 * 1024
/** Stored (uncompressed) parts are handed on in slices of this size. */
const STORED_SLICE = 1024 * 1024

/**
 * Reads the ZIP directory of `bytes`. The entry count is checked against
 * `limits.maxEntries` before the entries are parsed.
 */
export function readZipDirectory(bytes: Uint8Array, fileName: string, limits: XlsxLimits): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const eocd = findEndOfDirectory(view)
  if (eocd < 0) throw damaged(fileName, 'its ZIP directory is missing')
  const entryCount = view.getUint16(eocd + 10, true)
  const directorySize = view.getUint32(eocd + 12, true)
  const directoryOffset = view.getUint32(eocd + 16, true)
  if (entryCount === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new StudioError(
      'xlsx-zip64',
      `xlsx: "${fileName}" uses ZIP64, a container meant for files over 4 GB, which the studio does not read; open it in Excel or LibreOffice and save it again, or save the sheet as CSV`,
    )
  }
  if (entryCount > limits.maxEntries) {
    throw new StudioError(
      'xlsx-too-many-entries',
      `xlsx: "${fileName}" holds ${entryCount.toLocaleString('en-US')} files, more than the limit of ${limits.maxEntries.toLocaleString('en-US')} for a workbook; it is not a workbook the studio can read safely`,
    )
  }
  if (directoryOffset + directorySize > eocd) throw damaged(fileName, 'its ZIP directory points outside the file')
  const entries: ZipDirectory = new Map()
  let at = directoryOffset
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw damaged(fileName, `ZIP directory entry ${i + 1} is unreadable`)
    const flags = view.getUint16(at + 8, true)
    const method = view.getUint16(at + 10, true)
    const compressedSize = view.getUint32(at + 20, true)
    const uncompressedSize = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const localHeaderOffset = view.getUint32(at + 42, true)
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)).replace(/^\/+/, '')
    at += 46 + nameLength + extraLength + commentLength
    if (flags & 1) {
      throw new StudioError('xlsx-encrypted', `xlsx: "${fileName}" is encrypted (its part "${name}" needs a password); save it without a password, or as CSV`)
    }
    const key = name.toLowerCase()
    if (entries.has(key)) throw damaged(fileName, `it holds two parts named "${name}"`)
    entries.set(key, { name, method, compressedSize, uncompressedSize, localHeaderOffset })
  }
  return entries
}

/**
 * Inflates one part and hands its bytes to `onChunk` as they are produced,
 * never holding more than one slice's output. Refuses, before inflating, a
 * part whose declared size exceeds `maxBytes`, and, while inflating, a part
 * that produces more bytes than it declared.
 * `onProgress` receives compressed bytes consumed so far.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  fileName: string,
  maxBytes: number,
  onChunk: (chunk: Uint8Array) => void,
  onProgress?: (consumed: number) => void,
): void {
  if (entry.uncompressedSize > maxBytes) {
    throw new StudioError(
      'xlsx-part-too-large',
      `xlsx: part "${entry.name}" of "${fileName}" is ${formatByteLimit(entry.uncompressedSize)} uncompressed, more than the limit of ${formatByteLimit(maxBytes)} for that part of a workbook; save the sheet as CSV or Parquet instead`,
    )
  }
  const data = entryData(bytes, entry, fileName)
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw damaged(fileName, `part "${entry.name}" is stored with inconsistent sizes`)
    for (let start = 0; start < data.length; start += STORED_SLICE) {
      onChunk(data.subarray(start, Math.min(data.length, start + STORED_SLICE)))
      onProgress?.(Math.min(data.length, start + STORED_SLICE))
    }
    return
  }
  if (entry.method !== 8) {
    throw new StudioError(
      'xlsx-zip-method',
      `xlsx: part "${entry.name}" of "${fileName}" is compressed with ZIP method ${entry.method}, not DEFLATE as Excel writes; open the workbook in Excel or LibreOffice and save it again`,
    )
  }
  let produced = 0
  const inflater = new Inflate((chunk) => {
    produced += chunk.length
    if (produced > entry.uncompressedSize) {
      throw new StudioError(
        'xlsx-zip-bomb',
        `xlsx: part "${entry.name}" of "${fileName}" inflates to more than the ${formatByteLimit(entry.uncompressedSize)} its ZIP directory declares; the file is damaged or crafted to exhaust memory (a zip bomb), so it is refused`,
      )
    }
    if (chunk.length > 0) onChunk(chunk)
  })
  try {
    for (let start = 0; start < data.length; start += INFLATE_SLICE) {
      const end = Math.min(data.length, start + INFLATE_SLICE)
      inflater.push(data.subarray(start, end), end === data.length)
      onProgress?.(end)
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true)
  } catch (error) {
    if (error instanceof StudioError) throw error
    throw damaged(fileName, `part "${entry.name}" could not be inflated (${(error as Error).message})`)
  }
}

/** A whole part as text (UTF-8), for the parts read at once; `limits.maxPartBytes` applies as in inflateEntry. */
export function readEntryText(bytes: Uint8Array, entry: ZipEntry, fileName: string, limits: XlsxLimits): string {
  const decoder = new TextDecoder()
  const pieces: string[] = []
  inflateEntry(bytes, entry, fileName, limits.maxPartBytes, (chunk) => void pieces.push(decoder.decode(chunk, { stream: true })))
  pieces.push(decoder.decode())
  return pieces.join('')
}

/** The compressed bytes of an entry, located through its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntry, fileName: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const at = entry.localHeaderOffset
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) throw damaged(fileName, `part "${entry.name}" has no readable header`)
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  const end = start + entry.compressedSize
  if (end > bytes.length) throw damaged(fileName, `part "${entry.name}" runs past the end of the file`)
  return bytes.subarray(start, end)
}

/** Offset of the end-of-central-directory record, searching back over a comment of up to 64 KiB; -1 when absent. */
function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE
  const first = Math.max(0, last - 0xffff)
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE && at + EOCD_SIZE + view.getUint16(at + 20, true) <= view.byteLength) return at
  }
  return -1
}

function damaged(fileName: string, problem: string): StudioError {
  return new StudioError('xlsx-damaged', `xlsx: "${fileName}" is not a readable workbook: ${problem}; the file may be truncated or damaged — download or export it again`)
}
