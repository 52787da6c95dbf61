import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Predictor } from '../../../../src/core/bundle/predictor'
import { parseBundle } from '../../../../src/core/bundle/bundle'
import { takeRows } from '../../../../src/core/table/access'
import { readDataFile } from '../../../../src/core/table/read-file'
import { profileTable } from '../../../../src/core/table/profile'
import { runTraining, type TrainingRequest } from '../../../../src/core/train/run-training'
import { holdoutSplit } from '../../../../src/core/train/split'
import { encodeTarget } from '../../../../src/core/train/target'
import type { StandardScaler } from '../../../../src/core/pipeline/scaler'
import { FeaturePipeline } from '../../../../src/core/pipeline/pipeline'

const { table } = await readDataFile(new Uint8Array(readFileSync(new URL('../../../../sample-data/parkinsons.csv', import.meta.url))), 'parkinsons.csv')
const profile = profileTable(table)
const features = profile.columns.filter((c) => !['identifier', 'constant'].includes(c.kind) && c.name !== 'Diagnosis').map((c) => c.name)
const request: TrainingRequest = { target: 'Diagnosis', task: 'binary', features, family: 'logistic', params: {}, testShare: 0.2, seed: 42 }
const dataset = { name: 'parkinsons.csv', fingerprint: 'abc' }

describe('a training run on the Parkinson sample', () => {
  const result = runTraining(table, request, { dataset })

  it('learns something real on held-out rows', () => {
    expect(result.metrics.auc).toBeGreaterThan(0.8)
    expect(result.metrics.accuracy).toBeGreaterThan(0.7)
    expect(result.bundle.training).toMatchObject({ trainRows: 1684, testRows: 421, converged: true })
    expect(result.confusion.flat().reduce((a, b) => a + b, 0)).toBe(421)
  })

  it('is reproducible bit for bit', () => {
    const again = runTraining(table, request, { dataset })
    expect(again.bundle.model).toEqual(result.bundle.model)
    expect(again.metrics).toEqual(result.metrics)
  })

  it('bundle round-trips through JSON text and predicts the same', () => {
    const text = JSON.stringify(result.bundle)
    const predictor = Predictor.fromBundle(JSON.parse(text))
    const rows = holdoutSplit(Int32Array.from({ length: table.rowCount }, (_, i) => i), 0.2, 42, encodeTarget(table.columns.find((c) => c.name === 'Diagnosis')!, 'binary').y).test
    const test = takeRows(table, rows)
    const predictions = predictor.predict(test)
    // The bundle's own metrics came from the same rows: recompute accuracy from the reloaded predictor.
    const truth = encodeTarget(test.columns.find((c) => c.name === 'Diagnosis')!, 'binary')
    const correct = predictions.labels.filter((label, i) => label === truth.labels[truth.y[i]]).length
    expect(correct / test.rowCount).toBeCloseTo(result.metrics.accuracy, 12)
    const bundle = parseBundle(JSON.parse(text))
    expect(bundle).toMatchObject({ format: 'clinical-ml-studio/model-bundle', version: 1, task: 'binary', target: { name: 'Diagnosis', labels: ['0', '1'], positiveLabel: '1' } })
    expect(bundle.inputSchema.map((c) => c.name)).toEqual(features)
  })

  it('predicts rows with unseen and missing values without failing', () => {
    const predictor = Predictor.fromBundle(result.bundle)
    const row = takeRows(table, [0])
    for (const column of row.columns) if (column.type === 'number') column.values[0] = NaN
    const p = predictor.predict(row)
    expect(p.proba[0] + p.proba[1]).toBeCloseTo(1, 12)
  })
})

describe('the feature pipeline is fitted on training rows only', () => {
  it('scaler mean and imputed median come from training rows, not all rows', () => {
    const y = encodeTarget(table.columns.find((c) => c.name === 'Diagnosis')!, 'binary').y
    const { train } = holdoutSplit(Int32Array.from({ length: table.rowCount }, (_, i) => i), 0.2, 42, y)
    const trainTable = takeRows(table, train)
    const pipeline = FeaturePipeline.create(trainTable, ['UPDRS', 'BMI'])
    pipeline.fitTransform(trainTable)
    const updrs = (t: typeof table): number[] => Array.from((t.columns.find((c) => c.name === 'UPDRS') as { values: Float64Array }).values)
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length
    const scaler = pipeline.step<StandardScaler>('standardize')!
    expect(scaler.statsOf('UPDRS')!.mean).toBeCloseTo(mean(updrs(trainTable)), 9)
    expect(Math.abs(scaler.statsOf('UPDRS')!.mean - mean(updrs(table)))).toBeGreaterThan(1e-6)
    const bmiTrain = Array.from((trainTable.columns.find((c) => c.name === 'BMI') as { values: Float64Array }).values).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
    const median = bmiTrain.length % 2 ? bmiTrain[(bmiTrain.length - 1) / 2] : (bmiTrain[bmiTrain.length / 2 - 1] + bmiTrain[bmiTrain.length / 2]) / 2
    expect(pipeline.toJSON().steps[0]).toMatchObject({ kind: 'impute', fills: { BMI: median } })
  })
})

describe('bad training requests', () => {
  it('no usable feature', () => {
    expect(() => runTraining(table, { ...request, features: ['Diagnosis'] }, { dataset })).toThrow(/no usable feature/)
  })
  it('single-class target', () => {
    expect(() => runTraining(table, { ...request, target: 'DoctorInCharge' }, { dataset })).toThrow(/has only the class "DrXXXConfid"/)
  })
  it('regression with a classifier', () => {
    expect(() => runTraining(table, { ...request, target: 'UPDRS', task: 'regression' }, { dataset })).toThrow(/does not do regression/)
  })
})
