import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readDataFile } from '../../../../src/core/table/read/read-file'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const read = (data: Uint8Array, name: string) => readDataFile(data, name)

describe('bad files get messages that name the problem', () => {
  it('empty file', async () => {
    await expect(read(new Uint8Array(0), 'empty.csv')).rejects.toThrow('file "empty.csv" is empty (0 bytes)')
    await expect(read(bytes('  \n\n'), 'blank.csv')).rejects.toThrow('csv: "blank.csv" has no content')
  })

  it('header only', async () => {
    await expect(read(bytes('a,b,c\n'), 'h.csv')).rejects.toThrow('has a header of 3 column(s) but no data rows')
  })

  it('ragged rows name the row and the field counts', async () => {
    await expect(read(bytes('a,b,c\n1,2,3\n4,5\n'), 'ragged.csv')).rejects.toThrow('csv: "ragged.csv" row 3 has 2 field(s) but the header has 3')
  })

  it('files that are neither CSV nor Parquet', async () => {
    await expect(read(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]), 'book.xlsx')).rejects.toThrow(/"book.xlsx" is not a readable workbook: its ZIP directory is missing/)
    await expect(read(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1]), 'x.csv')).rejects.toThrow(/looks like a PNG image, not a CSV, Parquet or Excel file/)
    await expect(read(bytes('{"a": 1}'), 'data.json')).rejects.toThrow(/looks like JSON/)
    await expect(read(bytes('a,b\n1,2\n'), 'fake.parquet')).rejects.toThrow(/is not a Parquet file/)
  })

  it('a truncated Parquet file', async () => {
    const whole = new Uint8Array(readFileSync(new URL('../../../golden/parquet/mixed.parquet', import.meta.url)))
    await expect(read(whole.subarray(0, whole.length - 30), 'cut.parquet')).rejects.toThrow(/"cut.parquet" is truncated or damaged/)
  })

  it('repeated and blank header names are renamed with a warning', async () => {
    const { table, warnings } = await read(bytes('a,a,\n1,2,3\n'), 'dup.csv')
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'a_2', 'column_3'])
    expect(warnings).toHaveLength(2)
  })

  it('Windows-1252 text is decoded', async () => {
    const latin = Uint8Array.from([...bytes('name,v\n'), 0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65, ...bytes(',1\n')])
    const { table } = await read(latin, 'latin.csv')
    expect(table.columns[0]).toMatchObject({ levels: ['Jérôme'] })
  })
})
