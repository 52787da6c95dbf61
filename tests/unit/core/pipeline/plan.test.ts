import { describe, expect, it } from 'vitest'
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from '../../../../src/core/pipeline/config'
import { FeaturePipeline } from '../../../../src/core/pipeline/pipeline'
import { resolvePlans } from '../../../../src/core/pipeline/plan'
import { describeInputs } from '../../../../src/core/pipeline/schema'
import { cat, num, table } from './tables'

const t = table(num('age', [30, 40, 50]), cat('sex', ['f', 'm', 'f']), num('id', [1, 2, 3]))
const with_ = (patch: Partial<PipelineConfig>): PipelineConfig => ({ ...DEFAULT_PIPELINE_CONFIG, ...patch })
const create = (config: PipelineConfig): FeaturePipeline => FeaturePipeline.create(t, ['age', 'sex'], config)

describe('pipeline configuration errors name the value and what was expected', () => {
  it.each([
    [with_({ categorical: { ...DEFAULT_PIPELINE_CONFIG.categorical, maxCategories: 0 } }), 'pipeline: categorical.maxCategories = 0 is invalid; expected an integer ≥ 1'],
    [with_({ categorical: { ...DEFAULT_PIPELINE_CONFIG.categorical, maxCategories: 2.5 } }), 'pipeline: categorical.maxCategories = 2.5 is invalid; expected an integer ≥ 1'],
    [with_({ categorical: { ...DEFAULT_PIPELINE_CONFIG.categorical, impute: 'median' } }), 'pipeline: categorical.impute = "median" is invalid; expected one of most-frequent, constant, none'],
    [with_({ categorical: { ...DEFAULT_PIPELINE_CONFIG.categorical, fillValue: '' } }), 'pipeline: categorical.fillValue = "" is invalid; expected non-empty text'],
    [with_({ numeric: { ...DEFAULT_PIPELINE_CONFIG.numeric, outlierFactor: -1 } }), 'pipeline: numeric.outlierFactor = -1 is invalid; expected a number > 0'],
    [with_({ numeric: { ...DEFAULT_PIPELINE_CONFIG.numeric, fillValue: NaN } }), 'pipeline: numeric.fillValue = NaN is invalid; expected a finite number'],
    [with_({ numeric: { ...DEFAULT_PIPELINE_CONFIG.numeric, scale: 'log' as never } }), 'pipeline: numeric.scale = "log" is invalid; expected one of standard, minmax, robust, none'],
    [with_({ selection: { varianceThreshold: -0.1, correlationThreshold: null, topK: null } }), 'pipeline: selection.varianceThreshold = -0.1 is invalid; expected null (off) or a number ≥ 0'],
    [with_({ selection: { varianceThreshold: null, correlationThreshold: 1.5, topK: null } }), 'pipeline: selection.correlationThreshold = 1.5 is invalid; expected null (off) or a number in [0, 1]'],
    [with_({ selection: { varianceThreshold: null, correlationThreshold: null, topK: 0 } }), 'pipeline: selection.topK = 0 is invalid; expected null (off) or an integer ≥ 1'],
    [{ ...DEFAULT_PIPELINE_CONFIG, selection: undefined } as unknown as PipelineConfig, 'pipeline: selection = undefined is invalid; expected an object'],
  ])('%#', (config, message) => {
    expect(() => create(config)).toThrow(message)
  })

  it('an override naming a column the table lacks', () => {
    expect(() => create(with_({ overrides: { weight: { scale: 'none' } } }))).toThrow('pipeline: overrides name the column "weight", which the table does not have; expected one of age, sex')
  })

  it('an override that does not fit the column type', () => {
    expect(() => create(with_({ overrides: { sex: { scale: 'standard' } } }))).toThrow('pipeline: overrides["sex"].scale does not apply to a category column; expected one of impute, fillValue, missingIndicator, encode, maxCategories, unseen')
    expect(() => create(with_({ overrides: { age: { encode: 'ordinal' } } }))).toThrow('pipeline: overrides["age"].encode does not apply to a numeric column; expected one of impute, fillValue, missingIndicator, outliers, outlierFactor, scale')
    expect(() => create(with_({ overrides: { age: { fillValue: 'zero' } } }))).toThrow('pipeline: overrides["age"].fillValue = "zero" is invalid; expected a finite number')
    expect(() => create(with_({ overrides: { sex: { impute: 'mean' } } }))).toThrow('pipeline: overrides["sex"].impute = "mean" is invalid; expected one of most-frequent, constant, none')
  })
})

describe('column plans', () => {
  it('type plans with per-column overrides applied; undefined override fields are ignored', () => {
    const config = with_({ overrides: { age: { impute: 'mean', scale: undefined }, sex: { encode: 'ordinal' } } })
    const plans = resolvePlans(describeInputs(t, ['age', 'sex']), config, ['age', 'sex', 'id'])
    expect(plans[0]).toEqual({ name: 'age', type: 'number', plan: { ...DEFAULT_PIPELINE_CONFIG.numeric, impute: 'mean' } })
    expect(plans[1]).toEqual({ name: 'sex', type: 'category', plan: { ...DEFAULT_PIPELINE_CONFIG.categorical, encode: 'ordinal' } })
  })

  it('an override of a table column that is not a selected feature is ignored', () => {
    expect(() => create(with_({ overrides: { id: { scale: 'robust' } } }))).not.toThrow()
  })
})
