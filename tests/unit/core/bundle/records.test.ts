import { describe, expect, it } from 'vitest'
import { InputError } from '../../../../src/core/bundle/input-error'
import { recordsFromObjects, recordsToTable, tableToSchema, type RecordColumn } from '../../../../src/core/bundle/records'
import type { Column, Table } from '../../../../src/core/types'

const SCHEMA: RecordColumn[] = [
  { name: 'age', type: 'number' },
  { name: 'sex', type: 'category' },
]

function inputError(run: () => unknown): InputError {
  try {
    run()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

const values = (column: Column): (number | string | null)[] =>
  column.type === 'number' ? Array.from(column.values, (v) => (Number.isNaN(v) ? null : v)) : Array.from(column.codes, (c) => (c < 0 ? null : column.levels[c]))

describe('recordsToTable', () => {
  it('reads numbers and numeric text into number columns, text, numbers and booleans into category columns', () => {
    const { table, warnings } = recordsToTable(
      { columns: ['sex', 'age'], rows: [['F', 41], ['M', ' 3.5 '], [7, '1e2'], [true, null], [false, 'NA'], [null, ''], ['', -0]] },
      SCHEMA,
    )
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([['age', 'number'], ['sex', 'category']])
    expect(values(table.columns[0])).toEqual([41, 3.5, 100, null, null, null, -0])
    expect(values(table.columns[1])).toEqual(['F', 'M', '7', 'true', 'false', null, null])
    expect(warnings).toEqual([])
  })

  it('ignores columns the model does not use and names them once', () => {
    const { table, warnings } = recordsToTable({ columns: ['id', 'age', 'sex', 'note'], rows: [['a', 1, 'F', 'x'], ['b', 2, 'M', 'y']] }, SCHEMA)
    expect(table.columns.map((c) => c.name)).toEqual(['age', 'sex'])
    expect(warnings).toEqual(['ignored columns the model does not use: "id", "note"'])
  })

  it('a missing column is input-missing-column, naming every missing column', () => {
    const error = inputError(() => recordsToTable({ columns: ['height'], rows: [[1]] }, SCHEMA))
    expect(error).toMatchObject({ code: 'input-missing-column', row: null, column: 'age', expected: 'a column "age" of numbers' })
    expect(error.message).toBe('input: the model needs columns "age" (a number), "sex" (text), missing from the request')
  })

  it('text where a number belongs is input-type, naming row, column and what was expected', () => {
    const error = inputError(() => recordsToTable({ columns: ['age', 'sex'], rows: [[40, 'F'], ['forty', 'M']] }, SCHEMA))
    expect(error).toMatchObject({ code: 'input-type', row: 1, column: 'age', expected: 'a number' })
    expect(error.message).toBe('input: row 1, column "age": expected a number, got "forty"')
    expect(inputError(() => recordsToTable({ columns: ['age', 'sex'], rows: [[true, 'F']] }, SCHEMA)).message).toBe('input: row 0, column "age": expected a number, got true')
    expect(inputError(() => recordsToTable({ columns: ['age', 'sex'], rows: [[1, { a: 1 }]] }, SCHEMA)).message).toBe('input: row 0, column "sex": expected text, got an object')
  })

  it('ragged rows and wrong shapes are input-shape', () => {
    expect(inputError(() => recordsToTable({ columns: ['age', 'sex'], rows: [[1, 'F'], [2]] }, SCHEMA))).toMatchObject({
      code: 'input-shape',
      row: 1,
      message: 'input: row 1 has 1 cell; expected 2, one per column',
    })
    expect(inputError(() => recordsToTable({ columns: ['age', 'sex'], rows: [{ age: 1 }] as unknown as unknown[][] }, SCHEMA)).message).toBe('input: row 0 is an object; expected a list of 2 cells')
    expect(inputError(() => recordsToTable({ columns: 'age', rows: [] } as unknown as { columns: string[]; rows: unknown[][] }, SCHEMA)).message).toBe('input: columns are "age"; expected a list of column names')
    expect(inputError(() => recordsToTable({ columns: ['age', 'age'], rows: [] }, SCHEMA)).message).toBe('input: column "age" is given twice')
    expect(inputError(() => recordsToTable(null as unknown as { columns: string[]; rows: unknown[][] }, SCHEMA)).code).toBe('input-shape')
  })

  it('writes numbers with a decimal comma for a text column the cleaning reads that way', () => {
    const { table } = recordsToTable({ columns: ['w'], rows: [[72.5], ['72,5 kg']] }, [{ name: 'w', type: 'category', decimalComma: true }])
    expect(values(table.columns[0])).toEqual(['72,5', '72,5 kg'])
  })

  it('an empty request is an empty table', () => {
    const { table } = recordsToTable({ columns: ['age', 'sex'], rows: [] }, SCHEMA)
    expect(table.rowCount).toBe(0)
  })
})

describe('recordsFromObjects (MLflow dataframe_records and instances)', () => {
  it('takes columns in order of first appearance; an absent key is null', () => {
    expect(recordsFromObjects([{ age: 1, sex: 'F' }, { sex: 'M', extra: true }])).toEqual({ columns: ['age', 'sex', 'extra'], rows: [[1, 'F', null], [null, 'M', true]] })
  })

  it('refuses a record that is not an object, naming it', () => {
    const error = inputError(() => recordsFromObjects([{ age: 1 }, [1, 2]] as unknown as Record<string, unknown>[]))
    expect(error).toMatchObject({ code: 'input-shape', row: 1, message: 'input: record 1 is a list; expected an object of column → value' })
  })
})

describe('tableToSchema (files)', () => {
  const table: Table = {
    name: 'f.csv',
    rowCount: 3,
    columns: [
      { name: 'age', type: 'category', codes: Int32Array.from([0, 1, -1]), levels: ['40', 'NA '] },
      { name: 'sex', type: 'number', values: Float64Array.from([1, 0, NaN]) },
    ],
  }
  it('parses numbers held as text, writes numbers as text, and keeps missing cells missing', () => {
    const out = tableToSchema(table, SCHEMA)
    expect(out.columns.map(values)).toEqual([[40, null, null], ['1', '0', null]])
  })

  it('names the file row (from 1) holding text in a number column, and every missing column', () => {
    const bad: Table = { ...table, columns: [{ name: 'age', type: 'category', codes: Int32Array.from([0, 1]), levels: ['40', 'old'] }, table.columns[1]], rowCount: 2 }
    expect(inputError(() => tableToSchema(bad, SCHEMA))).toMatchObject({ code: 'input-type', row: 1, column: 'age', message: 'input: column "age" must hold numbers, but row 2 of "f.csv" holds "old"' })
    expect(inputError(() => tableToSchema({ ...table, columns: [] }, SCHEMA)).message).toBe('input: "f.csv" lacks the column(s) the model needs: age, sex')
  })
})
