import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readDataFile } from '../../src/core/table/read/read-file'
import { tableToPlain } from './table-json'

const here = (path: string): string => new URL(path, import.meta.url).pathname

describe.each([
  ['csv/quoted-missing-utf8.csv', 'csv/quoted-missing-utf8.expected.json', 'csv'],
  ['csv/semicolon.csv', 'csv/semicolon.expected.json', 'csv'],
  // Written by pandas (csv/make-european.py); expected = pandas' own read_csv(sep=';', decimal=',').
  ['csv/european-pandas.csv', 'csv/european-pandas.expected.json', 'csv'],
  ['csv/comma-quoted-decimal.csv', 'csv/comma-quoted-decimal.expected.json', 'csv'],
  ['csv/european-grouped.csv', 'csv/european-grouped.expected.json', 'csv'],
  ['csv/duplicate-headers.csv', 'csv/duplicate-headers.expected.json', 'csv'],
  ['parquet/mixed.parquet', 'parquet/mixed.expected.json', 'parquet'],
])('golden file %s', (input, expected, format) => {
  it('reads into the expected table', async () => {
    const loaded = await readDataFile(new Uint8Array(readFileSync(here(input))), input)
    expect(loaded.format).toBe(format)
    expect(tableToPlain(loaded.table)).toEqual(JSON.parse(readFileSync(here(expected), 'utf8')))
  })
})

/** What the reader reports about each golden file, by finding kind and the columns it names. */
describe.each([
  ['csv/european-pandas.csv', [{ kind: 'decimal-comma', columns: ['edss', 'weight', 'crp'] }]],
  ['csv/comma-quoted-decimal.csv', []],
  [
    'csv/european-grouped.csv',
    [
      { kind: 'decimal-comma', columns: ['amount', 'count', 'dose'] },
      { kind: 'mixed-decimal', columns: ['mixed'] },
      { kind: 'mixed-decimal', columns: ['ambiguous'] },
    ],
  ],
  ['csv/semicolon.csv', []],
])('reader findings of %s', (input, expected) => {
  it('are the expected kinds, each message also among the warnings', async () => {
    const loaded = await readDataFile(new Uint8Array(readFileSync(here(input))), input)
    expect((loaded.findings ?? []).map((f) => ({ kind: f.kind, columns: f.columns }))).toEqual(expected)
    expect(loaded.warnings).toEqual((loaded.findings ?? []).map((f) => f.message))
  })
})
