import { describe, expect, it } from 'vitest'
import { DEFAULT_PIPELINE_CONFIG } from '../../../../src/core/pipeline/config'
import { defaultModelName, defaultPipelineName, defaultPromotionRule, pipelineSpecFromRun } from '../../../../src/core/tracking/pipeline-from-run'
import { parsePipelineSpec } from '../../../../src/core/workflow/spec'
import { addModelVersion, createRegisteredModel } from '../../../../src/core/tracking/registry'
import { RECIPE_FORMAT, type CleaningRecipe } from '../../../../src/core/clean/types'
import { makeRun } from './fixtures'

const NOW = new Date('2026-12-02T01:00:00.000Z')
const recipe: CleaningRecipe = { format: RECIPE_FORMAT, version: 1, sourceColumns: ['x', 'y'], steps: [{ id: 's1', kind: 'drop-columns', columns: ['x'] }] } as unknown as CleaningRecipe

describe('pipelineSpecFromRun', () => {
  it('reads data source, recipe, target, features, pipeline, family, params and validation off the run', () => {
    const pipeline = { ...DEFAULT_PIPELINE_CONFIG, numeric: { ...DEFAULT_PIPELINE_CONFIG.numeric, scale: 'robust' as const } }
    const run = makeRun('r1', '2026-12-01T10:00:00.000Z', {
      dataset: { name: 'stroke.parquet', fingerprint: 'abc123', rows: 500, columns: 9 },
      target: 'stroke', features: ['age', 'sbp'], family: 'gbdt', params: { learningRate: 0.1, nRounds: 50 }, seed: 7, testShare: 0.25,
      recipe, pipelineConfig: pipeline, metrics: { auc: 0.91 },
    })
    const spec = pipelineSpecFromRun(run, { name: 'Stroke nightly', modelName: 'Stroke risk', now: NOW })
    expect(spec).toEqual({
      format: 'clinical-ml-studio/pipeline',
      version: 1,
      name: 'Stroke nightly',
      source: { kind: 'file', name: 'stroke.parquet', fingerprint: 'abc123' },
      recipe,
      target: 'stroke',
      task: 'binary',
      features: ['age', 'sbp'],
      pipeline,
      model: { family: 'gbdt', params: { learningRate: 0.1, nRounds: 50 } },
      validation: { testShare: 0.25, seed: 7 },
      registry: { modelName: 'Stroke risk' },
      promotion: { metric: 'auc', minGain: 0.005, requireGolden: true },
      createdAt: '2026-12-02T01:00:00.000Z',
    })
    // What the page saves is what the CLI reads: the headless runner's parser takes it unchanged.
    expect(parsePipelineSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec)
    // A copy: changing the spec leaves the run as it was.
    spec.features.push('z')
    expect(run.features).toEqual(['age', 'sbp'])
  })

  it('gives a run of schema 1 the default pipeline and no recipe, and a refit on every row a test share', () => {
    const run = makeRun('r2', '2026-12-01T10:00:00.000Z', { recipe: null, pipelineConfig: null, testShare: 0, cv: { scheme: { kind: 'stratified', k: 5, seed: 3 }, metric: 'auc', summary: {} } })
    const spec = pipelineSpecFromRun(run, { name: 'p', modelName: 'm', now: NOW })
    expect(spec.recipe).toBeNull()
    expect(spec.pipeline).toEqual(DEFAULT_PIPELINE_CONFIG)
    expect(spec.validation).toEqual({ testShare: 0.2, seed: 1, folds: 5 })
  })

  it('takes promotion overrides and refuses a running run, an empty name and a negative gain', () => {
    const run = makeRun('r3', '2026-12-01T10:00:00.000Z', { task: 'regression', metrics: { rmse: 1.2 } })
    expect(pipelineSpecFromRun(run, { name: 'p', modelName: 'm', now: NOW, promotion: { minGain: 0.1, metric: undefined } }).promotion).toEqual({ metric: 'rmse', minGain: 0.1, requireGolden: true })
    expect(() => pipelineSpecFromRun({ ...run, status: 'running' }, { name: 'p', modelName: 'm', now: NOW })).toThrow(/still training/)
    expect(() => pipelineSpecFromRun(run, { name: '  ', modelName: 'm', now: NOW })).toThrow(/pipeline name "  " is not allowed/)
    expect(() => pipelineSpecFromRun(run, { name: 'p', modelName: '', now: NOW })).toThrow(/registry model name "" is not allowed/)
    expect(() => pipelineSpecFromRun(run, { name: 'p', modelName: 'm', now: NOW, promotion: { minGain: -1 } })).toThrow(/minimum gain -1 is not allowed/)
  })
})

describe('defaults', () => {
  it('promotes on AUC for binary, macro-F1 (or accuracy) for several classes, RMSE for regression', () => {
    expect(defaultPromotionRule('binary')).toEqual({ metric: 'auc', minGain: 0.005, requireGolden: true })
    expect(defaultPromotionRule('multiclass', { f1: 0.7, accuracy: 0.8 }).metric).toBe('f1')
    expect(defaultPromotionRule('multiclass', { accuracy: 0.8 }).metric).toBe('accuracy')
    expect(defaultPromotionRule('regression').metric).toBe('rmse')
  })

  it('names the pipeline after target and file, and the model after the registered model the run is in', () => {
    const run = makeRun('r4', '2026-12-01T10:00:00.000Z', { target: 'Diagnosis', dataset: { name: 'parkinsons.csv.gz', fingerprint: 'f', rows: 1, columns: 1 } })
    expect(defaultPipelineName(run)).toBe('Diagnosis from parkinsons')
    expect(defaultModelName(run, 'Diagnosis from parkinsons')).toBe('Diagnosis from parkinsons')
    const older = addModelVersion(createRegisteredModel('Old name', '2026-01-01'), 'r4', '', '2026-01-01').model
    const newer = addModelVersion(createRegisteredModel('Parkinson screening', '2026-02-01'), 'r4', '', '2026-02-01').model
    const other = addModelVersion(createRegisteredModel('Other', '2026-03-01'), 'r9', '', '2026-03-01').model
    expect(defaultModelName(run, 'x', [older, newer, other])).toBe('Parkinson screening')
  })
})
