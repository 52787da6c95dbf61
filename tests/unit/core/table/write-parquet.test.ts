import { readFileSync } from 'node:fs'
import { parquetMetadata } from 'hyparquet'
import { describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import { proposeRecipe } from '../../../../src/core/clean/propose-recipe'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { DESCRIPTIONS_KEY, withDescriptions } from '../../../../src/core/table/column-descriptions'
import { tableToParquet } from '../../../../src/core/table/write/write-parquet'
import type { Table } from '../../../../src/core/types'
import { tableToPlain } from '../../../golden/table-json'

const table: Table = {
  name: 't',
  rowCount: 4,
  columns: [
    { name: 'x', type: 'number', values: Float64Array.from([0.1 + 0.2, -3.5, NaN, 1e300]) },
    { name: 'text', type: 'category', codes: Int32Array.from([0, 1, -1, 2]), levels: ['plain', 'a, "quoted"\nline', 'élan ✓'] },
    { name: 'all missing', type: 'number', values: Float64Array.from([NaN, NaN, NaN, NaN]) },
  ],
}

const readBack = async (buffer: ArrayBuffer) => (await readDataFile(new Uint8Array(buffer), 'back.parquet')).table

describe('tableToParquet', () => {
  it('writes DOUBLE for numbers and STRING for categories', () => {
    const schema = parquetMetadata(tableToParquet(table)).schema.slice(1)
    expect(schema.map((s) => [s.name, s.type, s.converted_type, s.repetition_type])).toEqual([
      ['x', 'DOUBLE', undefined, 'OPTIONAL'],
      ['text', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      ['all missing', 'DOUBLE', undefined, 'OPTIONAL'],
    ])
  })

  it('round-trips through the Parquet reader, nulls for missing cells', async () => {
    expect(tableToPlain(await readBack(tableToParquet(table)))).toEqual(tableToPlain(table))
  })

  it('round-trips the cleaned MS sample', async () => {
    const source = (await readDataFile(new Uint8Array(readFileSync(new URL('../../../../sample-data/ms-treatment.parquet', import.meta.url))), 'ms.parquet')).table
    const { table: cleaned } = await applyRecipe(source, proposeRecipe(source, profileTable(source), 'treatment_response'), { textEngine: 'core' })
    expect(tableToPlain(await readBack(tableToParquet(cleaned)))).toEqual(tableToPlain(cleaned))
  })
})

describe('column descriptions in Parquet', () => {
  it('survive export and reading back, through the file key-value metadata', async () => {
    const described: Table = {
      ...table,
      columns: [{ ...table.columns[0], description: 'unit: kg' }, table.columns[1], { ...table.columns[2], description: 'unit: %' }],
    }
    const buffer = tableToParquet(described)
    expect(parquetMetadata(buffer).key_value_metadata).toContainEqual({ key: 'clinical-ml-studio:column-descriptions', value: '{"x":"unit: kg","all missing":"unit: %"}' })
    const back = await readBack(buffer)
    expect(back.columns.map((c) => c.description)).toEqual(['unit: kg', undefined, 'unit: %'])
  })

  it('a table without descriptions writes no entry', () => {
    expect(parquetMetadata(tableToParquet(table)).key_value_metadata ?? []).not.toContainEqual(expect.objectContaining({ key: 'clinical-ml-studio:column-descriptions' }))
  })

  it('an unreadable entry is ignored rather than refusing the file', () => {
    for (const value of ['not json', '[1]', '{"x": 3}', 'null']) expect(withDescriptions(table, [{ key: DESCRIPTIONS_KEY, value }])).toBe(table)
    expect(withDescriptions(table, [{ key: DESCRIPTIONS_KEY, value: '{"x": "unit: kg", "nope": "y"}' }]).columns[0].description).toBe('unit: kg')
  })
})
