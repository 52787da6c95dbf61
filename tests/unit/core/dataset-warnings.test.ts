import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DataSession } from '../../../src/core/data-session'
import { describeTable, loadDataset } from '../../../src/core/dataset'
import { readerFindings } from '../../../src/core/table/read/reader-findings'
import { makeTable } from './clean/tables'

const golden = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../golden/csv/${name}`, import.meta.url)))
const text = (s: string): Uint8Array => new TextEncoder().encode(s)
const source = { format: 'csv' as const, byteLength: 0, readMs: 0 }

describe('reader findings in the profile warnings', () => {
  it('a renamed duplicate and a blank header are profile warnings, each once, first in the list', async () => {
    const { view } = await loadDataset(golden('duplicate-headers.csv'), 'duplicate-headers.csv')
    const reader = view.profile.warnings.filter((w) => w.kind === 'renamed-column')
    expect(reader.map((w) => [w.column, w.severity])).toEqual([
      ['age_2', 'warning'],
      ['column_4', 'info'],
      ['age_3', 'warning'],
    ])
    expect(reader[0].message).toBe('The header names "age" more than once: column 3 was renamed "age_2". Check which one you mean.')
    expect(view.profile.warnings.slice(0, 3)).toEqual(reader)
    expect(view.warnings).toHaveLength(3)
  })

  it('a decimal comma read in a semicolon file is an info warning naming the columns', async () => {
    const { view } = await loadDataset(golden('european-pandas.csv'), 'european-pandas.csv')
    const found = view.profile.warnings.filter((w) => w.kind === 'decimal-comma')
    expect(found).toHaveLength(1)
    expect(found[0].severity).toBe('info')
    expect(found[0].message).toMatch(/^A decimal comma was detected: numbers such as "1,5" were read as numbers \(1.5\) in 3 columns: edss, weight and crp\.$/)
    expect(view.profile.columns.filter((c) => c.kind === 'numeric').map((c) => c.name)).toEqual(['age', 'edss', 'weight', 'crp'])
  })

  it('a file that reads as one column of prose gets a single-column warning', async () => {
    const { view } = await loadDataset(text('this is not a table at all\nreally not\nno\n'), 'notes.csv')
    expect(view.profile.warnings.map((w) => w.kind)).toContain('single-column')
  })

  it("another reader's plain messages become 'reader' warnings, once each", () => {
    const view = describeTable(makeTable({ a: [1, 2, 3] }), { ...source, warnings: ['Sheet "Visits" was read; the workbook has 3 sheets.', 'Sheet "Visits" was read; the workbook has 3 sheets.'] })
    expect(view.profile.warnings).toEqual([{ kind: 'reader', severity: 'warning', message: 'Sheet "Visits" was read; the workbook has 3 sheets.' }])
  })

  it("the CSV reader's findings keep their kind when a wrapping reader passes on only the messages", async () => {
    const { view } = await loadDataset(golden('european-grouped.csv'), 'european-grouped.csv')
    const plainOnly = describeTable(makeTable({ a: [1, 2] }), { ...source, warnings: view.warnings })
    expect(plainOnly.profile.warnings.map((w) => w.kind)).toEqual(['decimal-comma', 'mixed-decimal', 'mixed-decimal'])
    const prose = await loadDataset(text('this is not a table at all\nreally not\n'), 'notes.csv')
    expect(readerFindings(prose.view.warnings).map((f) => f.kind)).toEqual(['single-column'])
  })

  it('classifying is idempotent: structured findings and their messages give each finding once', () => {
    const warnings = ['Column 2 has no name in the header, so it is called "column_2".', 'something else']
    const once = readerFindings(warnings)
    expect(readerFindings(warnings, once)).toEqual(once)
    expect(once.map((f) => f.kind)).toEqual(['renamed-column', 'reader'])
  })

  it('a cleaned view keeps the reader findings of its file', async () => {
    const session = new DataSession()
    await session.load(golden('duplicate-headers.csv'), 'duplicate-headers.csv')
    const { view } = await session.applyRecipe({ format: 'clinical-ml-studio/cleaning-recipe', version: 1, sourceColumns: ['age', 'sex', 'age_2', 'column_4', 'age_3'], steps: [{ id: 'd', kind: 'drop-columns', columns: ['column_4'] }] })
    expect(view.profile.warnings.filter((w) => w.kind === 'renamed-column')).toHaveLength(3)
  })
})

describe('numbers written as text in the profile warnings', () => {
  it('mixed units: names each unit with its row count', () => {
    const weight = [...Array.from({ length: 12 }, (_, i) => `${60 + i} kg`), '154 lb', '170 lb', null]
    const height = Array.from({ length: 15 }, (_, i) => `${160 + i} cm`)
    const view = describeTable(makeTable({ weight, height }), { ...source, warnings: [] })
    const mixed = view.profile.warnings.filter((w) => w.kind === 'mixed-units')
    expect(mixed).toEqual([
      {
        kind: 'mixed-units', column: 'weight', severity: 'warning', value: 2,
        message: 'weight has mixed units: kg (12 rows), lb (2 rows). It stays text: the studio does not guess how to convert between units. Bring the values to one unit in the source, then the Clean page can strip it.',
      },
    ])
  })

  it('one unit, decimal commas or pairs: a note pointing to the Clean page, and no "group them" or identifier advice', () => {
    const n = 30
    const table = makeTable({
      height: Array.from({ length: n }, (_, i) => `${150 + i} cm`),
      edss: Array.from({ length: n }, (_, i) => `${i % 9},5`),
      bp: Array.from({ length: n }, (_, i) => `${110 + i}/${70 + (i % 20)}`),
      ward: Array.from({ length: n }, (_, i) => `W${i}`),
    })
    const view = describeTable(table, { ...source, warnings: [] })
    const notes = view.profile.warnings.filter((w) => w.kind === 'numbers-as-text')
    expect(notes.map((w) => [w.column, w.severity])).toEqual([['height', 'info'], ['edss', 'info'], ['bp', 'info']])
    expect(notes[0].message).toBe("height holds numbers with the unit cm, so it was read as text; the Clean page suggests removing the unit (kept in the column's description) to read them as numbers.")
    expect(notes[1].message).toBe('edss holds numbers written with a decimal comma (e.g. "0,5"), so it was read as text; the Clean page suggests reading them as numbers.')
    expect(notes[2].message).toBe('bp holds pairs of numbers such as "110/70", so it was read as text; the Clean page suggests splitting them into two number columns.')
    // Unique codes still get the identifier note; the measurements do not.
    expect(view.profile.warnings.filter((w) => w.kind === 'identifier' || w.kind === 'high-cardinality').map((w) => w.column)).toEqual(['ward'])
  })
})
