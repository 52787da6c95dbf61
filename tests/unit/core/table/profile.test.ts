import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { profileTable } from '../../../../src/core/table/profile'
import { readDataFile } from '../../../../src/core/table/read-file'
import { parseCsv } from '../../../../src/core/table/csv'

const kinds = (csv: string): Record<string, string> =>
  Object.fromEntries(profileTable(parseCsv(csv, 't.csv').table).columns.map((c) => [c.name, c.kind]))

function rowsCsv(header: string, row: (i: number) => string, n = 40): string {
  return [header, ...Array.from({ length: n }, (_, i) => row(i))].join('\n')
}

describe('column type inference', () => {
  it('tells numeric, boolean, categorical, identifier, text and constant apart', () => {
    const csv = rowsCsv('id,age,smoker,answer,sex,site,note,unit', (i) =>
      [1000 + i, 20 + (i % 30), i % 2, i % 3 ? 'yes' : 'no', ['F', 'M', 'X'][i % 3], 'north', `free text remark number ${i} about the patient visit`, 'mg'].join(','),
    )
    expect(kinds(csv)).toEqual({
      id: 'identifier', age: 'numeric', smoker: 'boolean', answer: 'boolean', sex: 'categorical', site: 'constant', note: 'text', unit: 'constant',
    })
  })

  it('does not call a unique float column an identifier', () => {
    expect(kinds(rowsCsv('bmi', (i) => String(20 + i / 7)))).toEqual({ bmi: 'numeric' })
  })

  it('calls short unique text codes identifiers', () => {
    expect(kinds(rowsCsv('patient', (i) => `P-${i}`))).toEqual({ patient: 'identifier' })
  })

  it('profiles missing counts, distinct values, numeric summary and top values', () => {
    const { columns } = profileTable(parseCsv('x,c\n1,a\n,b\n3,a\nNA,\n', 't.csv').table)
    expect(columns[0]).toMatchObject({ missing: 2, missingShare: 0.5, distinct: 2, numeric: { min: 1, max: 3, mean: 2 } })
    expect(columns[1]).toMatchObject({ missing: 1, distinct: 2, topValues: [{ value: 'a', count: 2 }, { value: 'b', count: 1 }] })
  })

  it('profiles the Parkinson sample as expected', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../../sample-data/parkinsons.csv', import.meta.url)))
    const { table } = await readDataFile(bytes, 'parkinsons.csv')
    expect(table.rowCount).toBe(2105)
    expect(table.columns.length).toBe(35)
    const byName = Object.fromEntries(profileTable(table).columns.map((c) => [c.name, c]))
    expect(byName.PatientID.kind).toBe('identifier')
    expect(byName.DoctorInCharge.kind).toBe('constant')
    expect(byName.Diagnosis.kind).toBe('boolean')
    expect(byName.UPDRS.kind).toBe('numeric')
    expect(byName.BMI.missing).toBeGreaterThan(0)
  })
})
