import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readDataFile } from '../../src/core/table/read-file'
import { tableToPlain } from './table-json'

const here = (path: string): string => new URL(path, import.meta.url).pathname

describe.each([
  ['csv/quoted-missing-utf8.csv', 'csv/quoted-missing-utf8.expected.json', 'csv'],
  ['csv/semicolon.csv', 'csv/semicolon.expected.json', 'csv'],
  ['parquet/mixed.parquet', 'parquet/mixed.expected.json', 'parquet'],
])('golden file %s', (input, expected, format) => {
  it('reads into the expected table', async () => {
    const loaded = await readDataFile(new Uint8Array(readFileSync(here(input))), input)
    expect(loaded.format).toBe(format)
    expect(tableToPlain(loaded.table)).toEqual(JSON.parse(readFileSync(here(expected), 'utf8')))
  })
})
