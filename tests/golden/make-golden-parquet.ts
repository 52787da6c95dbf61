/**
 * Writes the Parquet golden input with hyparquet-writer (run once:
 * `npx tsx tests/golden/make-golden-parquet.ts`). The expected table is
 * parquet/mixed.expected.json, written by hand.
 */
import { writeFileSync } from 'node:fs'
import { parquetWriteBuffer } from 'hyparquet-writer'

const buffer = parquetWriteBuffer({
  columnData: [
    { name: 'id', data: [1, 2, 3, 4], type: 'INT32' },
    { name: 'weight_kg', data: [70.5, null, 88.25, 61], type: 'DOUBLE' },
    { name: 'sex', data: ['female', 'male', null, 'NA'], type: 'STRING' },
    { name: 'smoker', data: [true, false, true, null], type: 'BOOLEAN' },
    { name: 'Straße', data: ['Hauptstraße 1', 'Bahnhofstraße, 2', 'Ünter 3', 'x'], type: 'STRING' },
  ],
})
writeFileSync(new URL('./parquet/mixed.parquet', import.meta.url), new Uint8Array(buffer))
