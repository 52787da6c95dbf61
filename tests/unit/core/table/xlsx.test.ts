/**
 * The Excel reader against workbooks written by openpyxl, XlsxWriter and
 * pandas (tests/fixtures/files, with the tables their writer meant), and
 * against crafted files: zip bombs, oversized sheets, DTDs, damaged and
 * non-workbook archives.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { StudioError } from '../../../../src/core/errors'
import { parseCsv } from '../../../../src/core/table/read/csv'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { readXlsx } from '../../../../src/core/table/read/xlsx'
import { classifyFormatCode, serialToIso } from '../../../../src/core/table/read/xlsx-dates'
import { DEFAULT_XLSX_LIMITS } from '../../../../src/core/table/read/xlsx-limits'
import { inflateEntry, readZipDirectory, type ZipEntry } from '../../../../src/core/table/read/xlsx-zip'
import type { Progress } from '../../../../src/core/types'
import { tableToPlain } from '../../../golden/table-json'
import { craftWorkbook, craftZip, row } from './xlsx-craft'

const FILES = new URL('../../../fixtures/files/', import.meta.url).pathname
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(FILES + name))
const expected = (name: string): unknown => JSON.parse(readFileSync(FILES + name, 'utf8'))

/** The StudioError `run` throws (fails the test when it throws nothing or something else). */
function failure(run: () => unknown): StudioError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError)
    return error as StudioError
  }
  throw new Error('expected a StudioError, but nothing was thrown')
}

describe('workbooks from real tools read as their writer meant', () => {
  it.each([
    ['clinic.xlsx', 'Patients'],
    ['clinic.xlsx', 'Vitals'],
    ['clinic.xlsx', 'Scores'],
    ['calculated.xlsx', 'Labs'],
    ['uncalculated.xlsx', 'BMI'],
    ['mac-1904.xlsx', 'Dates'],
    ['two-sheets.xlsx', 'About'],
  ])('%s, sheet %s', (book, sheet) => {
    const result = readXlsx(file(book), book, undefined, { sheet })
    expect(result.sheet).toBe(sheet)
    expect(tableToPlain(result.table)).toEqual(expected(`${book.replace('.xlsx', '')}.${sheet}.expected.json`))
  })

  it('reads the first sheet by default, lists every sheet and says which was read', async () => {
    const loaded = await readDataFile(file('clinic.xlsx'), 'clinic.xlsx')
    expect(loaded.format).toBe('xlsx')
    expect(loaded.workbook).toEqual({ sheets: ['Patients', 'Vitals', 'Scores', 'Empty'], sheet: 'Patients' })
    expect(loaded.warnings).toEqual(['the workbook has 4 sheets and the first, "Patients", was read; the others are "Vitals", "Scores", "Empty"'])
  })

  it('drops trailing rows and columns that only carry formatting (or spaces)', () => {
    const { table } = readXlsx(file('clinic.xlsx'), 'clinic.xlsx')
    expect(table.rowCount).toBe(4)
    expect(table.columns.map((c) => c.name)).toEqual(['PatientID', 'Age', 'Weight kg', 'Smoker', 'Visit date', 'Admitted', 'Site'])
  })

  it('combines a two-row header under a merged group header, and says so', () => {
    const { warnings } = readXlsx(file('clinic.xlsx'), 'clinic.xlsx', undefined, { sheet: 'Vitals' })
    expect(warnings).toEqual([
      'sheet "Vitals" was read; the workbook also has "Patients", "Scores", "Empty"',
      'the header spans rows 1–2 (merged group headers: "Vitals" over "SBP", "DBP", "HR"); the two rows were combined into one name per column, such as "Vitals SBP"',
    ])
  })

  it('numbers the columns under a merged header cell with data right below', () => {
    const { warnings } = readXlsx(file('clinic.xlsx'), 'clinic.xlsx', undefined, { sheet: 'Scores' })
    expect(warnings).toContain('header "Score" is merged over 3 columns (B–D); they are named "Score 1", "Score 2", "Score 3"')
  })

  it('reports error cells and merged data cells it filled', () => {
    const { warnings } = readXlsx(file('calculated.xlsx'), 'calculated.xlsx')
    expect(warnings).toEqual([
      `2 cell(s) in merged ranges were filled with the range's value ("Site" rows 2–4)`,
      '2 cell(s) with a formula error (#DIV/0!, #N/A) were read as missing: column "Ratio" (row 3), column "Insulin" (row 6)',
    ])
  })

  it('reports formulas saved without their result', () => {
    const { warnings } = readXlsx(file('uncalculated.xlsx'), 'uncalculated.xlsx')
    expect(warnings).toEqual([
      '2 formula cell(s) were saved without their result and were read as missing: column "BMI" (rows 2, 3); open the workbook in Excel or LibreOffice and save it again to store the results',
    ])
  })

  it('a pandas sheet equals the same rows read from the CSV sample', () => {
    const sheet = readXlsx(file('two-sheets.xlsx'), 'parkinsons.csv', undefined, { sheet: 'Parkinsons' }).table
    const lines = readFileSync(new URL('../../../../sample-data/parkinsons.csv', import.meta.url), 'utf8').split('\n')
    const csv = parseCsv(lines.slice(0, 201).join('\n'), 'parkinsons.csv').table
    expect(sheet.rowCount).toBe(200)
    expect(tableToPlain(sheet)).toEqual(tableToPlain(csv))
  })

  it('reports reading progress for the sheet', () => {
    const progress: Progress[] = []
    readXlsx(file('two-sheets.xlsx'), 'two-sheets.xlsx', (p) => progress.push(p), { sheet: 'Parkinsons' })
    const last = progress[progress.length - 1]
    expect(last.stage).toBe('read')
    expect(last.done).toBe(last.total)
    expect(last.message).toBe('200 rows read from sheet "Parkinsons"')
  })
})

describe('choosing a sheet', () => {
  it('an unknown sheet names the sheets there are', () => {
    const error = failure(() => readXlsx(file('clinic.xlsx'), 'clinic.xlsx', undefined, { sheet: 'Labs' }))
    expect(error.code).toBe('xlsx-unknown-sheet')
    expect(error.message).toBe('xlsx: "clinic.xlsx" has no sheet "Labs"; its sheets are "Patients", "Vitals", "Scores", "Empty"')
  })

  it('matches a sheet name ignoring case and spaces when that is unambiguous', () => {
    expect(readXlsx(file('clinic.xlsx'), 'clinic.xlsx', undefined, { sheet: ' vitals ' }).sheet).toBe('Vitals')
  })

  it('an empty sheet chosen by name is an error naming the sheets', () => {
    const error = failure(() => readXlsx(file('clinic.xlsx'), 'clinic.xlsx', undefined, { sheet: 'Empty' }))
    expect(error.code).toBe('xlsx-empty-sheet')
  })

  it('by default, empty sheets are passed over (and said so); hidden ones come last', () => {
    const bytes = craftWorkbook({ sheets: { Cover: '', Data: row(1, ['a']) + row(2, [1]) } })
    const result = readXlsx(bytes, 'b.xlsx')
    expect(result.sheet).toBe('Data')
    expect(result.warnings[0]).toBe('the workbook has 2 sheets and sheet "Cover" is empty, so "Data" was read; the other is "Cover"')
  })

  it('a hidden first sheet is not the default, but can be chosen; names are XML-decoded', () => {
    const bytes = craftWorkbook({
      sheets: { Lookup: row(1, ['code']) + row(2, [1]), 'R&D': row(1, ['a']) + row(2, [2]) },
      override: (entries) =>
        entries.map((e) => (e.name === 'xl/workbook.xml' ? { ...e, data: (e.data as string).replace('sheetId="1"', 'sheetId="1" state="hidden"') } : e)),
    })
    const first = readXlsx(bytes, 'h.xlsx')
    expect(first.sheet).toBe('R&D')
    expect(first.sheets).toEqual(['Lookup', 'R&D'])
    expect(first.warnings[0]).toBe('the workbook has 2 sheets and the first visible one, "R&D", was read; the other is "Lookup"')
    expect(readXlsx(bytes, 'h.xlsx', undefined, { sheet: 'Lookup' }).table.columns[0].name).toBe('code')
  })

  it('a sheet of a CSV file is refused', async () => {
    await expect(readDataFile(new TextEncoder().encode('a,b\n1,2\n'), 'x.csv', undefined, { sheet: 'One' })).rejects.toMatchObject({ code: 'sheet-not-workbook' })
  })

  it('a header without data rows is refused like a CSV without rows', () => {
    const error = failure(() => readXlsx(craftWorkbook({ sheets: { S: row(1, ['a', 'b']) } }), 'h.xlsx'))
    expect(error.code).toBe('no-rows')
    expect(error.message).toBe('xlsx: sheet "S" of "h.xlsx" has a header of 2 column(s) but no data rows')
  })
})

describe('what SpreadsheetML allows', () => {
  it('shared strings with rich text runs, phonetic guides, escapes and entities', () => {
    const bytes = craftWorkbook({
      sheets: { S: '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>2</v></c></row>' },
      sharedStrings: ['name', '<r><t>Ma</t></r><r><rPr><b/></rPr><t>rie</t></r><rPh sb="0" eb="1"><t>マ</t></rPh>', '<t>a&amp;b &lt;3 &#x41;&#66; &foo; line_x000D_end</t>'],
    })
    const { table } = readXlsx(bytes, 's.xlsx')
    expect(tableToPlain(table).columns[0].cells).toEqual(['Marie', 'a&b <3 AB &foo; line\rend'])
  })

  it('namespace-prefixed elements, rows and cells without references, ISO date cells', () => {
    const bytes = craftZipWithSheet(
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
        '<x:row><x:c t="inlineStr"><x:is><x:t>when</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>n</x:t></x:is></x:c></x:row>' +
        '<x:row><x:c t="d"><x:v>2024-03-05</x:v></x:c><x:c><x:v>1.5</x:v></x:c></x:row>' +
        '<x:row><x:c t="d"><x:v>2024-03-05T10:30:00</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row>' +
        '</x:sheetData></x:worksheet>',
    )
    expect(tableToPlain(readXlsx(bytes, 'p.xlsx').table).columns).toEqual([
      { name: 'when', type: 'category', cells: ['2024-03-05', '2024-03-05T10:30:00.000Z'] },
      { name: 'n', type: 'number', cells: [1.5, 2] },
    ])
  })

  it('a sheet whose table starts at C5, with a blank row inside, and a title merged across it', () => {
    const at = (r: number, cells: string) => `<row r="${r}">${cells}</row>`
    const s = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`
    const n = (ref: string, v: number) => `<c r="${ref}"><v>${v}</v></c>`
    const bytes = craftWorkbook({
      sheets: { S: at(5, s('C5', 'Export 2024')) + at(6, s('C6', 'id') + s('D6', 'age')) + at(7, s('C7', 'p1') + n('D7', 30)) + at(9, s('C9', 'p2') + n('D9', 40)) },
      after: { S: '<mergeCells count="1"><mergeCell ref="C5:D5"/></mergeCells>' },
    })
    const result = readXlsx(bytes, 't.xlsx')
    expect(tableToPlain(result.table).columns).toEqual([
      { name: 'id', type: 'category', cells: ['p1', 'p2'] },
      { name: 'age', type: 'number', cells: [30, 40] },
    ])
    expect(result.warnings).toEqual(['row 5 ("Export 2024", merged across the table) was read as a title and skipped; the header is row 6'])
  })

  it('dates: built-in and custom formats, the 1900 leap-year bug, times of day, durations', () => {
    expect(classifyFormatCode('dd/mm/yyyy')).toBe('date')
    expect(classifyFormatCode('yyyy-mm-dd hh:mm')).toBe('datetime')
    expect(classifyFormatCode('h:mm AM/PM')).toBe('time')
    expect(classifyFormatCode('[h]:mm:ss')).toBe(null)
    expect(classifyFormatCode('0.00" mg/dL"')).toBe(null)
    expect(classifyFormatCode('[$-409]mmm d, yyyy;@')).toBe('date')
    expect(classifyFormatCode('#,##0.00;[Red]-#,##0.00')).toBe(null)
    expect(serialToIso(45356, 'date', false)).toBe('2024-03-05')
    expect(serialToIso(1, 'date', false)).toBe('1900-01-01')
    expect(serialToIso(59, 'date', false)).toBe('1900-02-28')
    expect(serialToIso(61, 'date', false)).toBe('1900-03-01')
    expect(serialToIso(45356.4375, 'date', false)).toBe('2024-03-05T10:30:00.000Z')
    expect(serialToIso(0.5, 'time', false)).toBe('12:00:00')
    expect(serialToIso(0, 'date', true)).toBe('1904-01-01')
    expect(serialToIso(-1, 'date', false)).toBe(null)
  })
})

describe('safety limits', () => {
  const sheetXml = (body: string) => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`
  const withSheetEntry = (change: (entry: { name: string; data: Uint8Array | string }) => object) =>
    craftWorkbook({
      sheets: { S: row(1, ['a']) + row(2, [1]) },
      override: (entries) => entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, ...change(e) } : e)),
    })

  it('a zip bomb (a part inflating beyond the size it declares) is refused while inflating', () => {
    // 8 MiB of XML compresses to ~8 KB; the directory claims 2 KiB.
    const bomb = withSheetEntry(() => ({ data: sheetXml(row(1, ['a']) + ' '.repeat(8 * 1024 * 1024)), declaredSize: 2048 }))
    expect(bomb.length).toBeLessThan(30_000)
    // Nothing past the declared size ever reaches the XML parser.
    const zip = readZipDirectory(bomb, 'bomb.xlsx', DEFAULT_XLSX_LIMITS)
    let delivered = 0
    expect(() => inflateEntry(bomb, zip.get('xl/worksheets/sheet1.xml') as ZipEntry, 'bomb.xlsx', DEFAULT_XLSX_LIMITS.maxSheetBytes, (chunk) => void (delivered += chunk.length))).toThrow(/zip bomb/)
    expect(delivered).toBeLessThanOrEqual(2048)
    const error = failure(() => readXlsx(bomb, 'bomb.xlsx'))
    expect(error.code).toBe('xlsx-zip-bomb')
    expect(error.message).toBe(
      'xlsx: part "xl/worksheets/sheet1.xml" of "bomb.xlsx" inflates to more than the 2 KiB its ZIP directory declares; the file is damaged or crafted to exhaust memory (a zip bomb), so it is refused',
    )
  })

  it('a part declaring more than the limit is refused before inflating', () => {
    const huge = withSheetEntry(() => ({ declaredSize: 0xfffffff0 }))
    const error = failure(() => readXlsx(huge, 'huge.xlsx'))
    expect(error.code).toBe('xlsx-part-too-large')
    expect(error.message).toMatch(/^xlsx: part "xl\/worksheets\/sheet1.xml" of "huge.xlsx" is .* uncompressed, more than the limit of 2 GiB for that part of a workbook/)
    const sheet = failure(() => readXlsx(craftWorkbook({ sheets: { S: row(1, ['a']) + row(2, [1]) } }), 'w.xlsx', undefined, { limits: { maxSheetBytes: 100 } }))
    expect(sheet.message).toContain('part "xl/worksheets/sheet1.xml" of "w.xlsx" is 234 bytes uncompressed, more than the limit of 100 bytes')
    // Shared strings are held whole, so they have their own, smaller limit.
    const strings = craftWorkbook({
      sheets: { S: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' },
      sharedStrings: ['name'],
      override: (entries) => entries.map((e) => (e.name === 'xl/sharedStrings.xml' ? { ...e, declaredSize: DEFAULT_XLSX_LIMITS.maxPartBytes + 1 } : e)),
    })
    expect(failure(() => readXlsx(strings, 's.xlsx')).message).toContain('part "xl/sharedStrings.xml" of "s.xlsx" is 268,435,457 bytes uncompressed, more than the limit of 256 MiB')
  })

  it('the ZIP entry count is checked before anything is read', () => {
    const many = craftZip(Array.from({ length: DEFAULT_XLSX_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `x/${i}`, data: '', method: 0 as const })))
    const error = failure(() => readXlsx(many, 'many.xlsx'))
    expect(error.code).toBe('xlsx-too-many-entries')
    expect(error.message).toBe('xlsx: "many.xlsx" holds 10,001 files, more than the limit of 10,000 for a workbook; it is not a workbook the studio can read safely')
  })

  it('an oversized sheet is refused by its cell count, before its columns are allocated', () => {
    const rows = [row(1, Array.from({ length: 20 }, (_, c) => `c${c}`))]
    for (let r = 2; r <= 101; r++) rows.push(row(r, Array.from({ length: 20 }, (_, c) => r * c)))
    const bytes = craftWorkbook({ sheets: { Big: rows.join('') } })
    expect(readXlsx(bytes, 'big.xlsx', undefined, { limits: { maxCells: 2000 } }).table.rowCount).toBe(100)
    const error = failure(() => readXlsx(bytes, 'big.xlsx', undefined, { limits: { maxCells: 1000 } }))
    expect(error.code).toBe('xlsx-too-many-cells')
    expect(error.message).toBe(
      'xlsx: sheet "Big" of "big.xlsx" has more than 1,000 cells (51 rows × 20 columns read so far), the limit for one sheet; save the columns you need as CSV or Parquet, or split the sheet',
    )
  })

  it('cells and rows beyond Excel’s grid are a damaged file, not a giant table', () => {
    expect(failure(() => readXlsx(craftWorkbook({ sheets: { S: '<row r="1"><c r="XFE1"><v>1</v></c></row>' } }), 'c.xlsx')).message).toContain(
      'has a cell "XFE1" outside Excel\'s columns A–XFD',
    )
    expect(failure(() => readXlsx(craftWorkbook({ sheets: { S: '<row r="1048577"><c r="A1048577"><v>1</v></c></row>' } }), 'r.xlsx')).code).toBe('xlsx-damaged')
  })

  it('a far-away cell costs nothing: empty rows and columns are never allocated', () => {
    const bytes = craftWorkbook({ sheets: { S: row(1, ['a', 'b']) + row(2, [1, 2]) + '<row r="1048576"><c r="XFD1048576"><v>9</v></c></row>' } })
    const { table } = readXlsx(bytes, 'far.xlsx')
    expect(table.rowCount).toBe(2)
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'column_3'])
  })

  it('crafted merges and cells cannot multiply the work', () => {
    // 200 copies of one range over 50 rows: 10,000 fills for a 50 × 2 table.
    const rows = row(1, ['a', 'b']) + row(2, [7, 0]) + Array.from({ length: 49 }, (_, i) => row(i + 3, [null, i + 1])).join('')
    const overlapping = craftWorkbook({ sheets: { S: rows }, after: { S: `<mergeCells>${'<mergeCell ref="A2:A51"/>'.repeat(200)}</mergeCells>` } })
    expect(failure(() => readXlsx(overlapping, 'o.xlsx')).message).toBe('xlsx: merged cell ranges overlap in column "a"; the file is damaged — export it again')
    const header = craftWorkbook({ sheets: { S: row(1, ['a', 'b', 'c']) + row(2, [1, 2, 3]) }, after: { S: '<mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="B1:C1"/></mergeCells>' } })
    expect(failure(() => readXlsx(header, 'h.xlsx')).message).toBe('xlsx: merged cells in header row 1 overlap (B1); the file is damaged — export it again')
    const many = craftWorkbook({ sheets: { S: row(1, ['a']) + row(2, [1]) }, after: { S: `<mergeCells>${'<mergeCell ref="C5:D5"/>'.repeat(100_001)}</mergeCells>` } })
    expect(failure(() => readXlsx(many, 'm.xlsx')).code).toBe('xlsx-too-many-merges')
    const long = craftWorkbook({ sheets: { S: row(1, ['a']) + `<row r="2"><c r="A2" t="inlineStr"><is><t>${'<![CDATA[xxxxxxxx]]>'.repeat(140_000)}</t></is></c></row>` } })
    expect(failure(() => readXlsx(long, 'l.xlsx')).code).toBe('xlsx-cell-too-long')
  })

  it('XML with a DTD (billion laughs, external entities) is refused', () => {
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    const bytes = withSheetEntry(() => ({ data: `<?xml version="1.0"?>${laughs}${sheetXml(row(1, ['&lol2;']))}` }))
    const error = failure(() => readXlsx(bytes, 'lol.xlsx'))
    expect(error.code).toBe('xlsx-dtd')
    expect(error.message).toContain('sheet "S" of "lol.xlsx" contains a DTD or entity declaration ("<!DOCTYPE lo…")')
    const external = craftWorkbook({ sheets: { S: row(1, ['a']) + row(2, [1]) }, sharedStrings: [] , override: (entries) => entries.map((e) => (e.name === 'xl/sharedStrings.xml' ? { ...e, data: '<!DOCTYPE sst SYSTEM "file:///etc/passwd"><sst/>' } : e)) })
    expect(failure(() => readXlsx(external, 'xxe.xlsx')).code).toBe('xlsx-dtd')
  })

  it('names from the file never reach an object prototype', () => {
    const sheets: Record<string, string> = Object.fromEntries([['__proto__', row(1, ['constructor', '__proto__']) + row(2, ['x', 'y'])]])
    const bytes = craftWorkbook({ sheets })
    const { table } = readXlsx(bytes, 'proto.xlsx')
    expect(readXlsx(bytes, 'proto.xlsx').sheets).toEqual(['__proto__'])
    expect(table.columns.map((c) => c.name)).toEqual(['constructor', '__proto__'])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})

describe('files that are not readable workbooks', () => {
  it('old .xls and password-protected workbooks (Compound File) say to save as .xlsx or CSV', async () => {
    const cfb = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    await expect(readDataFile(cfb, 'old.xls')).rejects.toMatchObject({
      code: 'xls-unsupported',
      message:
        'file "old.xls" is an old-format Excel workbook (.xls) or a password-protected one; open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx) without a password, or as CSV',
    })
  })

  it('a truncated workbook', async () => {
    const whole = file('clinic.xlsx')
    await expect(readDataFile(whole.subarray(0, whole.length - 200), 'cut.xlsx')).rejects.toMatchObject({ code: 'xlsx-damaged' })
  })

  it('a ZIP archive of something else, and an OpenDocument spreadsheet', async () => {
    await expect(readDataFile(craftZip([{ name: 'data.csv', data: 'a,b\n1,2\n' }]), 'export.zip')).rejects.toMatchObject({
      code: 'xlsx-not-workbook',
      message: 'file "export.zip" is a ZIP archive, not an Excel workbook (it has no xl/workbook.xml); save the sheet as .xlsx or CSV, or unzip it and open the data file inside',
    })
    const ods = craftZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
      { name: 'content.xml', data: '<office:document-content/>' },
    ])
    await expect(readDataFile(ods, 'sheet.ods')).rejects.toThrow(/is an OpenDocument spreadsheet \(\.ods\), not an Excel workbook/)
  })

  it('encrypted ZIP entries', () => {
    const bytes = craftWorkbook({ sheets: { S: row(1, ['a']) }, override: (entries) => entries.map((e) => ({ ...e, flags: 1 })) })
    expect(failure(() => readXlsx(bytes, 'locked.xlsx')).code).toBe('xlsx-encrypted')
  })
})

/** A workbook whose one sheet part is exactly `xml`. */
function craftZipWithSheet(xml: string): Uint8Array {
  return craftWorkbook({ sheets: { S: '' }, override: (entries) => entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, data: xml } : e)) })
}
