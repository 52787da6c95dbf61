/**
 * The page decompressors the Parquet reader hands to hyparquet. hyparquet
 * decodes SNAPPY and UNCOMPRESSED pages itself; the other codecs that DuckDB,
 * Polars, Spark and pyarrow write come from hyparquet-compressors' decoders
 * (zstd through fzstd, which it uses too).
 *
 * Its ready-made `compressors` map is not used as is: importing it
 * instantiates a WebAssembly snappy decoder at load time (a worker under a
 * strict Content-Security-Policy would fail to start, and its memory never
 * shrinks), while hyparquet's own snappy decoder is plain JavaScript.
 */
import { decompress as decompressZstd } from 'fzstd'
import type { Compressors } from 'hyparquet'
import { decompressBrotli } from 'hyparquet-compressors/src/brotli.js'
import { gunzip } from 'hyparquet-compressors/src/gzip.js'
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors/src/lz4.js'
import { StudioError } from '../errors'

/** Decoders for the codecs hyparquet does not decode itself. */
export const PARQUET_COMPRESSORS: Compressors = {
  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
  BROTLI: decompressBrotli,
  ZSTD: (input) => decompressZstd(input),
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
}

/** Every codec the reader decodes. */
export const READABLE_CODECS: ReadonlySet<string> = new Set(['UNCOMPRESSED', 'SNAPPY', ...Object.keys(PARQUET_COMPRESSORS)])

/** The codecs of a file's column chunks, in order of first use. */
export function fileCodecs(rowGroups: readonly { columns: readonly { meta_data?: { codec: string } }[] }[]): string[] {
  const codecs = new Set<string>()
  for (const group of rowGroups) for (const chunk of group.columns) if (chunk.meta_data) codecs.add(chunk.meta_data.codec)
  return [...codecs]
}

/** Refuses, before any page is read, a file compressed with a codec no decoder here reads (LZO). */
export function checkCodecs(codecs: readonly string[], fileName: string): void {
  const unreadable = codecs.filter((codec) => !READABLE_CODECS.has(codec))
  if (unreadable.length === 0) return
  throw new StudioError(
    'parquet-codec',
    `parquet: "${fileName}" is compressed with ${unreadable.join(', ')}, which the studio cannot decode; save it again with zstd, snappy, gzip or no compression`,
  )
}
