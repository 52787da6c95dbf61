import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Predictor } from '../../../../src/core/bundle/predictor'
import { parseBundle } from '../../../../src/core/bundle/bundle'
import { takeRows } from '../../../../src/core/table/access'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { runTraining, type TrainingRequest } from '../../../../src/core/train/run-training'
import { holdoutSplit } from '../../../../src/core/train/split'
import { encodeTarget } from '../../../../src/core/train/target'
import type { Scaler } from '../../../../src/core/pipeline/scaler'
import type { Imputer } from '../../../../src/core/pipeline/imputer'
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from '../../../../src/core/pipeline/config'
import { FeaturePipeline } from '../../../../src/core/pipeline/pipeline'

const { table } = await readDataFile(new Uint8Array(readFileSync(new URL('../../../../sample-data/parkinsons.csv', import.meta.url))), 'parkinsons.csv')
const profile = profileTable(table)
const features = profile.columns.filter((c) => !['identifier', 'constant'].includes(c.kind) && c.name !== 'Diagnosis').map((c) => c.name)
const request: TrainingRequest = { target: 'Diagnosis', task: 'binary', features, family: 'logistic', params: {}, testShare: 0.2, seed: 42 }
const dataset = { name: 'parkinsons.csv', fingerprint: 'abc' }

const result = await runTraining(table, request, { dataset })

describe('a training run on the Parkinson sample', () => {
  it('learns something real on held-out rows', async () => {
    expect(result.metrics.auc).toBeGreaterThan(0.8)
    expect(result.metrics.accuracy).toBeGreaterThan(0.7)
    expect(result.bundle.training).toMatchObject({ trainRows: 1684, testRows: 421, converged: true })
    expect(result.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(421)
  })

  it('is reproducible bit for bit', async () => {
    const again = await runTraining(table, request, { dataset })
    expect(again.bundle.model).toEqual(result.bundle.model)
    expect(again.metrics).toEqual(result.metrics)
  })

  it('bundle round-trips through JSON text and predicts the same', async () => {
    const text = JSON.stringify(result.bundle)
    const predictor = Predictor.fromBundle(JSON.parse(text))
    const rows = holdoutSplit(Int32Array.from({ length: table.rowCount }, (_, i) => i), 0.2, 42, encodeTarget(table.columns.find((c) => c.name === 'Diagnosis')!, 'binary').y).test
    const test = takeRows(table, rows)
    const predictions = predictor.predict(test)
    // The bundle's own metrics came from the same rows: recompute accuracy from the reloaded predictor.
    const truth = encodeTarget(test.columns.find((c) => c.name === 'Diagnosis')!, 'binary')
    const correct = predictions.labels.filter((label, i) => label === truth.labels[truth.y[i]]).length
    expect(correct / test.rowCount).toBeCloseTo(result.metrics.accuracy!, 12)
    const bundle = parseBundle(JSON.parse(text))
    expect(bundle).toMatchObject({ format: 'clinical-ml-studio/model-bundle', version: 2, task: 'binary', target: { name: 'Diagnosis', labels: ['0', '1'], positiveLabel: '1' } })
    expect(bundle.inputSchema.map((c) => c.name)).toEqual(features)
  })

  it('predicts rows with unseen and missing values without failing', async () => {
    const predictor = Predictor.fromBundle(result.bundle)
    const row = takeRows(table, [0])
    for (const column of row.columns) if (column.type === 'number') column.values[0] = NaN
    const p = predictor.predict(row)
    expect(p.proba[0] + p.proba[1]).toBeCloseTo(1, 12)
  })
})

describe('the feature pipeline is fitted on training rows only', () => {
  it('scaler mean and imputed median come from training rows, not all rows', async () => {
    const y = encodeTarget(table.columns.find((c) => c.name === 'Diagnosis')!, 'binary').y
    const { train } = holdoutSplit(Int32Array.from({ length: table.rowCount }, (_, i) => i), 0.2, 42, y)
    const trainTable = takeRows(table, train)
    const pipeline = FeaturePipeline.create(trainTable, ['UPDRS', 'BMI'])
    pipeline.fitTransform(trainTable)
    const updrs = (t: typeof table): number[] => Array.from((t.columns.find((c) => c.name === 'UPDRS') as { values: Float64Array }).values)
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length
    const scaler = pipeline.step<Scaler>('scale')!
    expect(scaler.paramsOf('UPDRS')!.center).toBeCloseTo(mean(updrs(trainTable)), 9)
    expect(Math.abs(scaler.paramsOf('UPDRS')!.center - mean(updrs(table)))).toBeGreaterThan(1e-6)
    const bmiTrain = Array.from((trainTable.columns.find((c) => c.name === 'BMI') as { values: Float64Array }).values).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
    const median = bmiTrain.length % 2 ? bmiTrain[(bmiTrain.length - 1) / 2] : (bmiTrain[bmiTrain.length / 2 - 1] + bmiTrain[bmiTrain.length / 2]) / 2
    expect(pipeline.step<Imputer>('impute')!.fillValue('BMI')).toBe(median)
  })
})

const config: PipelineConfig = {
  ...DEFAULT_PIPELINE_CONFIG,
  numeric: { ...DEFAULT_PIPELINE_CONFIG.numeric, outliers: 'iqr-drop', outlierFactor: 1, scale: 'robust' },
  selection: { varianceThreshold: 0, correlationThreshold: 0.95, topK: 10 },
}
const configured = await runTraining(table, { ...request, pipeline: config }, { dataset })

describe('the pipeline configuration of a run', () => {
  const result = configured

  it('is stored in the bundle under pipeline.config and used for fitting', async () => {
    expect(result.bundle.pipeline.config).toEqual(config)
    expect(result.bundle.pipeline.steps.map((s) => s.kind)).toEqual(['outliers', 'impute', 'scale', 'select'])
    expect(result.bundle.pipeline.featureNames).toHaveLength(10)
    expect(result.featureImportance).toHaveLength(10)
  })

  it('defaults to DEFAULT_PIPELINE_CONFIG', async () => {
    expect((await runTraining(table, request, { dataset })).bundle.pipeline.config).toEqual(DEFAULT_PIPELINE_CONFIG)
  })

  it('fits the model on the rows left after outlier dropping and scores every test row', async () => {
    expect(result.outlierRows).toBeGreaterThan(0)
    expect(result.bundle.training.trainRows).toBe(1684 - result.outlierRows)
    expect(result.bundle.training.testRows).toBe(421)
    expect(result.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(421)
    expect(result.metrics.auc).toBeGreaterThan(0.8)
  })

  it('reloads from JSON text and predicts the held-out rows as the run scored them', async () => {
    const predictor = Predictor.fromBundle(JSON.parse(JSON.stringify(result.bundle)))
    const y = encodeTarget(table.columns.find((c) => c.name === 'Diagnosis')!, 'binary')
    const { test } = holdoutSplit(Int32Array.from({ length: table.rowCount }, (_, i) => i), 0.2, 42, y.y)
    const predictions = predictor.predict(takeRows(table, test))
    const correct = predictions.labels.filter((label, i) => label === y.labels[y.y[test[i]]]).length
    expect(correct / test.length).toBeCloseTo(result.metrics.accuracy!, 12)
  })

  it('a bad setting fails the run with an error naming it', async () => {
    const bad = { ...DEFAULT_PIPELINE_CONFIG, categorical: { ...DEFAULT_PIPELINE_CONFIG.categorical, maxCategories: 0 } }
    await expect(runTraining(table, { ...request, pipeline: bad }, { dataset })).rejects.toThrow('pipeline: categorical.maxCategories = 0 is invalid; expected an integer ≥ 1')
  })
})

describe('held-out rows cannot leak into training', () => {
  it('changing every feature of the held-out rows leaves the fitted pipeline and model unchanged', async () => {
    const y = encodeTarget(table.columns.find((c) => c.name === 'Diagnosis')!, 'binary').y
    const { test } = holdoutSplit(Int32Array.from({ length: table.rowCount }, (_, i) => i), 0.2, 42, y)
    const changed = takeRows(table, Int32Array.from({ length: table.rowCount }, (_, i) => i))
    for (const column of changed.columns) {
      if (column.type !== 'number' || column.name === 'Diagnosis') continue
      for (const i of test) column.values[i] = column.values[i] * 3 + 1000
    }
    const config: PipelineConfig = { ...DEFAULT_PIPELINE_CONFIG, numeric: { ...DEFAULT_PIPELINE_CONFIG.numeric, outliers: 'zscore-drop' }, selection: { varianceThreshold: 0, correlationThreshold: 0.9, topK: 12 } }
    const a = await runTraining(table, { ...request, pipeline: config }, { dataset })
    const b = await runTraining(changed, { ...request, pipeline: config }, { dataset })
    expect(JSON.stringify(b.bundle.pipeline)).toBe(JSON.stringify(a.bundle.pipeline))
    expect(b.bundle.model).toEqual(a.bundle.model)
    expect(b.metrics).not.toEqual(a.metrics)
  })
})

describe('a final refit on every row', () => {
  it('with testShare 0 learns from all labelled rows and reports no held-out metrics', async () => {
    const all = await runTraining(table, { ...request, testShare: 0 }, { dataset })
    expect(all.bundle.training).toMatchObject({ trainRows: 2105, testRows: 0 })
    expect(all.metrics).toEqual({})
    expect(all.confusion).toBeNull()
    expect(Predictor.fromBundle(all.bundle).predict(takeRows(table, [0, 1, 2])).labels).toHaveLength(3)
  })
})

describe('bad training requests', () => {
  it('no usable feature', async () => {
    await expect(runTraining(table, { ...request, features: ['Diagnosis'] }, { dataset })).rejects.toThrow(/no usable feature/)
  })
  it('single-class target', async () => {
    await expect(runTraining(table, { ...request, target: 'DoctorInCharge' }, { dataset })).rejects.toThrow(/has only the class "DrXXXConfid"/)
  })
  it('regression with a classifier', async () => {
    await expect(runTraining(table, { ...request, target: 'UPDRS', task: 'regression' }, { dataset })).rejects.toThrow(/does not do regression/)
  })
})
