/**
 * Gzip-compressed data files (made by GNU gzip: tests/fixtures/files/make-gzip-files.ts),
 * read with the platform's DecompressionStream (the page's way) and with zlib (the CLI's).
 */
import { readFileSync } from 'node:fs'
import { createGzip, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { gunzipFile, MAX_UNZIPPED_BYTES, MIN_UNZIPPED_CAP, platformGunzip, unzippedCap, type Gunzip } from '../../src/core/table/read/gzip'
import { profileTable } from '../../src/core/table/profile/profile'
import { readDataFile } from '../../src/core/table/read/read-file'
import { zlibGunzip } from '../../src/node/cli/read-input'
import { tableToPlain } from './table-json'

const files = new URL('../fixtures/files/', import.meta.url).pathname
const bytesOf = (path: string): Uint8Array => new Uint8Array(readFileSync(files + path))
const expected = JSON.parse(readFileSync(`${files}parquet/visits.expected.json`, 'utf8'))
const MiB = 1024 ** 2

/** Gzip of `mib` MiB of zeros, made from one reused 1 MiB buffer so the test never holds the whole thing. */
async function gzipOfZeros(mib: number): Promise<Uint8Array> {
  const gzip = createGzip({ level: 9 })
  const parts: Buffer[] = []
  gzip.on('data', (part: Buffer) => parts.push(part))
  const done = new Promise((resolve) => gzip.on('end', resolve))
  const zeros = Buffer.alloc(MiB)
  for (let i = 0; i < mib; i++) if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve))
  gzip.end()
  await done
  return new Uint8Array(Buffer.concat(parts))
}

describe.each<[string, Gunzip | undefined]>([
  ['DecompressionStream (the page)', undefined],
  ['zlib (the CLI)', zlibGunzip],
])('gzip through %s', (_, gunzip) => {
  it('reads a .csv.gz as CSV, keeps the file name and says it was gzip-compressed', async () => {
    const bytes = bytesOf('gzip/visits.csv.gz')
    const loaded = await readDataFile(bytes, 'visits.csv.gz', undefined, { gunzip })
    expect(loaded).toMatchObject({ format: 'csv', compression: 'gzip', byteLength: bytes.length })
    expect(loaded.table.name).toBe('visits.csv.gz')
    expect(loaded.table.rowCount).toBe(60)
    const profile = profileTable(loaded.table)
    const kinds = Object.fromEntries(profile.columns.map((c) => [c.name, c.kind]))
    // DuckDB's CSV spelling of dates and timestamps ("2024-03-05 10:30:00", "… 09:30:00+00") is a date column too.
    expect(kinds).toEqual(expected.kinds)
    const dose = loaded.table.columns.find((c) => c.name === 'dose_mg')!
    expect(dose.type === 'number' && Array.from(dose.values.slice(0, 3))).toEqual([12.34, -0.07, 9999.99])
  })

  it('reads a .parquet.gz as Parquet, value for value', async () => {
    const loaded = await readDataFile(bytesOf('gzip/visits.parquet.gz'), 'visits.parquet.gz', undefined, { gunzip })
    expect(loaded).toMatchObject({ format: 'parquet', compression: 'gzip' })
    expect(tableToPlain(loaded.table)).toEqual({ rowCount: expected.rowCount, columns: expected.columns })
  })

  it('unpacks one layer only: a gzip inside a gzip is named', async () => {
    const reading = readDataFile(bytesOf('gzip/twice.csv.gz.gz'), 'twice.csv.gz.gz', undefined, { gunzip })
    await expect(reading).rejects.toMatchObject({ code: 'gzip-nested', message: expect.stringContaining('"twice.csv.gz.gz" holds another gzip file inside') })
  })

  it('says so when a gzip file holds nothing', async () => {
    await expect(readDataFile(new Uint8Array(gzipSync(Buffer.alloc(0))), 'none.csv.gz', undefined, { gunzip })).rejects.toMatchObject({ code: 'empty-file' })
  })

  it('refuses a damaged (cut off) gzip file by name', async () => {
    const whole = bytesOf('gzip/visits.csv.gz')
    const reading = readDataFile(whole.subarray(0, whole.length - 100), 'cut.csv.gz', undefined, { gunzip })
    await expect(reading).rejects.toMatchObject({ code: 'gzip-damaged', message: expect.stringContaining('"cut.csv.gz"') })
  })

  it('stops a decompression bomb at the cap and names the cap', async () => {
    const bomb = await gzipOfZeros(8)
    const reading = readDataFile(bomb, 'bomb.csv.gz', undefined, { gunzip, maxUnzippedBytes: 2 * MiB })
    await expect(reading).rejects.toMatchObject({ code: 'gzip-too-large', message: expect.stringMatching(/"bomb\.csv\.gz" unpacks to more than 2 MiB from [\d.]+ KiB/) })
  })
})

describe('the gzip cap', () => {
  it('is 100 times the compressed size, at least 256 MiB, never over 2 GiB', () => {
    expect(unzippedCap(1000)).toBe(MIN_UNZIPPED_CAP)
    expect(unzippedCap(10 * MiB)).toBe(1000 * MiB)
    expect(unzippedCap(100 * MiB)).toBe(MAX_UNZIPPED_BYTES)
    expect(MAX_UNZIPPED_BYTES).toBe(2 * 1024 ** 3)
  })

  it('refuses a real bomb under the default cap: 300 MiB of zeros in a few hundred KiB', async () => {
    const bomb = await gzipOfZeros(300)
    expect(bomb.length).toBeLessThan(MiB)
    const reading = gunzipFile(bomb, 'zeros.csv.gz', { gunzip: platformGunzip()! })
    await expect(reading).rejects.toThrow(/"zeros\.csv\.gz" unpacks to more than 256 MiB .*never over 2 GiB/)
  })
})
