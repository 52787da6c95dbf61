/**
 * The page decompressors the Parquet reader hands to hyparquet. hyparquet
 * decodes SNAPPY and UNCOMPRESSED pages itself; the other codecs that DuckDB,
 * Polars, Spark and pyarrow write come from hyparquet-compressors' decoders
 * (zstd through fzstd, which it uses too).
 *
 * Each decoder is imported only when a file uses its codec: together they
 * would add ~115 KB (75 KB gzipped; most of it brotli's dictionary) to the
 * data worker, which most files never need. hyparquet-compressors' ready-made
 * `compressors` map is not imported either: importing it instantiates a
 * WebAssembly snappy decoder at load time (a worker under a strict
 * Content-Security-Policy would fail to start, and its memory never shrinks),
 * while hyparquet's own snappy decoder is plain JavaScript.
 */
import type { Compressors } from 'hyparquet'
import { StudioError } from '../../errors'

type Decoder = (input: Uint8Array, outputLength: number) => Uint8Array

/** How to load the decoder of each codec hyparquet does not decode itself. */
const DECODERS: Record<string, () => Promise<Decoder>> = {
  GZIP: async () => {
    const { gunzip } = await import('hyparquet-compressors/src/gzip.js')
    return (input, length) => gunzip(input, new Uint8Array(length))
  },
  BROTLI: async () => (await import('hyparquet-compressors/src/brotli.js')).decompressBrotli,
  ZSTD: async () => {
    const { decompress } = await import('fzstd')
    return (input) => decompress(input)
  },
  LZ4: async () => (await import('hyparquet-compressors/src/lz4.js')).decompressLz4,
  LZ4_RAW: async () => (await import('hyparquet-compressors/src/lz4.js')).decompressLz4Raw,
}

/** Every codec the reader decodes. */
export const READABLE_CODECS: ReadonlySet<string> = new Set(['UNCOMPRESSED', 'SNAPPY', ...Object.keys(DECODERS)])

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

/** The decoders for `codecs` (checked first), loaded on demand, for hyparquet's `compressors` option. */
export async function compressorsFor(codecs: readonly string[], fileName: string): Promise<Compressors> {
  checkCodecs(codecs, fileName)
  const compressors: Compressors = {}
  for (const codec of codecs) {
    const load = DECODERS[codec]
    if (load) compressors[codec as keyof Compressors] = await load()
  }
  return compressors
}
