import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { crossValidate, type CrossValidationRequest } from '../../../../src/core/eval/cross-validate'
import { takeRows } from '../../../../src/core/table/access'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { defaultFeatures } from '../../../../src/core/train/default-features'

const { table } = await readDataFile(new Uint8Array(readFileSync(new URL('../../../../sample-data/parkinsons.csv', import.meta.url))), 'parkinsons.csv')
const features = defaultFeatures(profileTable(table), 'Diagnosis')
const request: CrossValidationRequest = {
  target: 'Diagnosis', task: 'binary', features, family: 'logistic', params: {}, seed: 7, testShare: 0, scheme: { kind: 'stratified', k: 5, seed: 7 },
}

describe('cross-validation', () => {
  it('scores every fold and pools out-of-fold predictions over every labelled row', async () => {
    const result = await crossValidate(table, request)
    expect(result.folds).toHaveLength(5)
    expect(result.folds.reduce((a, f) => a + f.validRows, 0)).toBe(2105)
    expect(result.summary.auc.mean).toBeGreaterThan(0.8)
    expect(result.summary.auc.std).toBeGreaterThan(0)
    expect(result.summary.auc.defined).toBe(5)
    expect(result.pooled.roc?.fpr.at(-1)).toBe(1)
    expect(new Set(result.assignment)).toEqual(new Set([1, 2, 3, 4, 5]))
  })

  it('is deterministic for a seed', async () => {
    const a = await crossValidate(table, request)
    const b = await crossValidate(table, request)
    expect(b.summary).toEqual(a.summary)
    expect(Array.from(b.assignment)).toEqual(Array.from(a.assignment))
  })

  it('holds a locked test split out of every fold', async () => {
    const result = await crossValidate(table, { ...request, testShare: 0.2 })
    expect(result.testRows.length).toBe(421)
    for (const i of result.testRows) expect(result.assignment[i]).toBe(0)
    expect(result.folds.reduce((a, f) => a + f.validRows, 0)).toBe(2105 - 421)
  })

  it("never lets a fold's validation rows influence that fold's fitted pipeline or model", async () => {
    const fitted: string[] = []
    const first = await crossValidate(table, request, { onFold: (o, f) => o.fold === 1 && fitted.push(JSON.stringify([f.pipeline.toJSON(), f.model.toJSON()])) })
    // Wreck every feature of fold 1's validation rows; fold 1's fit must not change, its score must.
    const changed = takeRows(table, Int32Array.from({ length: table.rowCount }, (_, i) => i))
    for (const column of changed.columns) {
      if (column.type !== 'number' || column.name === 'Diagnosis') continue
      for (let i = 0; i < changed.rowCount; i++) if (first.assignment[i] === 1) column.values[i] = column.values[i] * 50 - 999
    }
    const second = await crossValidate(changed, request, { onFold: (o, f) => o.fold === 1 && fitted.push(JSON.stringify([f.pipeline.toJSON(), f.model.toJSON()])) })
    expect(fitted[1]).toBe(fitted[0])
    expect(second.folds[0].metrics.auc).not.toBe(first.folds[0].metrics.auc)
    expect(second.folds[1].metrics).not.toEqual(first.folds[1].metrics) // fold 2 trains on the wrecked rows
  })

  it('refuses group folds on a column with one group, and too many folds for a class, before training', async () => {
    await expect(crossValidate(table, { ...request, scheme: { kind: 'group', k: 3, seed: 1, column: 'DoctorInCharge' } })).rejects.toThrow('the group column has 1 group')
    await expect(crossValidate(takeRows(table, Int32Array.from({ length: 40 }, (_, i) => i)), { ...request, scheme: { kind: 'stratified', k: 30, seed: 1 } })).rejects.toThrow(/larger than the smallest class/)
  })

  it('refuses a family that cannot do the task', async () => {
    await expect(crossValidate(table, { ...request, task: 'regression', target: 'UPDRS' })).rejects.toThrow('cross-validation: Logistic regression does not do regression')
  })
})
