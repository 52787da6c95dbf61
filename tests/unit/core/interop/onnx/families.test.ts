import { describe, expect, it } from 'vitest'
import type { RecordsInput } from '../../../../../src/core/bundle/predict-types'
import { msSample, tableRecords, trainMs } from '../../bundle/helpers'
import { compareWithStudio, ONNX_TOLERANCE } from './helpers'

const ms = await msSample()

/** Every 7th row of the sample, then copies with cells blanked and categories never seen in training. */
function msRecords(): RecordsInput {
  const base = tableRecords(ms.table, Array.from({ length: 200 }, (_, i) => i * 7))
  const col = (name: string): number => base.columns.indexOf(name)
  const extra = base.rows.slice(0, 40).map((row, i) => {
    const copy = [...row]
    if (i % 4 === 0) copy[col('age')] = null
    if (i % 4 === 1) copy[col('gender')] = null
    if (i % 4 === 2) copy[col('ms_type')] = 'never-seen-type'
    if (i % 4 === 3) copy[col('lesion_volume_ml')] = null
    if (i % 5 === 0) copy[col('edss')] = null
    return copy
  })
  return { columns: base.columns, rows: [...base.rows, ...extra] }
}

describe('ONNX export of the MS sample, run in onnxruntime', () => {
  it('logistic regression gives the studio’s probabilities and labels', async () => {
    const { bundle } = await trainMs(ms.table, ms.recipe, { family: 'logistic' })
    const result = await compareWithStudio(bundle, msRecords())
    expect(result.rows).toBeGreaterThan(200)
    expect(result.maxDiff).toBeLessThan(ONNX_TOLERANCE)
    expect(result.ties).toBe(0)
  })
})
