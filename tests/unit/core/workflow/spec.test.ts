/**
 * Reading a saved pipeline: a valid spec round-trips through JSON; every bad
 * field is refused with code 'pipeline-spec' and a message naming its path.
 */
import { describe, expect, it } from 'vitest'
import { StudioError } from '../../../../src/core/errors'
import { parsePipelineSpec } from '../../../../src/core/workflow/spec'
import { msSpec } from './support'

/** The spec as JSON with `edit` applied to its parsed copy. */
function edited(edit: (doc: Record<string, any>) => void): unknown {
  const doc = JSON.parse(JSON.stringify(msSpec()))
  edit(doc)
  return doc
}

function refusal(json: unknown): StudioError {
  try {
    parsePipelineSpec(json)
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError)
    return error as StudioError
  }
  throw new Error('the spec was accepted')
}

describe('parsePipelineSpec', () => {
  it('accepts a saved pipeline and gives back the same spec after a JSON round trip', () => {
    const spec = msSpec({ model: { family: 'gbdt', params: { learningRate: 0.1 }, search: { space: { maxDepth: { type: 'int', min: 2, max: 4 } }, strategy: 'grid' } }, validation: { testShare: 0.2, seed: 3, folds: 4 } })
    const parsed = parsePipelineSpec(JSON.parse(JSON.stringify(spec)))
    expect(parsed).toEqual(spec)
    expect(parsed.recipe?.steps.length).toBeGreaterThan(3)
  })

  it('accepts a URL source and no recipe', () => {
    const parsed = parsePipelineSpec(edited((d) => ((d.source = { kind: 'url', url: 'https://example.org/ms.parquet' }), (d.recipe = null))))
    expect(parsed.source).toEqual({ kind: 'url', url: 'https://example.org/ms.parquet' })
    expect(parsed.recipe).toBeNull()
  })

  it.each([
    ['format', (d: any) => (d.format = 'clinical-ml-studio/cleaning-recipe'), /^pipeline: format is "clinical-ml-studio\/cleaning-recipe"; expected "clinical-ml-studio\/pipeline"/],
    ['version', (d: any) => (d.version = 2), /^pipeline: version 2 is newer than this studio reads/],
    ['name', (d: any) => (d.name = ' '), /^pipeline: name is " "; expected non-empty text/],
    ['task', (d: any) => (d.task = 'survival'), /^pipeline: task is "survival"; expected one of binary, multiclass, regression/],
    ['features[1]', (d: any) => (d.features[1] = 3), /^pipeline: features\[1\] is 3; expected non-empty text/],
    ['feature that is the target', (d: any) => (d.features[2] = 'treatment_response'), /^pipeline: features\[2\] is "treatment_response"; expected a column other than the target "treatment_response"/],
    ['feature listed twice', (d: any) => (d.features[3] = 'age'), /^pipeline: features\[3\] is "age"; expected a column not already listed \(it is features\[0\] too\)/],
    ['source.url', (d: any) => (d.source = { kind: 'url', url: 'ftp://x/y.csv' }), /^pipeline: source.url is "ftp:\/\/x\/y.csv"; expected an http\(s\) address/],
    ['validation.testShare', (d: any) => (d.validation.testShare = 0), /^pipeline: validation.testShare is 0; expected a share between 0 and 1/],
    ['validation.folds', (d: any) => (d.validation.folds = 1), /^pipeline: validation.folds is 1; expected a whole number ≥ 2/],
    ['model.family', (d: any) => (d.model.family = 'svm'), /^pipeline: model.family is "svm"; expected one of logistic, /],
    ['model.family for the task', (d: any) => (d.model.family = 'linreg'), /^pipeline: model.family is "linreg"; expected a family that does binary classification/],
    ['model.params', (d: any) => (d.model.params = { C: -1 }), /^pipeline: model.params: .*C/],
    ['model.search.space', (d: any) => (d.model.search = { space: { C: { type: 'float', min: 10, max: 1 } }, strategy: 'grid' }), /^pipeline: model.search.space: C has min 10 above max 1/],
    ['model.search.strategy', (d: any) => (d.model.search = { space: { C: { type: 'choice', values: [1] } }, strategy: 'bayes' }), /^pipeline: model.search.strategy is "bayes"/],
    ['recipe', (d: any) => (d.recipe.steps[1].kind = 'shuffle'), /^pipeline: recipe: step 2/],
    ['pipeline.numeric.scale', (d: any) => (d.pipeline.numeric.scale = 'log'), /^pipeline: pipeline.numeric.scale is "log"; expected one of standard, minmax, robust, none/],
    ['pipeline.selection.topK', (d: any) => (d.pipeline.selection.topK = 0), /^pipeline: pipeline.selection.topK is 0; expected a whole number ≥ 1/],
    ['registry.modelName', (d: any) => (d.registry.modelName = ''), /^pipeline: registry.modelName: model name "" is not allowed/],
    ['promotion.metric', (d: any) => (d.promotion.metric = 'rmse'), /^pipeline: promotion.metric is "rmse"; expected one of auc, /],
    ['promotion.minGain', (d: any) => (d.promotion.minGain = '0.01'), /^pipeline: promotion.minGain is "0.01"; expected a number ≥ 0/],
    ['promotion.requireGolden', (d: any) => delete d.promotion.requireGolden, /^pipeline: promotion.requireGolden is missing; expected true or false/],
    ['createdAt', (d: any) => (d.createdAt = 'yesterday'), /^pipeline: createdAt is "yesterday"; expected an ISO date/],
  ])('refuses a bad %s, naming its path', (_field, edit, message) => {
    const error = refusal(edited(edit))
    expect(error.code).toBe('pipeline-spec')
    expect(error.message).toMatch(message)
  })

  it('refuses what is not a spec at all', () => {
    expect(refusal([]).message).toBe('pipeline: the spec is []; expected an object')
    expect(refusal(null).code).toBe('pipeline-spec')
  })

  it('checks the promotion metric against the task', () => {
    const regression = edited((d) => {
      d.task = 'regression'
      d.target = 'edss'
      d.features = d.features.filter((f: string) => f !== 'edss')
      d.model.family = 'linreg'
      d.promotion.metric = 'auc'
    })
    expect(refusal(regression).message).toMatch(/^pipeline: promotion.metric is "auc"; expected one of rmse, mae, r2, mape/)
  })
})
