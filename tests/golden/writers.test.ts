/**
 * Parquet files from the real writers (DuckDB and Polars, every codec each
 * offers; made by tests/fixtures/files/make-parquet-files.ts) read into the
 * table DuckDB itself says they hold (visits.expected.json).
 */
import { readFileSync } from 'node:fs'
import { parquetMetadata } from 'hyparquet'
import { describe, expect, it } from 'vitest'
import { StudioError } from '../../src/core/errors'
import { checkCodecs, compressorsFor } from '../../src/core/table/read/parquet-codecs'
import { profileTable } from '../../src/core/table/profile/profile'
import { readDataFile } from '../../src/core/table/read/read-file'
import { tableToPlain } from './table-json'

const dir = new URL('../fixtures/files/parquet/', import.meta.url).pathname
const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(dir + file))
const expected = JSON.parse(readFileSync(`${dir}visits.expected.json`, 'utf8')) as ReturnType<typeof tableToPlain> & { kinds: Record<string, string> }
const cells = (table: ReturnType<typeof tableToPlain>, name: string): unknown[] => table.columns.find((c) => c.name === name)!.cells

/** File, writer's codec as the footer names it, row groups. */
const FILES: [string, string, number][] = [
  ['visits.duckdb.uncompressed.parquet', 'UNCOMPRESSED', 3],
  ['visits.duckdb.snappy.parquet', 'SNAPPY', 3],
  ['visits.duckdb.gzip.parquet', 'GZIP', 3],
  ['visits.duckdb.zstd.parquet', 'ZSTD', 3],
  ['visits.duckdb.brotli.parquet', 'BROTLI', 3],
  ['visits.duckdb.lz4_raw.parquet', 'LZ4_RAW', 3],
  ['visits.polars.default.parquet', 'ZSTD', 1],
  ['visits.polars.zstd.parquet', 'ZSTD', 3],
  ['visits.polars.lz4.parquet', 'LZ4_RAW', 3],
  ['visits.polars.snappy.parquet', 'SNAPPY', 3],
  ['visits.polars.gzip.parquet', 'GZIP', 3],
  ['visits.polars.brotli.parquet', 'BROTLI', 3],
  ['visits.polars.uncompressed.parquet', 'UNCOMPRESSED', 3],
]

describe.each(FILES)('%s', (file, codec, rowGroups) => {
  it(`is what it claims: ${codec}, ${rowGroups} row group(s), dictionary pages`, () => {
    const bytes = bytesOf(file)
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer)
    expect(metadata.row_groups).toHaveLength(rowGroups)
    const chunks = metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data!))
    expect(new Set(chunks.map((c) => c.codec))).toEqual(new Set([codec]))
    expect(chunks.some((c) => c.encodings.some((e) => e.endsWith('_DICTIONARY')))).toBe(true)
  })

  it('reads into the table the writer meant, value for value', async () => {
    const loaded = await readDataFile(bytesOf(file), file)
    expect(loaded.format).toBe('parquet')
    const table = tableToPlain(loaded.table)
    expect(table).toEqual({ rowCount: expected.rowCount, columns: expected.columns })
    // Spelled out, so a wrong expected file cannot hide a wrong reading.
    expect(cells(table, 'dose_mg').slice(0, 3)).toEqual([12.34, -0.07, 9999.99])
    expect(cells(table, 'visit_date')[0]).toBe('2024-03-05')
    expect(cells(table, 'admitted').slice(0, 2)).toEqual(['2024-03-05T10:30:00.000Z', '1950-06-01T08:15:30.123Z'])
    expect(cells(table, 'seen_at')[0]).toBe('2024-03-05T09:30:00.000Z') // written as 10:30 at +01:00
    expect(cells(table, 'patient_no').slice(-2)).toEqual([9007199254740991, -9007199254740991])
    expect(cells(table, 'smoker').slice(0, 2)).toEqual(['true', 'false'])
    for (const column of table.columns) expect(column.cells, column.name).toContain(null)
  })

  it('profiles dates as dates, booleans as booleans, decimals and int64 as numbers', async () => {
    const { table } = await readDataFile(bytesOf(file), file)
    const profile = profileTable(table)
    expect(Object.fromEntries(profile.columns.map((c) => [c.name, c.kind]))).toEqual(expected.kinds)
    expect(profile.columns.find((c) => c.name === 'visit_date')!.dateRange).toEqual({ min: '2024-03-05', max: '2024-05-02' })
    expect(profile.columns.find((c) => c.name === 'admitted')!.dateRange?.min).toBe('1950-06-01T08:15:30.123Z')
  })
})

describe('an INT64 beyond 2^53', () => {
  it('is refused by column and value instead of rounded', async () => {
    const reading = readDataFile(bytesOf('int64-beyond-2-53.parquet'), 'int64-beyond-2-53.parquet')
    await expect(reading).rejects.toBeInstanceOf(StudioError)
    await expect(reading).rejects.toMatchObject({ code: 'int64-unsafe' })
    await expect(reading).rejects.toThrow(/"record_id".*9007199254740993/)
  })
})

describe('codec decoders', () => {
  it('are loaded only for the codecs a file uses (hyparquet decodes snappy itself)', async () => {
    expect(Object.keys(await compressorsFor(['SNAPPY', 'ZSTD'], 'a.parquet'))).toEqual(['ZSTD'])
    expect(Object.keys(await compressorsFor(['GZIP', 'BROTLI', 'LZ4', 'LZ4_RAW', 'UNCOMPRESSED'], 'a.parquet'))).toEqual(['GZIP', 'BROTLI', 'LZ4', 'LZ4_RAW'])
    await expect(compressorsFor(['LZO'], 'old.parquet')).rejects.toMatchObject({ code: 'parquet-codec' })
  })
})

describe('a codec no decoder reads', () => {
  it('is refused by name before any page is read', () => {
    expect(() => checkCodecs(['SNAPPY', 'ZSTD', 'LZ4', 'LZ4_RAW', 'GZIP', 'BROTLI', 'UNCOMPRESSED'], 'a.parquet')).not.toThrow()
    expect(() => checkCodecs(['ZSTD', 'LZO'], 'old.parquet')).toThrow(expect.objectContaining({ code: 'parquet-codec', message: expect.stringMatching(/"old\.parquet".*LZO/) }))
  })
})
