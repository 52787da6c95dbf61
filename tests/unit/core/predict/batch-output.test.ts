import { describe, expect, it } from 'vitest'
import type { BatchResult } from '../../../../src/core/bundle/predict-types'
import { batchOutputTable } from '../../../../src/core/predict/batch-output'
import { cellText } from '../../../../src/core/table/access'
import { tableToCsv } from '../../../../src/core/table/write/write-csv'
import type { Table } from '../../../../src/core/types'

const input: Table = {
  name: 'patients.csv',
  rowCount: 3,
  columns: [
    { name: 'id', type: 'category', codes: Int32Array.from([0, 1, 2]), levels: ['A', 'B', '=cmd'] },
    { name: 'age', type: 'number', values: Float64Array.from([41, 48, 67]) },
    { name: 'prediction', type: 'number', values: Float64Array.from([1, 2, 3]) },
  ],
}

const classified: BatchResult = {
  rows: [
    { label: 'yes', probabilities: { no: 0.25, yes: 0.75 } },
    null,
    { label: 'no', probabilities: { no: 0.6, yes: 0.4 } },
  ],
  issues: [
    { row: 1, column: 'edss', code: 'rule-range', message: 'edss 14 is outside 0 to 10', action: 'refused' },
    { row: 2, column: 'age', code: 'rule-range', message: 'age 400 is above 120; left blank', action: 'blanked' },
    { row: 2, column: 'bmi', code: 'rule-range', message: 'bmi 2 is below 10; left blank', action: 'blanked' },
  ],
  warnings: [],
}

const texts = (table: Table, name: string) => {
  const column = table.columns.find((c) => c.name === name)!
  return Array.from({ length: table.rowCount }, (_, i) => cellText(column, i))
}

describe('batchOutputTable', () => {
  it('keeps the file\'s columns, then the class at the threshold, a probability per class and the issues; a taken name gets a suffix', () => {
    const out = batchOutputTable(input, classified, { labels: ['no', 'yes'], threshold: 0.5 })
    expect(out.columns.map((c) => c.name)).toEqual(['id', 'age', 'prediction', 'prediction_2', 'proba_no', 'proba_yes', 'issues'])
    expect(out.columns.slice(0, 3)).toEqual(input.columns)
    expect(texts(out, 'prediction_2')).toEqual(['yes', '', 'no'])
    expect(texts(out, 'proba_yes')).toEqual(['0.75', '', '0.4'])
    expect(texts(out, 'issues')).toEqual(['', 'edss 14 is outside 0 to 10', 'age 400 is above 120; left blank; bmi 2 is below 10; left blank'])
  })

  it('the class follows the threshold given, not the label the model returned', () => {
    const out = batchOutputTable(input, classified, { labels: ['no', 'yes'], threshold: 0.3 })
    expect(texts(out, 'prediction_2')).toEqual(['yes', '', 'yes'])
  })

  it('numeric labels stay numbers, as the CLI writes them', () => {
    const result: BatchResult = { rows: [{ probabilities: { '0': 0.1, '1': 0.9 } }], issues: [], warnings: [] }
    const one = { ...input, rowCount: 1, columns: [{ name: 'x', type: 'number' as const, values: Float64Array.from([1]) }] }
    const out = batchOutputTable(one, result, { labels: ['0', '1'], threshold: 0.5 })
    expect(out.columns.find((c) => c.name === 'prediction')).toEqual({ name: 'prediction', type: 'number', values: Float64Array.from([1]) })
  })

  it('regression: the value as `prediction`, missing for a refused row', () => {
    const result: BatchResult = { rows: [{ value: 12.5 }, null, { value: -3 }], issues: classified.issues.slice(0, 1), warnings: [] }
    const out = batchOutputTable(input, result, null)
    expect(out.columns.map((c) => c.name)).toEqual(['id', 'age', 'prediction', 'prediction_2', 'issues'])
    expect(texts(out, 'prediction_2')).toEqual(['12.5', '', '-3'])
  })

  it('as CSV, a cell a spreadsheet would run as a formula is escaped', () => {
    const csv = tableToCsv(batchOutputTable(input, classified, { labels: ['no', 'yes'], threshold: 0.5 }), { newline: '\n' })
    expect(csv.split('\n')[3]).toMatch(/^"'=cmd",67,3,no,0\.6,0\.4,/)
  })
})
