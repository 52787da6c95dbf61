import { parquetMetadata, parquetRead, parquetSchema, type ColumnData } from 'hyparquet'
import { StudioError } from '../../errors'
import type { Column, ProgressCallback } from '../../types'
import type { ReadResult } from './csv'
import { ColumnAccumulator, uniqueColumnNames } from '../column-builder'
import { withDescriptions } from '../column-descriptions'
import { compressorsFor, fileCodecs } from './parquet-codecs'
import { decimalScale, exactDecimals, STUDIO_PARSERS } from './parquet-values'

/** True when the bytes start with the Parquet magic number "PAR1". */
export function hasParquetMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31
}

/**
 * Reads a whole Parquet file (flat columns; nested ones are rejected by name)
 * into a Table, column chunk by column chunk so no row objects are built.
 * Every codec DuckDB, Polars and Spark write is decoded (parquet-codecs.ts);
 * dates, timestamps, decimals and int64 come through as parquet-values.ts says.
 */
export async function parseParquet(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback): Promise<ReadResult> {
  const n = bytes.length
  if (n < 12 || !hasParquetMagic(bytes)) {
    throw new StudioError('parquet-invalid', `parquet: "${fileName}" is not a Parquet file (it does not start with "PAR1")`)
  }
  const tail = bytes.subarray(n - 4)
  if (!(tail[0] === 0x50 && tail[1] === 0x41 && tail[2] === 0x52 && tail[3] === 0x31)) {
    throw new StudioError(
      'parquet-truncated',
      `parquet: "${fileName}" is truncated or damaged: its last 4 bytes are not "PAR1" (file is ${n} bytes); download it again`,
    )
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + n) as ArrayBuffer
  let metadata
  try {
    metadata = parquetMetadata(buffer)
  } catch (error) {
    throw new StudioError('parquet-truncated', `parquet: "${fileName}" has an unreadable footer (${(error as Error).message}); the file may be truncated or damaged`)
  }
  const schema = parquetSchema(metadata)
  const nested = schema.children.filter((child) => child.children.length > 0).map((child) => child.element.name)
  if (nested.length > 0) {
    throw new StudioError('parquet-nested', `parquet: "${fileName}" has nested column(s) ${nested.join(', ')}; only flat tables are supported`)
  }
  const compressors = await compressorsFor(fileCodecs(metadata.row_groups), fileName)
  const rawNames = schema.children.map((child) => child.element.name)
  const scales = schema.children.map((child) => decimalScale(child.element))
  const rowCount = Number(metadata.num_rows)
  if (rowCount === 0) throw new StudioError('no-rows', `parquet: "${fileName}" has ${rawNames.length} column(s) but no rows`)
  const { names, warnings } = uniqueColumnNames(rawNames)
  // Chunks are decoded straight into typed columns; no array of a million cells is ever built.
  const builders = names.map((name) => new ColumnAccumulator(name, rowCount))
  const position = new Map(rawNames.map((name, i) => [name, i]))
  let cellsRead = 0
  // hyparquet calls onChunk from promise callbacks it does not return, so an error thrown there
  // would escape as an unhandled rejection; it is kept here and thrown once reading is done.
  let refused: unknown = null
  const onChunk = (chunk: ColumnData): void => {
    const k = position.get(chunk.columnName) ?? -1
    const builder = builders[k]
    if (!builder) return
    const scale = scales[k]
    const data = scale === null ? chunk.columnData : exactDecimals(chunk.columnData, scale)
    const end = Math.min(data.length, rowCount - chunk.rowStart)
    for (let i = 0; i < end; i++) builder.set(chunk.rowStart + i, data[i])
    cellsRead += end
    onProgress?.({ stage: 'read', done: cellsRead, total: rowCount * builders.length, message: `${Math.round(cellsRead / builders.length).toLocaleString('en-US')} rows read` })
  }
  try {
    await parquetRead({
      file: buffer,
      metadata,
      compressors,
      parsers: STUDIO_PARSERS,
      onChunk: (chunk) => {
        if (refused !== null) return
        try {
          onChunk(chunk)
        } catch (error) {
          refused = error
        }
      },
    })
  } catch (error) {
    throw new StudioError('parquet-damaged', `parquet: "${fileName}" could not be decoded: ${(error as Error).message}`)
  }
  // A value the studio refuses (an int64 beyond 2^53) keeps its own message.
  if (refused !== null) throw refused
  const columns: Column[] = builders.map((b) => b.finish(rowCount))
  return { table: withDescriptions({ name: fileName, rowCount, columns }, metadata.key_value_metadata), warnings }
}
