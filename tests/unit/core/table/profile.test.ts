import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { quickKind } from '../../../../src/core/table/profile/column-kind'
import { profileColumn, profileTable } from '../../../../src/core/table/profile/profile'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { parseCsv } from '../../../../src/core/table/read/csv'

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

describe('full column profile', () => {
  it('gives every field of a numeric column', () => {
    const { columns } = profileTable(parseCsv('x\n3\n1\nNA\n3\n2\n3\n1\n', 't.csv').table)
    expect(columns[0]).toEqual({
      name: 'x', storage: 'number', kind: 'numeric', missing: 1, missingShare: 1 / 7, present: 6, distinct: 3,
      // sorted [1,1,2,3,3,3]: positions 1.25, 2.5, 3.75 → 1.25, 2.5, 3
      numeric: { min: 1, q1: 1.25, median: 2.5, q3: 3, max: 3, mean: 13 / 6, std: expect.any(Number) },
      topValues: [{ value: '3', count: 3 }, { value: '1', count: 2 }, { value: '2', count: 1 }],
      distribution: { type: 'histogram', edges: [0.5, 1.5, 2.5, 3.5], counts: [2, 1, 3] },
    })
  })

  it('orders tied top values by value, numbers numerically, and keeps five', () => {
    const values = [10, 9, 2, 100, 5, 7, 7]
    const { columns } = profileTable(parseCsv(`x,c\n${values.map((v) => `${v},v${v}`).join('\n')}\n`, 't.csv').table)
    expect(columns[0].topValues.map((t) => t.value)).toEqual(['7', '2', '5', '9', '10'])
    // Text by code point: "v10" < "v100" < "v2".
    expect(columns[1].topValues.map((t) => t.value)).toEqual(['v7', 'v10', 'v100', 'v2', 'v5'])
  })

  it('profiles an empty numeric column without a summary', () => {
    const column = profileColumn({ name: 'e', type: 'number', values: Float64Array.from([NaN, NaN]) }, 2)
    expect(column).toMatchObject({ kind: 'constant', missing: 2, missingShare: 1, present: 0, distinct: 0, topValues: [], distribution: { type: 'histogram', edges: [], counts: [] } })
    expect(column.numeric).toBeUndefined()
  })

  it('infers the same kinds without the full profile (quickKind)', async () => {
    const tables = await Promise.all(['parkinsons.csv', 'ms-treatment.csv'].map(async (name) => {
      const bytes = new Uint8Array(readFileSync(new URL(`../../../../sample-data/${name}`, import.meta.url)))
      return (await readDataFile(bytes, name)).table
    }))
    tables.push(parseCsv(rowsCsv('id,age,smoker,answer,sex,site,note,unit,big,code', (i) =>
      [1000 + i, 20 + (i % 30), i % 2, i % 3 ? 'yes' : 'no', ['F', 'M', 'X'][i % 3], 'north', `free text remark number ${i} about the patient visit`, 'mg', i * 1e9, `P-${i}`].join(','),
    ), 't.csv').table)
    for (const table of tables) {
      for (const column of table.columns) expect([column.name, quickKind(column)]).toEqual([column.name, profileColumn(column, table.rowCount).kind])
    }
  })

  it('returns plain data that survives structured clone', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../../sample-data/ms-treatment.csv', import.meta.url)))
    const profile = profileTable((await readDataFile(bytes, 'ms-treatment.csv')).table)
    expect(structuredClone(profile)).toEqual(profile)
    expect(JSON.parse(JSON.stringify(profile))).toEqual(profile)
    expect(profile.identifierColumns).toEqual(['patient_id'])
  })
})
