import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fingerprintTable } from '../../../../src/core/table/fingerprint'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { tableToPlain } from '../../../golden/table-json'

const load = (name: string) => readDataFile(new Uint8Array(readFileSync(new URL(`../../../../sample-data/${name}`, import.meta.url))), name)

describe.each(['parkinsons', 'ms-treatment'])('%s sample', (base) => {
  it('reads the same table from CSV and Parquet, with the same fingerprint', async () => {
    const csv = await load(`${base}.csv`)
    const parquet = await load(`${base}.parquet`)
    expect(tableToPlain(parquet.table)).toEqual(tableToPlain(csv.table))
    expect(fingerprintTable(parquet.table)).toBe(fingerprintTable(csv.table))
  })
})

describe('fingerprint', () => {
  it('changes when one cell changes', async () => {
    const { table } = await load('parkinsons.csv')
    const before = fingerprintTable(table)
    const age = table.columns[1]
    if (age.type !== 'number') throw new Error('Age should be numeric')
    age.values[5] += 1
    expect(fingerprintTable(table)).not.toBe(before)
    expect(before).toMatch(/^[0-9a-f]{16}$/)
  })
})
