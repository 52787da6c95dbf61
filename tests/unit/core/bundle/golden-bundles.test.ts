import { describe, expect, it } from 'vitest'
import { migrateBundle } from '../../../../src/core/bundle/migrate'
import { parseBundle, type ModelBundleV1 } from '../../../../src/core/bundle/bundle'
import type { BatchResult } from '../../../../src/core/bundle/predict-types'
import { Predictor } from '../../../../src/core/bundle/predictor'
import { modelFromJSON } from '../../../../src/core/model/registry'
import { FeaturePipeline, type PipelineJSON } from '../../../../src/core/pipeline/pipeline'
import { takeRows } from '../../../../src/core/table/access'
import type { Table } from '../../../../src/core/types'
import { goldenJson, readTable, tableRecords } from './helpers'

/*
 * The golden bundles under tests/golden/bundles stand for files already out
 * in the world: version 1 made by main's trainer before bundle version 2
 * (make-golden-v1.ts, run at 4f31bf8), version 2 by the trainer that
 * introduced it (make-golden-v2.ts). Each must keep loading and predicting
 * the very numbers recorded when it was made.
 */

interface V1Expected {
  data: string
  rows: number
  labels: string[]
  classes: string[]
  proba: number[]
  values: number[]
}

const v1Expected = goldenJson('v1-expected.json') as unknown as Record<string, V1Expected>
const v2Expected = goldenJson('v2-expected.json') as unknown as Record<string, { data: string; rows: number; result: BatchResult }>

const firstRows = (table: Table, n: number): Table => takeRows(table, Int32Array.from({ length: n }, (_, i) => i))

describe('version-1 bundles made by main before version 2', () => {
  it.each(Object.keys(v1Expected))('%s loads as version 2 with honest empties and predicts exactly as version 1 did', async (name) => {
    const expected = v1Expected[name]
    const predictor = Predictor.fromBundle(goldenJson(`${name}.json`))
    const { bundle } = predictor
    expect(bundle).toMatchObject({ version: 2, cleaning: { steps: [] }, reference: null, golden: [] })
    expect(bundle.threshold).toBeUndefined()
    expect(bundle.metrics.heldOut).toEqual((goldenJson(`${name}.json`) as { metrics: object }).metrics)
    expect(bundle.inputSchema.every((c) => typeof c.missingAllowed === 'boolean' && c.min === undefined)).toBe(true)
    const table = firstRows(await readTable(`sample-data/${expected.data}`), expected.rows)
    const predictions = predictor.predict(table)
    expect(predictions.labels).toEqual(expected.labels)
    expect(Array.from(predictions.proba)).toEqual(expected.proba)
    expect(Array.from(predictions.values)).toEqual(expected.values)
    // The batch API gives the same numbers from JSON cells (bit for bit).
    const batch = predictor.predictRecords(tableRecords(table))
    expect(batch.issues).toEqual([])
    if (expected.classes.length === 0) expect(batch.rows.map((r) => r!.value)).toEqual(expected.values)
    else {
      const k = expected.classes.length
      batch.rows.forEach((row, i) => {
        expect(row!.label).toBe(expected.labels[i])
        expect(expected.classes.map((c) => row!.probabilities![c])).toEqual(expected.proba.slice(i * k, (i + 1) * k))
      })
    }
  })

  it('migrateBundle keeps the model, pipeline, metrics and identity, and marks missing values as the pipeline handles them', () => {
    const v1 = goldenJson('v1-logistic-ms.json') as unknown as ModelBundleV1
    const v2 = migrateBundle(v1)
    expect(v2.model).toBe(v1.model)
    expect(v2.pipeline).toBe(v1.pipeline)
    expect(v2).toMatchObject({ task: v1.task, target: v1.target, dataset: v1.dataset, training: v1.training, createdAt: v1.createdAt })
    expect(v2.inputSchema.map(({ missingAllowed: _, ...rest }) => rest)).toEqual(v1.inputSchema)
    // The default pipeline imputes every column.
    expect(v2.inputSchema.every((c) => c.missingAllowed)).toBe(true)
  })

  it("migrates the first studio version's pipeline forms (fills, standardize, categories) and predicts as they did", () => {
    const legacy: PipelineJSON = {
      inputs: [{ name: 'age', type: 'number' }, { name: 'sex', type: 'category', categories: ['f', 'm'] }],
      steps: [
        { kind: 'impute', numeric: 'median', columns: ['age', 'sex'], fills: { age: 40, sex: 'f' } },
        { kind: 'standardize', columns: ['age'], stats: { age: { mean: 40, scale: 10 } } },
        { kind: 'one-hot', columns: ['sex'], categories: { sex: ['f', 'm'] } },
      ],
      featureNames: ['age', 'sex=f', 'sex=m'],
    }
    const model = { family: 'logistic', params: {}, classes: 2, features: 3, coef: [0.7, -0.2, 0.4], intercept: [0.1], featureStd: [1, 0.5, 0.5] }
    const v1 = { ...(goldenJson('v1-logistic-ms.json') as object), task: 'binary', target: { name: 'y', labels: ['no', 'yes'], positiveLabel: 'yes' }, inputSchema: legacy.inputs, pipeline: legacy, model }
    const predictor = Predictor.fromBundle(JSON.parse(JSON.stringify(v1)))
    expect(predictor.bundle.pipeline.steps.map((s) => s.kind)).toEqual(['impute', 'scale', 'one-hot'])
    const table: Table = { name: 't', rowCount: 3, columns: [{ name: 'age', type: 'number', values: Float64Array.from([NaN, 60, 25]) }, { name: 'sex', type: 'category', codes: Int32Array.from([-1, 1, 0]), levels: ['f', 'm'] }] }
    const direct = modelFromJSON(model).predictProba(FeaturePipeline.fromJSON(legacy).transform(table))
    expect(Array.from(predictor.predict(table).proba)).toEqual(Array.from(direct))
  })
})

describe('version-2 bundles made by the trainer that introduced them', () => {
  it.each(Object.keys(v2Expected))('%s keeps loading, re-checks its golden cases and predicts the recorded numbers', async (name) => {
    const expected = v2Expected[name]
    const predictor = Predictor.fromBundle(goldenJson(`${name}.json`))
    expect(predictor.bundle.golden.length).toBe(10)
    const table = await readTable(expected.data)
    const result = predictor.predictRecords(tableRecords(table, Array.from({ length: expected.rows }, (_, i) => i)))
    expect(result.rows).toEqual(expected.result.rows)
    // Which rows and cells the rules touched, and how, is part of the contract; the wording may improve.
    const shape = (r: BatchResult) => r.issues.map(({ row, column, code, action }) => ({ row, column, code, action }))
    expect(shape(result)).toEqual(shape(expected.result))
    expect(result.warnings.length).toBe(expected.result.warnings.length)
  })

  it('the vitals bundle replays every step kind and keeps what the issue asks for', () => {
    const bundle = parseBundle(goldenJson('v2-logistic-vitals.json'))
    expect(bundle.cleaning.steps.map((s) => s.kind)).toEqual(['convert', 'split', 'standardize-text', 'convert', 'validate'])
    expect(bundle.cleaning.notReplayed!.map((s) => s.kind)).toEqual(['drop-missing-target', 'dedupe'])
    expect(bundle.threshold).toBe(0.35)
    expect(bundle.inputSchema.map((c) => [c.name, c.type])).toEqual([['age', 'number'], ['sex', 'category'], ['bp', 'category'], ['weight', 'category'], ['smoker', 'category']])
    expect(bundle.reference!.columns.map((c) => c.name)).toEqual(['age', 'sex', 'bp', 'weight', 'smoker'])
  })
})
