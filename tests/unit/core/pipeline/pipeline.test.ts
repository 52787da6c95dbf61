import { describe, expect, it } from 'vitest'
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from '../../../../src/core/pipeline/config'
import { FeaturePipeline, type PipelineJSON } from '../../../../src/core/pipeline/pipeline'
import { createRandom } from '../../../../src/core/random'
import type { Column, Matrix } from '../../../../src/core/types'
import { cat, matrixColumn, num, table, viaJSON } from './tables'

const OFF = { varianceThreshold: null, correlationThreshold: null, topK: null }
const bytes = (X: Matrix): Uint8Array => new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength)

describe('the default pipeline', () => {
  const train = table(num('age', [30, 40, null, 50]), cat('sex', ['f', 'm', null, 'f']), num('unused', [0, 0, 0, 0]))
  const pipeline = FeaturePipeline.create(train, ['age', 'sex'])
  const { X, rows } = pipeline.fitTransform(train)

  it('imputes, standardises numbers and one-hot encodes categories (hand-computed)', () => {
    expect(pipeline.featureNames).toEqual(['age', 'sex=f', 'sex=m'])
    expect(Array.from(rows)).toEqual([0, 1, 2, 3])
    // age: median 40 fills row 2 → [30, 40, 40, 50], mean 40, population std √50
    const s = Math.sqrt(50)
    expect(matrixColumn(X, 0)).toEqual([-10 / s, 0, 0, 10 / s])
    // sex: most frequent "f" fills row 2
    expect(matrixColumn(X, 1)).toEqual([1, 0, 1, 1])
    expect(matrixColumn(X, 2)).toEqual([0, 1, 0, 0])
  })

  it('transforms later rows: ±Infinity is missing, unseen category → zeros, rows are never dropped', () => {
    const later = pipeline.transform(table(num('age', [Infinity, 60, -Infinity]), cat('sex', ['x', 'm', null])))
    expect(later.rows).toBe(3)
    expect(matrixColumn(later, 0)).toEqual([0, 20 / Math.sqrt(50), 0])
    expect(matrixColumn(later, 1)).toEqual([0, 0, 1])
    expect(matrixColumn(later, 2)).toEqual([0, 1, 0])
  })

  it('describes each step in plain words, in order', () => {
    const lines = pipeline.describe()
    expect(lines.map((l) => l.step)).toEqual(['impute', 'impute', 'one-hot', 'scale', 'select'])
    expect(lines[0]).toEqual({ step: 'impute', columns: ['age'], detail: 'age: median 40 from the 3 of 4 training rows with a value' })
    expect(lines[1].detail).toBe('sex: most frequent value "f" from the 3 of 4 training rows with a value')
    expect(lines[4].detail).toBe('kept 3 of 3 features')
  })

  it('stores its configuration and task in the JSON', () => {
    expect(pipeline.toJSON().config).toEqual(DEFAULT_PIPELINE_CONFIG)
    expect(pipeline.toJSON().featureNames).toEqual(['age', 'sex=f', 'sex=m'])
  })
})

describe('missing values left missing (impute none)', () => {
  const config: PipelineConfig = {
    numeric: { ...DEFAULT_PIPELINE_CONFIG.numeric, impute: 'none', missingIndicator: true, scale: 'none' },
    categorical: { ...DEFAULT_PIPELINE_CONFIG.categorical, impute: 'none' },
    overrides: { grade: { encode: 'ordinal' } },
    selection: OFF,
  }
  const t = table(num('x', [1, null, Infinity, 4]), cat('g', ['a', null, 'b', 'a']), cat('grade', ['II', 'I', null, 'III']))

  it('numbers stay NaN (never ±Infinity) with an indicator; one-hot → all zeros; ordinal → NaN', () => {
    const pipeline = FeaturePipeline.create(t, ['x', 'g', 'grade'], config)
    const { X } = pipeline.fitTransform(t)
    expect(pipeline.featureNames).toEqual(['x', 'x__missing', 'g=a', 'g=b', 'grade'])
    expect(matrixColumn(X, 0)).toEqual([1, NaN, NaN, 4])
    expect(matrixColumn(X, 1)).toEqual([0, 1, 1, 0])
    expect(matrixColumn(X, 2)).toEqual([1, 0, 0, 1])
    expect(matrixColumn(X, 3)).toEqual([0, 0, 1, 0])
    expect(matrixColumn(X, 4)).toEqual([1, 0, NaN, 2])
  })
})

describe('pipeline errors', () => {
  const t = table(num('a', [1, 2, 3]), cat('a=x', ['p', 'q', 'p']), cat('c', ['x', 'y', 'x']))

  it('a target of the wrong length', () => {
    const pipeline = FeaturePipeline.create(t, ['a'])
    expect(() => pipeline.fitTransform(t, Float64Array.of(1, 0))).toThrow('pipeline: the target has 2 values for 3 training rows; expected one per row')
  })

  it('transform or describe before fitting', () => {
    const pipeline = FeaturePipeline.create(t, ['a'])
    expect(() => pipeline.transform(t)).toThrow(/not fitted/)
    expect(() => pipeline.describe()).toThrow(/not fitted/)
  })

  it('two features with the same name', () => {
    const clash = table(num('c=x', [1, 2, 3]), cat('c', ['x', 'y', 'x']))
    const pipeline = FeaturePipeline.create(clash, ['c=x', 'c'], { ...DEFAULT_PIPELINE_CONFIG, selection: OFF })
    expect(() => pipeline.fitTransform(clash)).toThrow('pipeline: two features are both called "c=x"; rename the input column that produces it')
  })

  it('no features', () => {
    expect(() => FeaturePipeline.create(t, [])).toThrow(/no feature columns are selected/)
  })
})

describe('fitted JSON rebuilds the same transformation bit for bit', () => {
  const random = createRandom(11)
  const n = 300
  const cities = ['Aarhus', 'Bergen', 'Cork', 'Delft', 'Espoo', 'Faro', 'Graz']
  const columns: Column[] = [
    num('age', Array.from({ length: n }, () => (random.next() < 0.1 ? null : Math.round(20 + 60 * random.next())))),
    num('crp', Array.from({ length: n }, () => (random.next() < 0.05 ? null : Math.exp(2 * random.normal())))),
    num('bmi', Array.from({ length: n }, () => 18 + 12 * random.next())),
    cat('city', Array.from({ length: n }, () => (random.next() < 0.05 ? null : cities[Math.floor(cities.length * random.next() ** 2)]))),
    cat('stage', Array.from({ length: n }, () => ['I', 'II', 'III'][random.int(3)])),
  ]
  const t = table(...columns)
  const y = Float64Array.from({ length: n }, () => random.int(2))
  const config: PipelineConfig = {
    numeric: { impute: 'median', fillValue: 0, missingIndicator: true, outliers: 'iqr-drop', outlierFactor: 1.5, scale: 'robust' },
    categorical: { impute: 'constant', fillValue: 'unknown', missingIndicator: false, encode: 'one-hot', maxCategories: 4, unseen: 'other' },
    overrides: { bmi: { scale: 'minmax', outliers: 'zscore-clip', outlierFactor: 2 }, stage: { encode: 'ordinal' } },
    selection: { varianceThreshold: 0, correlationThreshold: 0.95, topK: 8 },
  }
  const probe = table(
    num('age', [Infinity, null, 45, 1e6]),
    num('crp', [-Infinity, 0.1, null, 3]),
    num('bmi', [10, 50, 25, null]),
    cat('city', ['Zagreb', null, 'Graz', 'Aarhus']),
    cat('stage', ['IV', 'I', null, 'II']),
  )

  it('through JSON text', () => {
    const pipeline = FeaturePipeline.create(t, ['age', 'crp', 'bmi', 'city', 'stage'], config, 'binary')
    const fit = pipeline.fitTransform(t, y)
    expect(fit.rows.length).toBeLessThan(n)
    const json = viaJSON(pipeline.toJSON())
    const again = FeaturePipeline.fromJSON(json)
    expect(again.featureNames).toEqual(pipeline.featureNames)
    expect(bytes(again.transform(probe))).toEqual(bytes(pipeline.transform(probe)))
    expect(bytes(again.transform(t))).toEqual(bytes(pipeline.transform(t)))
    expect(again.describe()).toEqual(pipeline.describe())
    expect(json.config).toEqual(config)
    expect(json.steps.map((s) => s.kind)).toEqual(['outliers', 'impute', 'one-hot', 'ordinal', 'scale', 'select'])
  })

  it('fitting is deterministic', () => {
    const a = FeaturePipeline.create(t, ['age', 'crp', 'bmi', 'city', 'stage'], config, 'binary')
    const b = FeaturePipeline.create(t, ['age', 'crp', 'bmi', 'city', 'stage'], config, 'binary')
    expect(bytes(a.fitTransform(t, y).X)).toEqual(bytes(b.fitTransform(t, y).X))
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()))
  })

  it('the matrix is the kept rows of transform(training table)', () => {
    const pipeline = FeaturePipeline.create(t, ['age', 'crp', 'bmi', 'city', 'stage'], config, 'binary')
    const { X, rows } = pipeline.fitTransform(t, y)
    const all = pipeline.transform(t)
    const picked = new Float64Array(rows.length * all.cols)
    rows.forEach((r, i) => picked.set(all.data.subarray(r * all.cols, (r + 1) * all.cols), i * all.cols))
    expect(Array.from(picked)).toEqual(Array.from(X.data))
  })
})

describe('first-version bundles', () => {
  it('still load and transform (impute → standardize → one-hot)', () => {
    const legacy: PipelineJSON = {
      inputs: [{ name: 'age', type: 'number' }, { name: 'sex', type: 'category', categories: ['f', 'm'] }],
      steps: [
        { kind: 'impute', numeric: 'median', columns: ['age', 'sex'], fills: { age: 40, sex: 'f' } },
        { kind: 'standardize', columns: ['age'], stats: { age: { mean: 40, scale: 10 } } },
        { kind: 'one-hot', columns: ['sex'], categories: { sex: ['f', 'm'] } },
      ],
      featureNames: ['age', 'sex=f', 'sex=m'],
    }
    const pipeline = FeaturePipeline.fromJSON(legacy)
    const X = pipeline.transform(table(num('age', [null, 60]), cat('sex', [null, 'x'])))
    expect(Array.from(X.data)).toEqual([0, 1, 0, 2, 0, 0])
    expect(pipeline.config).toBeUndefined()
  })

  it('an unknown step kind is an error naming it', () => {
    expect(() => FeaturePipeline.fromJSON({ inputs: [], steps: [{ kind: 'pca' }], featureNames: ['a'] })).toThrow(/unknown step kind "pca"/)
  })
})
