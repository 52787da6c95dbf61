import { describe, expect, it } from 'vitest'
import { parseBundle } from '../../../../../src/core/bundle/bundle'
import { goldenJson, readTable, tableRecords } from '../../bundle/helpers'
import { compareWithStudio, ONNX_TOLERANCE } from './helpers'

/**
 * The committed golden bundles — version 1 (migrated on load, with the first
 * studio's pipeline forms) and version 2 (with cleaning steps of every
 * replayed kind: the graph then starts from the cleaned columns) — export and
 * score in onnxruntime as the studio scores them.
 */
const cases: [string, string][] = [
  ['v1-logistic-ms', 'sample-data/ms-treatment.csv'],
  ['v1-gbdt-parkinsons', 'sample-data/parkinsons.csv'],
  ['v1-forest-ms-type', 'sample-data/ms-treatment.csv'],
  ['v1-linreg-ms-edss', 'sample-data/ms-treatment.csv'],
  ['v2-logistic-vitals', 'tests/golden/bundles/vitals.csv'],
  ['v2-logistic-ms', 'sample-data/ms-treatment.csv'],
  ['v2-gbdt-parkinsons', 'sample-data/parkinsons.csv'],
]

describe('golden bundles exported to ONNX', () => {
  it.each(cases)('%s', async (name, data) => {
    const bundle = parseBundle(goldenJson(`${name}.json`))
    const table = await readTable(data)
    const rows = Array.from({ length: Math.min(300, table.rowCount) }, (_, i) => i)
    const result = await compareWithStudio(bundle, tableRecords(table, rows))
    expect(result.rows).toBeGreaterThan(200)
    expect(result.maxDiff).toBeLessThan(ONNX_TOLERANCE)
    expect(result.ties).toBe(0)
  })
})
