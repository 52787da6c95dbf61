import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import { proposeRecipe } from '../../../../src/core/clean/propose-recipe'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { csvText, tableToCsv } from '../../../../src/core/table/write/write-csv'
import type { Table } from '../../../../src/core/types'
import { tableToPlain } from '../../../golden/table-json'

const table: Table = {
  name: 't',
  rowCount: 4,
  columns: [
    { name: 'x', type: 'number', values: Float64Array.from([0.1 + 0.2, -3.5, NaN, -0]) },
    { name: 'big', type: 'number', values: Float64Array.from([1e21, 5e-7, 123456789.125, 2]) },
    { name: 'text', type: 'category', codes: Int32Array.from([0, 1, -1, 2]), levels: ['plain', 'a, "quoted"\nline', 'élan ✓'] },
  ],
}

const readBack = async (text: string) => (await readDataFile(new TextEncoder().encode(text), 'back.csv')).table

describe('tableToCsv', () => {
  it('writes RFC 4180 CSV: shortest numbers, empty missing cells, quoted specials, CRLF', () => {
    expect(tableToCsv(table)).toBe(
      'x,big,text\r\n' +
        '0.30000000000000004,1e+21,plain\r\n' +
        '-3.5,5e-7,"a, ""quoted""\nline"\r\n' +
        ',123456789.125,\r\n' +
        '0,2,élan ✓\r\n',
    )
  })

  it('round-trips through the CSV reader', async () => {
    expect(tableToPlain(await readBack(tableToCsv(table)))).toEqual(tableToPlain({ ...table, columns: table.columns.map((c) => (c.name === 'x' ? { ...c, values: Float64Array.from([0.1 + 0.2, -3.5, NaN, 0]) } : c)) }))
    expect(tableToPlain(await readBack(tableToCsv(table, { separator: ';', newline: '\n' })))).toEqual(tableToPlain(await readBack(tableToCsv(table))))
  })

  it.each([
    ['=HYPERLINK("http://evil","click")', `"'=HYPERLINK(""http://evil"",""click"")"`],
    ['+1+2', `"'+1+2"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    [' =1+1', `"' =1+1"`],
    ['a=b', 'a=b'],
    ['email@example.org', 'email@example.org'],
  ])('neutralises formula text %j as %s', (text, field) => {
    expect(csvText(text)).toBe(field)
  })

  it('escapes formula-like column names and text cells, never numbers', () => {
    const evil: Table = {
      name: 'evil',
      rowCount: 2,
      columns: [
        { name: '=cmd', type: 'number', values: Float64Array.from([-3.5, -1e-9]) },
        { name: 'note', type: 'category', codes: Int32Array.from([0, 1]), levels: ['-3.5', '@x'] },
      ],
    }
    expect(tableToCsv(evil, { newline: '\n' })).toBe(`"'=cmd",note\n-3.5,"'-3.5"\n-1e-9,"'@x"\n`)
  })

  it('round-trips the cleaned MS sample', async () => {
    const source = (await readDataFile(new Uint8Array(readFileSync(new URL('../../../../sample-data/ms-treatment.csv', import.meta.url))), 'ms.csv')).table
    const { table: cleaned } = await applyRecipe(source, proposeRecipe(source, profileTable(source), 'treatment_response'), { textEngine: 'core' })
    expect(tableToPlain(await readBack(tableToCsv(cleaned)))).toEqual(tableToPlain(cleaned))
  })
})
