import { beforeAll, describe, expect, it } from 'vitest'
import { bundleServeName, withRegistry, type ModelBundleV2 } from '../../../../src/core/bundle/bundle'
import { GOLDEN_CASES } from '../../../../src/core/bundle/build-bundle'
import { Predictor } from '../../../../src/core/bundle/predictor'
import { StudioError } from '../../../../src/core/errors'
import { DEFAULT_PIPELINE_CONFIG } from '../../../../src/core/pipeline/config'
import { takeRows } from '../../../../src/core/table/access'
import { proposeRecipe } from '../../../../src/core/clean/propose-recipe'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { runTraining } from '../../../../src/core/train/run-training'
import { goldenJson, msSample, readTable, tableRecords, trainMs, trainVitals, vitalsSample } from './helpers'

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value))

function refusal(run: () => unknown): StudioError {
  try {
    run()
  } catch (error) {
    if (error instanceof StudioError) return error
    throw error
  }
  throw new Error('expected the bundle to be refused')
}

describe('golden cases are re-checked on load', () => {
  let bundle: ModelBundleV2
  beforeAll(async () => {
    const { table, recipe } = await vitalsSample()
    bundle = copy((await trainVitals(table, recipe)).bundle)
  })

  it('holds ten held-out records as they were in the file, before cleaning, with the outputs at export', () => {
    expect(bundle.golden).toHaveLength(GOLDEN_CASES)
    const first = bundle.golden[0].input
    expect(Object.keys(first)).toEqual(['age', 'sex', 'bp', 'weight', 'smoker'])
    // Raw text: the unit, the decimal comma and the pair are still there.
    expect(bundle.golden.some((g) => typeof g.input.weight === 'string' && /,/.test(g.input.weight))).toBe(true)
    expect(bundle.golden.some((g) => typeof g.input.bp === 'string' && /^\d+\/\d+$/.test(g.input.bp))).toBe(true)
    expect(Object.keys(bundle.golden[0].output.probabilities!)).toEqual(['0', '1'])
    expect(() => Predictor.fromBundle(bundle)).not.toThrow()
  })

  it('refuses a bundle whose golden output does not reproduce, naming the case', () => {
    const tampered = copy(bundle)
    tampered.golden[2].output.probabilities!['1'] += 1e-6
    const error = refusal(() => Predictor.fromBundle(tampered))
    expect(error.code).toBe('bundle-golden')
    expect(error.message).toMatch(/^bundle: golden case 3 of 10 does not reproduce: probability of "1" [\d.e-]+ instead of [\d.e-]+; the bundle is damaged/)
  })

  it('tolerates differences below 1e-9 and refuses a model changed behind its golden cases', () => {
    const close = copy(bundle)
    close.golden[0].output.probabilities!['0'] += 1e-12
    expect(() => Predictor.fromBundle(close)).not.toThrow()
    const changed = copy(bundle)
    ;(changed.model.coef as number[])[0] += 0.5
    expect(refusal(() => Predictor.fromBundle(changed)).message).toMatch(/^bundle: golden case 1 of 10 does not reproduce/)
    const relabelled = copy(bundle)
    relabelled.golden[4].output.label = relabelled.golden[4].output.label === '1' ? '0' : '1'
    expect(refusal(() => Predictor.fromBundle(relabelled)).message).toMatch(/^bundle: golden case 5 of 10 does not reproduce: label/)
  })
})

describe('the Predictor batch API', () => {
  let data: Awaited<ReturnType<typeof msSample>>
  let predictor: Predictor

  beforeAll(async () => {
    data = await msSample()
    predictor = Predictor.fromBundle(copy((await trainMs(data.table, data.recipe)).bundle))
  })

  it('predictRecords, predictTable and predict give the same numbers, bit for bit', () => {
    const rows = Array.from({ length: 60 }, (_, i) => i)
    const part = takeRows(data.table, rows)
    const records = predictor.predictRecords(tableRecords(part))
    const table = predictor.predictTable(part)
    expect(records.rows).toEqual(table.rows)
    expect(records.issues).toEqual(table.issues)
    const arrays = predictor.predict(part)
    records.rows.forEach((row, i) => {
      if (row === null) {
        expect(arrays.labels[i]).toBe('')
        expect(Number.isNaN(arrays.proba[i * 2])).toBe(true)
      } else {
        expect(row.label).toBe(arrays.labels[i])
        expect([row.probabilities!.no, row.probabilities!.yes]).toEqual([arrays.proba[i * 2], arrays.proba[i * 2 + 1]])
      }
    })
    // The file has a row with an impossible EDSS among these: refused, not dropped.
    expect(records.rows.length).toBe(60)
    expect(records.rows.filter((r) => r === null).length).toBe(records.issues.filter((i) => i.action === 'refused').length)
  })

  it('describes the raw input schema with training ranges, categories and whether a blank is allowed', () => {
    const schema = Object.fromEntries(predictor.inputSchema.map((c) => [c.name, c]))
    expect(predictor.inputSchema.map((c) => c.name)).toEqual(['age', 'gender', 'ms_type', 'treatment', 'lesion_count', 'lesion_volume_ml', 'whole_brain_volume_ml', 'edss'])
    expect(schema.gender).toEqual({ name: 'gender', type: 'category', categories: ['Female', 'Male'], missingAllowed: true })
    expect(schema.edss).toMatchObject({ type: 'number', min: 0, missingAllowed: true })
    expect(schema.edss.max).toBeLessThanOrEqual(10)
    expect(schema.age.min).toBeGreaterThanOrEqual(18)
  })

  it('offers categories as values a request can send: a 0/1 column read as no/yes offers "0" and "1"', async () => {
    const table = await readTable('sample-data/parkinsons.csv')
    const recipe = proposeRecipe(table, profileTable(table), 'Diagnosis')
    recipe.steps.push({ id: 'smoking-yes-no', kind: 'convert', column: 'Smoking', to: 'boolean' })
    const { bundle } = await runTraining(table, { target: 'Diagnosis', task: 'binary', features: ['Age', 'Ethnicity', 'Smoking', 'UPDRS'], family: 'logistic', params: {}, testShare: 0.2, seed: 42, recipe }, { dataset: { name: 'parkinsons.csv', fingerprint: 't' } })
    const p = Predictor.fromBundle(copy(bundle))
    const schema = Object.fromEntries(p.inputSchema.map((c) => [c.name, c]))
    expect(schema.Smoking).toMatchObject({ type: 'number', categories: ['0', '1'] })
    expect(schema.Ethnicity).toMatchObject({ type: 'number', categories: ['0', '1', '2', '3'] })
    expect(bundle.pipeline.inputs.find((c) => c.name === 'Smoking')!.categories).toEqual(['no', 'yes'])
    // What a form sends from those choices reaches the model as the categories it knows.
    const cleaned = p.cleanRecords({ columns: ['Age', 'Ethnicity', 'Smoking', 'UPDRS'], rows: [[70, '2', '1', 40], [70, 3, 0, 40]] }).table
    expect(cleaned.columns.map((c) => (c.type === 'category' ? c.levels[c.codes[0]] + '/' + c.levels[c.codes[1]] : null))).toEqual([null, '2/3', 'yes/no', null])
  })

  it('labels a binary row by the chosen threshold when the bundle has one', async () => {
    const withThreshold = Predictor.fromBundle(copy((await trainMs(data.table, data.recipe, { evaluation: { threshold: 0.9 } })).bundle))
    expect(withThreshold.bundle.threshold).toBe(0.9)
    const result = withThreshold.predictRecords(tableRecords(takeRows(data.table, Array.from({ length: 40 }, (_, i) => i))))
    for (const row of result.rows) if (row) expect(row.label).toBe(row.probabilities!.yes >= 0.9 ? 'yes' : 'no')
    expect(result.rows.some((r) => r && r.label === 'no' && r.probabilities!.yes > 0.5)).toBe(true)
  })

  it('refuses a row with a missing value the model can neither fill nor use, naming it', async () => {
    const noImpute = { ...DEFAULT_PIPELINE_CONFIG, numeric: { ...DEFAULT_PIPELINE_CONFIG.numeric, impute: 'none' as const } }
    // vitals' ages are complete, so logistic regression trains without imputing them; a request without one cannot be answered.
    const vitals = await vitalsSample()
    const p = Predictor.fromBundle(copy((await trainVitals(vitals.table, vitals.recipe, { features: ['age', 'sex', 'smoker'], pipeline: noImpute })).bundle))
    expect(p.inputSchema.find((c) => c.name === 'age')!.missingAllowed).toBe(false)
    expect(p.inputSchema.find((c) => c.name === 'sex')!.missingAllowed).toBe(true)
    const result = p.predictRecords({ columns: ['age', 'sex', 'smoker'], rows: [[null, 'male', 'no'], [60, null, 'no']] })
    expect(result.rows[0]).toBeNull()
    expect(result.rows[1]).not.toBeNull()
    expect(result.issues).toEqual([{ row: 0, column: 'age', code: 'missing-not-allowed', action: 'refused', message: '"age" is missing, and this model can neither fill it in nor use a missing value; the row is refused' }])
  })

  it('warns once per batch about categories training never saw, saying how the pipeline reads them', () => {
    const row = [41, 'Male', 'RRMS', 'Aspirin', 26, 5.72, 1360.4, 3.5]
    const result = predictor.predictRecords({ columns: ['age', 'gender', 'ms_type', 'treatment', 'lesion_count', 'lesion_volume_ml', 'whole_brain_volume_ml', 'edss'], rows: [row, row] })
    expect(result.rows.every((r) => r !== null)).toBe(true)
    expect(result.warnings).toEqual(['"treatment": 2 rows with a category not seen in training ("aspirin"), read as no known category (all one-hot columns 0)'])
  })

  it('answers multiclass with the most probable label, and describes each class in the score reference', async () => {
    const features = ['age', 'gender', 'treatment', 'lesion_count', 'edss']
    const p = Predictor.fromBundle(copy((await trainMs(data.table, data.recipe, { target: 'ms_type', task: 'multiclass', features })).bundle))
    expect(p.bundle.target.labels).toEqual(['PPMS', 'RRMS', 'SPMS'])
    const result = p.predictRecords(tableRecords(takeRows(data.table, Array.from({ length: 30 }, (_, i) => i))))
    for (const row of result.rows) {
      if (!row) continue
      const probabilities = Object.entries(row.probabilities!)
      expect(probabilities.map(([label]) => label)).toEqual(['PPMS', 'RRMS', 'SPMS'])
      expect(row.label).toBe(probabilities.reduce((best, next) => (next[1] > best[1] ? next : best))[0])
    }
    const classes = p.bundle.reference!.scores.classes!
    expect(classes.map((c) => c.label)).toEqual(['PPMS', 'RRMS', 'SPMS'])
    expect(classes.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 12)
    expect(p.bundle.golden).toHaveLength(GOLDEN_CASES)
  })

  it('never refuses a category training did not see: every encoder of the studio absorbs it (one-hot zeros or "other", ordinal -1)', async () => {
    const other = { ...DEFAULT_PIPELINE_CONFIG, categorical: { ...DEFAULT_PIPELINE_CONFIG.categorical, unseen: 'other' as const } }
    const ordinal = { ...DEFAULT_PIPELINE_CONFIG, categorical: { ...DEFAULT_PIPELINE_CONFIG.categorical, encode: 'ordinal' as const } }
    const row = [41, 'Male', 'RRMS', 'Aspirin', 26, 5.72, 1360.4, 3.5]
    for (const [pipeline, how] of [[other, 'as the "other" category'], [ordinal, 'as code -1, below every training category']] as const) {
      const p = Predictor.fromBundle(copy((await trainMs(data.table, data.recipe, { pipeline })).bundle))
      const result = p.predictRecords({ columns: p.inputSchema.map((c) => c.name), rows: [row] })
      expect(result.rows[0]).not.toBeNull()
      expect(result.warnings).toEqual([`"treatment": 1 row with a category not seen in training ("aspirin"), read ${how}`])
    }
  })

  it('answers regression with values', async () => {
    const p = Predictor.fromBundle(copy((await trainMs(data.table, data.recipe, { target: 'edss', task: 'regression', family: 'linreg', features: ['age', 'gender', 'lesion_count'] })).bundle))
    const result = p.predictRecords({ columns: ['age', 'gender', 'lesion_count'], rows: [[50, 'F', 20]] })
    expect(Object.keys(result.rows[0]!)).toEqual(['value'])
    expect(Number.isFinite(result.rows[0]!.value)).toBe(true)
    expect(p.bundle.reference!.scores.source).toBe('held-out')
  })
})

describe('reference statistics', () => {
  it('describe each input column over the training rows and the held-out score distribution', async () => {
    const { table, recipe } = await msSample()
    const { bundle } = await trainMs(table, recipe)
    const reference = bundle.reference!
    expect(reference.rows).toBe(bundle.training.trainRows)
    const age = reference.columns.find((c) => c.name === 'age')!
    expect(age.type).toBe('number')
    expect(age.histogram!.edges.length).toBe(11)
    expect(age.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(Math.round(reference.rows * (1 - age.missingShare)))
    // Quantile bins: roughly equal counts.
    expect(Math.max(...age.histogram!.counts) / Math.min(...age.histogram!.counts)).toBeLessThan(2)
    const gender = reference.columns.find((c) => c.name === 'gender')!
    // After the cleaning: two spellings, not six.
    expect(gender.frequencies!.map((f) => f.value)).toEqual(['Female', 'Male'])
    expect(gender.frequencies!.reduce((a, f) => a + f.share, 0)).toBeCloseTo(1, 12)
    expect(reference.scores).toMatchObject({ source: 'held-out', rows: bundle.training.testRows })
    expect(reference.scores.edges).toHaveLength(21)
    expect(reference.scores.counts!.reduce((a, b) => a + b, 0)).toBe(bundle.training.testRows)
  })

  it('for a refit on every row, come from the training rows and say so', async () => {
    const { table, recipe } = await msSample()
    const { bundle } = await trainMs(table, recipe, { testShare: 0 })
    expect(bundle.reference!.scores.source).toBe('training')
    expect(bundle.golden).toHaveLength(GOLDEN_CASES)
  })

  it('records cross-validated metrics when the run had them', async () => {
    const { table, recipe } = await msSample()
    const { bundle } = await trainMs(table, recipe, { evaluation: { crossValidated: { auc: { mean: 0.8, std: 0.02 } } } })
    expect(bundle.metrics.crossValidated).toEqual({ auc: { mean: 0.8, std: 0.02 } })
    expect(bundle.metrics.heldOut.auc).toBeGreaterThan(0.5)
  })
})

describe('registry metadata and serving names', () => {
  it('withRegistry adds name, version, stage and date without touching the bundle', () => {
    const bundle = goldenJson('v2-logistic-ms.json') as unknown as ModelBundleV2
    const exported = withRegistry(bundle, { name: 'ms-response', version: 3, stage: 'Production', exportedAt: '2026-12-01T00:00:00.000Z' })
    expect(exported.registry).toEqual({ name: 'ms-response', version: 3, stage: 'Production', exportedAt: '2026-12-01T00:00:00.000Z' })
    expect(bundle.registry).toBeUndefined()
    expect(Predictor.fromBundle(copy(exported)).bundle.registry?.name).toBe('ms-response')
    expect(bundleServeName(exported, '/models/other.json')).toBe('ms-response')
    expect(bundleServeName(bundle, '/models/ms-v3.JSON')).toBe('ms-v3')
    expect(bundleServeName(bundle, 'C:\\models\\ms.json')).toBe('ms')
  })
})
