import { describe, expect, it } from 'vitest'
import { explainMatrix, explainRows, foldToInputs } from '../../../../src/core/explain'
import { GradientBoosting } from '../../../../src/core/model/tree/gradient-boosting'
import { LogisticRegression } from '../../../../src/core/model/logistic'
import { MultilayerPerceptron } from '../../../../src/core/model/mlp/mlp'
import { networkToJSON } from '../../../../src/core/model/mlp/network'
import { initialLayers } from '../../../../src/core/model/mlp/prepare'
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from '../../../../src/core/pipeline/config'
import { FeaturePipeline, type PipelineJSON } from '../../../../src/core/pipeline/pipeline'
import { createRandom } from '../../../../src/core/random'
import type { Matrix, Table } from '../../../../src/core/types'
import { cat, num, table } from '../pipeline/tables'

/** 200 patients: age (missing sometimes, with an indicator), bmi (min-max), sex (one-hot, missing sometimes, indicator), site (ordinal), a constant column selection drops. */
function patients(seed: number, n: number): { t: Table; y: Float64Array } {
  const random = createRandom(seed)
  const age: (number | null)[] = []
  const bmi: (number | null)[] = []
  const sex: (string | null)[] = []
  const site: (string | null)[] = []
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const a = random.next() < 0.15 ? null : Math.round(40 + 15 * random.normal())
    const b = 18 + 12 * random.next()
    const s = random.next() < 0.1 ? null : random.next() < 0.5 ? 'female' : 'male'
    const c = ['north', 'south', 'west'][random.int(3)]
    age.push(a)
    bmi.push(b)
    sex.push(s)
    site.push(c)
    const score = ((a ?? 60) - 45) / 10 + (b - 24) / 5 + (s === 'male' ? 0.8 : s === null ? -0.5 : 0) + (c === 'west' ? 0.5 : 0) + random.normal() * 0.7
    y[i] = score > 0 ? 1 : 0
  }
  return { t: table(num('age', age), num('bmi', bmi), cat('sex', sex), cat('site', site), num('zero', new Array(n).fill(0))), y }
}

const CONFIG: PipelineConfig = {
  ...DEFAULT_PIPELINE_CONFIG,
  overrides: { age: { missingIndicator: true }, bmi: { scale: 'minmax' }, sex: { missingIndicator: true }, site: { encode: 'ordinal' } },
}
const INPUTS = ['age', 'bmi', 'sex', 'site', 'zero']
const train = patients(1, 200)
const later = patients(2, 12)

function fittedPipeline(): { pipeline: FeaturePipeline; X: Matrix; Xlater: Matrix } {
  const pipeline = FeaturePipeline.create(train.t, INPUTS, CONFIG, 'binary')
  const { X } = pipeline.fitTransform(train.t, train.y)
  return { pipeline, X, Xlater: pipeline.transform(later.t) }
}

describe('the pipeline’s feature → source mapping', () => {
  const { pipeline } = fittedPipeline()

  it('names the raw input column of every matrix column: one-hot, indicator, scaled and ordinal columns; selection removes the constant', () => {
    expect(pipeline.featureNames).toEqual(['age', 'age__missing', 'bmi', 'sex=female', 'sex=male', 'sex__missing', 'site'])
    expect(pipeline.featureSources()).toEqual(['age', 'age', 'bmi', 'sex', 'sex', 'sex', 'site'])
  })

  it('is the same after the JSON round trip a bundle takes (nothing new is stored)', () => {
    const json = JSON.parse(JSON.stringify(pipeline.toJSON())) as PipelineJSON
    expect(FeaturePipeline.fromJSON(json).featureSources()).toEqual(pipeline.featureSources())
    expect(Object.keys(json).sort()).toEqual(['config', 'featureNames', 'inputs', 'steps', 'task'])
  })

  it('works on first-version bundles’ pipelines, which stored nothing about sources', () => {
    const legacy: PipelineJSON = {
      inputs: [{ name: 'age', type: 'number' }, { name: 'sex', type: 'category', categories: ['f', 'm'] }],
      steps: [
        { kind: 'impute', numeric: 'median', columns: ['age', 'sex'], fills: { age: 40, sex: 'f' } },
        { kind: 'standardize', columns: ['age'], stats: { age: { mean: 40, scale: 10 } } },
        { kind: 'one-hot', columns: ['sex'], categories: { sex: ['f', 'm'] } },
      ],
      featureNames: ['age', 'sex=f', 'sex=m'],
    }
    expect(FeaturePipeline.fromJSON(legacy).featureSources()).toEqual(['age', 'sex', 'sex'])
  })

  it('follows a one-hot "other" column and top-k selection', () => {
    const capped: PipelineConfig = { ...CONFIG, overrides: { ...CONFIG.overrides, site: { encode: 'one-hot', maxCategories: 1 } } }
    const p = FeaturePipeline.create(train.t, INPUTS, capped, 'binary')
    p.fitTransform(train.t, train.y)
    const site = p.featureNames.flatMap((name, j) => (p.featureSources()[j] === 'site' ? [name] : []))
    expect(site).toHaveLength(2)
    expect(site[1]).toBe('site=other')
    const topK = FeaturePipeline.create(train.t, INPUTS, { ...capped, selection: { varianceThreshold: 0, correlationThreshold: null, topK: 4 } }, 'binary')
    topK.fitTransform(train.t, train.y)
    const sources = topK.featureSources()
    expect(sources).toHaveLength(4)
    topK.featureNames.forEach((name, j) => expect(name === sources[j] || name.startsWith(`${sources[j]}=`) || name === `${sources[j]}__missing`).toBe(true))
  })
})

describe('foldToInputs', () => {
  const { pipeline, X, Xlater } = fittedPipeline()
  const logistic = new LogisticRegression({ C: 5 })
  logistic.fit(X, train.y)
  const explanation = explainMatrix(logistic, Xlater, { featureNames: pipeline.featureNames })
  const folded = foldToInputs(pipeline, explanation, ['no', 'yes'])
  const p = pipeline.featureNames.length

  it('sums each source’s matrix columns; an input selection dropped gets 0; the class is named', () => {
    const sources = pipeline.featureSources()
    for (let i = 0; i < Xlater.rows; i++) {
      const row = folded[i]
      expect(Object.keys(row.contributions)).toEqual(INPUTS)
      for (const input of INPUTS) {
        let sum = 0
        for (let j = 0; j < p; j++) if (sources[j] === input) sum += explanation.contributions[i * p + j]
        expect(row.contributions[input]).toBe(sum)
      }
      expect(row.contributions.zero).toBe(0)
      expect(row).toMatchObject({ method: 'linear', space: 'log-odds', forClass: 'yes', expectedValue: explanation.expectedValue[i] })
    }
  })

  it('keeps local accuracy: folded contributions + expected value = the log-odds (1e-9)', () => {
    const proba = logistic.predictProba(Xlater)
    folded.forEach((row, i) => {
      const sum = Object.values(row.contributions).reduce((a, b) => a + b, row.expectedValue)
      const q = proba[2 * i + 1]
      expect(Math.abs(sum - Math.log(q / (1 - q)))).toBeLessThan(1e-9)
    })
  })

  it('linear models: numeric inputs read in their own units, perUnit × (value − training mean)', () => {
    // bmi is min-max scaled and has no indicator; age has an indicator, so it has no single unit.
    const raw = later.t.columns[1]
    if (raw.type !== 'number') throw new Error('bmi is numeric')
    const trainBmi = train.t.columns[1]
    if (trainBmi.type !== 'number') throw new Error('bmi is numeric')
    const mean = trainBmi.values.reduce((a, b) => a + b, 0) / trainBmi.values.length
    folded.forEach((row, i) => {
      expect(Object.keys(row.units ?? {})).toEqual(['bmi'])
      const { perUnit, reference } = row.units!.bmi
      expect(Math.abs(reference - mean)).toBeLessThan(1e-9)
      expect(Math.abs(perUnit * (raw.values[i] - reference) - row.contributions.bmi)).toBeLessThan(1e-9)
    })
  })

  it('refuses an explanation whose features are not the pipeline’s', () => {
    expect(() => foldToInputs(pipeline, { ...explanation, featureNames: ['x', ...explanation.featureNames.slice(1)] })).toThrow(expect.objectContaining({ code: 'explain-feature-mismatch' }))
  })

  it('explainRows does both steps in one call', () => {
    expect(explainRows(logistic, pipeline, Xlater, { classLabels: ['no', 'yes'] })).toEqual(folded)
  })
})

describe('folding tree and sampling explanations', () => {
  const { pipeline, X, Xlater } = fittedPipeline()

  it('boosting: TreeSHAP folded to inputs still adds up to the margin', () => {
    const model = new GradientBoosting({ nRounds: 20, maxDepth: 3 })
    model.fit(X, train.y)
    const rows = explainRows(model, pipeline, Xlater, { classLabels: ['no', 'yes'] })
    const raw = model.fittedState().ensemble.predictRaw(Xlater)
    rows.forEach((row, i) => {
      expect(row.method).toBe('tree-shap')
      expect(row.units).toBeUndefined()
      expect(Math.abs(Object.values(row.contributions).reduce((a, b) => a + b, row.expectedValue) - raw[i])).toBeLessThan(1e-9)
    })
  })

  it('the neural net: standard errors per input column, from the sum of its columns in each sample', () => {
    const p = pipeline.featureNames.length
    const random = createRandom(5)
    const layers = initialLayers([p, 6, 1], 'relu', random)
    const net = { output: 'sigmoid' as const, activation: 'relu' as const, classes: 2, features: p, inputMean: new Float64Array(p).fill(0.3), inputScale: new Float64Array(p).fill(1), targetMean: 0, targetScale: 1, layers }
    const model = MultilayerPerceptron.fromJSON({ family: 'mlp', params: {}, network: networkToJSON(net) })
    const rows = explainRows(model, pipeline, Xlater, { samples: 64, seed: 3 })
    const matrix = explainMatrix(model, Xlater, { featureNames: pipeline.featureNames, samples: 64, seed: 3, sources: pipeline.featureSources() })
    expect(matrix.approximation?.groups).toEqual(['age', 'bmi', 'sex', 'site'])
    rows.forEach((row, i) => {
      expect(row.method).toBe('sampling')
      const approximation = row.approximation!
      expect(approximation.samples).toBe(64)
      expect(Object.keys(approximation.standardErrors)).toEqual(INPUTS)
      expect(approximation.standardErrors.zero).toBe(0)
      expect(approximation.standardErrors.sex).toBe(matrix.approximation!.standardErrors[i * 4 + 2])
      expect(approximation.standardError).toBe(Math.max(...Object.values(approximation.standardErrors)))
      expect(approximation.standardError).toBeGreaterThan(0)
    })
    // Without sources, per-feature errors are combined as if independent.
    const unsourced = foldToInputs(pipeline, explainMatrix(model, Xlater, { featureNames: pipeline.featureNames, samples: 64, seed: 3 }))
    const perFeature = explainMatrix(model, Xlater, { featureNames: pipeline.featureNames, samples: 64, seed: 3 }).approximation!.standardErrors
    expect(unsourced[0].approximation!.standardErrors.bmi).toBe(perFeature[2])
    expect(unsourced[0].approximation!.standardErrors.age).toBeCloseTo(Math.hypot(perFeature[0], perFeature[1]), 15)
  })
})
