/**
 * Gzip-compressed data files ("patients.csv.gz", "visits.parquet.gz"). Core
 * does not decompress by itself: the caller injects a `Gunzip` (zlib in the
 * Node CLI); without one the platform's DecompressionStream is used, which
 * browsers, workers and Node all have. The rules live here once: what counts
 * as gzip, and how far a file may grow before it is refused as a
 * decompression bomb.
 */
import { StudioError } from '../../errors'
import type { ProgressCallback } from '../../types'

/** Decompresses gzip bytes into a sequence of chunks; the reader may stop early (it then calls `return`). */
export type Gunzip = (bytes: Uint8Array) => AsyncIterable<Uint8Array>

/** The most a gzip file may unpack to, whatever its size … */
export const MAX_UNZIPPED_BYTES = 2 * 1024 ** 3
/** … and at most this many times its compressed size … */
export const MAX_UNZIP_RATIO = 100
/** … except that any file may unpack to this much. */
export const MIN_UNZIPPED_CAP = 256 * 1024 ** 2

/** True when the bytes start with the gzip magic number and the deflate method (1f 8b 08). */
export function hasGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08
}

/**
 * How far `compressedBytes` of gzip may unpack: 100 times their size, at
 * least 256 MiB and at most 2 GiB. Real tables compress 3 to 20 times; a
 * file that grows further is a decompression bomb, which would exhaust the
 * page's memory long before it held any data.
 */
export function unzippedCap(compressedBytes: number): number {
  return Math.min(MAX_UNZIPPED_BYTES, Math.max(MIN_UNZIPPED_CAP, MAX_UNZIP_RATIO * compressedBytes))
}

export interface GunzipOptions {
  /** The decompressor; the platform's DecompressionStream when absent. */
  gunzip?: Gunzip
  /** Overrides `unzippedCap(bytes.length)` (tests use a small one). */
  maxUnzippedBytes?: number
}

/**
 * The decompressed bytes of gzip file `fileName`, or a StudioError: the file
 * is damaged, or it unpacks past its cap (named in the message).
 */
export async function gunzipFile(bytes: Uint8Array, fileName: string, options: GunzipOptions = {}, onProgress?: ProgressCallback): Promise<Uint8Array> {
  const gunzip = options.gunzip ?? platformGunzip()
  if (!gunzip) {
    throw new StudioError('gzip-unavailable', `file "${fileName}" is gzip-compressed and this browser cannot unpack it; unpack it first (e.g. with 7-Zip or gunzip) and open the unpacked file`)
  }
  const cap = options.maxUnzippedBytes ?? unzippedCap(bytes.length)
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for await (const chunk of gunzip(bytes)) {
      total += chunk.length
      // Leaving the loop early calls the iterator's `return`, which stops the decompressor.
      if (total > cap) break
      chunks.push(chunk)
      onProgress?.({ stage: 'unzip', done: total, total: 0, message: `unpacking gzip: ${sizeText(total)} so far` })
    }
  } catch (error) {
    throw new StudioError('gzip-damaged', `file "${fileName}" is a damaged or incomplete gzip file (${(error as Error).message}); download or compress it again`)
  }
  if (total > cap) {
    throw new StudioError(
      'gzip-too-large',
      `file "${fileName}" unpacks to more than ${sizeText(cap)} from ${sizeText(bytes.length)}, past the studio's limit for a gzip file of that size (${MAX_UNZIP_RATIO} times its size, at least ${sizeText(MIN_UNZIPPED_CAP)}, never over ${sizeText(MAX_UNZIPPED_BYTES)}): it may be a decompression bomb. Unpack it yourself and check what it holds, or save the data as Parquet`,
    )
  }
  if (total === 0) throw new StudioError('empty-file', `file "${fileName}" is gzip-compressed but unpacks to nothing (0 bytes)`)
  return concat(chunks, total)
}

/** Minimal shape of the web streams used here, so core needs no DOM types. */
interface ByteStream {
  pipeThrough(transform: unknown): { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> } }
}
interface StreamGlobals {
  DecompressionStream?: new (format: 'gzip') => unknown
  ReadableStream?: new (source: { start(controller: { enqueue(chunk: Uint8Array): void; close(): void }): void }) => ByteStream
}

/** A Gunzip over the platform's DecompressionStream, or null where there is none. */
export function platformGunzip(): Gunzip | null {
  const { DecompressionStream, ReadableStream } = globalThis as StreamGlobals
  if (!DecompressionStream || !ReadableStream) return null
  return async function* streamGunzip(bytes) {
    const source = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes)
        controller.close()
      },
    })
    const reader = source.pipeThrough(new DecompressionStream('gzip')).getReader()
    let finished = false
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) {
          finished = true
          return
        }
        if (value) yield value
      }
    } finally {
      if (!finished) await reader.cancel().catch(() => undefined)
    }
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

/** A byte count for a message: "1.2 MB", "256 MiB" style in binary units. */
export function sizeText(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB']
  let value = bytes, unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const shown = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1)
  return `${shown} ${units[unit]}`
}
