import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { BUNDLE_VERSION, parseBundle, type ModelBundleV2 } from '../../../../src/core/bundle/bundle'
import { jsonPath } from '../../../../src/core/bundle/validate'
import { StudioError } from '../../../../src/core/errors'
import type { PipelineConfig } from '../../../../src/core/pipeline/config'
import { DEFAULT_PIPELINE_CONFIG } from '../../../../src/core/pipeline/config'
import { bundleValidatorSource, GENERATED_PATH } from '../../../../src/node/generate-bundle-validator'
import { goldenJson, trainVitals, vitalsSample } from './helpers'

/** The message of what `run` throws (a StudioError), or a failure when it does not throw. */
function thrown(run: () => unknown): StudioError {
  try {
    run()
  } catch (error) {
    if (error instanceof StudioError) return error
    throw error
  }
  throw new Error('expected an error')
}

/** The v2 vitals golden bundle with one change applied. */
function broken(change: (b: Record<string, any>) => void): Record<string, unknown> {
  const bundle = goldenJson('v2-logistic-vitals.json') as Record<string, any>
  change(bundle)
  return bundle
}

describe('the JSON Schema and its generated validator', () => {
  it('the committed validator is what `npm run schema` makes from model-bundle.schema.json', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(bundleValidatorSource())
  })

  it('the generated validator needs no eval and imports nothing (it runs under the page CSP and in workers)', () => {
    const source = readFileSync(GENERATED_PATH, 'utf8')
    expect(source).not.toMatch(/\bnew Function\b|\beval\(|\brequire\(|^import /m)
  })

  it('jsonPath turns JSON pointers into the paths messages use', () => {
    expect(jsonPath('/pipeline/steps/2/mean')).toBe('pipeline.steps[2].mean')
    expect(jsonPath('/metrics/heldOut/a~1b')).toBe('metrics.heldOut["a/b"]')
    expect(jsonPath('')).toBe('')
  })
})

describe('validation errors name the path and what was expected', () => {
  const cases: [string, (b: Record<string, any>) => void, string][] = [
    ['a pipeline number given as text', (b) => (b.pipeline.steps[2].columns[0].center = 'x'), 'bundle: pipeline.steps[2].columns[0].center: expected a number, got "x"'],
    ['a model coefficient given as text', (b) => (b.model.coef[3] = 'a'), 'bundle: model.coef[3]: expected a number, got "a"'],
    ['an unknown input type', (b) => (b.inputSchema[1].type = 'text'), 'bundle: inputSchema[1].type: expected one of "number", "category", got "text"'],
    ['a dataset-level step among the replayed ones', (b) => (b.cleaning.steps[0].kind = 'dedupe'), 'bundle: cleaning.steps[0].kind: expected one of "convert", "split", "standardize-text", "validate", got "dedupe"'],
    ['a split into one column', (b) => (b.cleaning.steps[1].into = ['sbp']), 'bundle: cleaning.steps[1].into: expected at least 2 item(s), got 1'],
    ['a golden case without its output', (b) => delete b.golden[4].output, 'bundle: golden[4].output: missing; expected an object'],
    ['an unknown registry stage', (b) => (b.registry = { name: 'm', version: 1, stage: 'Live', exportedAt: 'now' }), 'bundle: registry.stage: expected one of "None", "Staging", "Production", "Archived", got "Live"'],
    ['a threshold above 1', (b) => (b.threshold = 1.5), 'bundle: threshold: expected a number <= 1, got 1.5'],
    ['a metric given as text', (b) => (b.metrics.heldOut.auc = 'high'), 'bundle: metrics.heldOut.auc: expected a number or null, got "high"'],
    ['a negative missing share', (b) => (b.reference.columns[0].missingShare = -1), 'bundle: reference.columns[0].missingShare: expected a number >= 0, got -1'],
    ['a missing required field', (b) => delete b.cleaning, 'bundle: cleaning: missing; expected an object'],
    ['a missing pipeline count', (b) => delete b.pipeline.steps[0].columns[0].rows, 'bundle: pipeline.steps[0].columns[0].rows: missing; expected a whole number or null'],
    ['damaged tree arrays', (b) => (b.model = { ...goldenJson('v2-gbdt-parkinsons.json').model as object, trees: { ...(goldenJson('v2-gbdt-parkinsons.json').model as any).trees, left: 'not base64!' } }), 'bundle: model.trees.left: expected base64 text, got "not base64!"'],
    ['a model family the studio does not know', (b) => (b.model.family = 'svm'), 'bundle: model.family: expected one of "logistic", "linreg", "tree", "forest", "gbdt", "mlp", got "svm"'],
  ]
  it.each(cases)('%s', (_, change, message) => {
    const error = thrown(() => parseBundle(broken(change)))
    expect(error.code).toBe('bundle-invalid')
    expect(error.message).toBe(message)
  })

  it('checks the cleaning steps with the Clean page\'s own recipe rules (a unit that is not one)', () => {
    const error = thrown(() => parseBundle(broken((b) => (b.cleaning.steps[0].unit = ' kg'))))
    expect(error.message).toMatch(/^bundle: cleaning\.steps: step 1 \(convert\): field "unit" must be a unit such as "kg"/)
  })

  it('checks what JSON Schema cannot: labels fit the task, each input column once', () => {
    expect(thrown(() => parseBundle(broken((b) => (b.target.labels = ['0', '1', '2'])))).message).toBe('bundle: target.labels: expected 2 labels for a binary task, got 3')
    expect(thrown(() => parseBundle(broken((b) => (b.inputSchema[2].name = b.inputSchema[1].name)))).message).toBe('bundle: inputSchema[2].name: "sex" is listed twice')
  })

  it('refuses a version-3 bundle, saying which version this studio reads', () => {
    const error = thrown(() => parseBundle(broken((b) => (b.version = 3))))
    expect(error.code).toBe('bundle-version')
    expect(error.message).toBe(`bundle: version 3 is newer than this studio reads (version ${BUNDLE_VERSION} and older); update the studio to load it`)
    expect(BUNDLE_VERSION).toBe(2)
  })

  it('refuses what is not a bundle at all, and a version that never existed', () => {
    expect(thrown(() => parseBundle([1])).message).toBe('bundle: expected a JSON object, got a list')
    expect(thrown(() => parseBundle({ hello: 1 })).message).toBe('bundle: format is missing; expected "clinical-ml-studio/model-bundle" — is this a Clinical ML Studio model file?')
    expect(thrown(() => parseBundle(broken((b) => (b.version = 0)))).message).toBe('bundle: version 0 does not exist; expected 1 to 2')
    expect(thrown(() => parseBundle(broken((b) => (b.version = '2')))).message).toBe('bundle: version is "2"; expected an integer')
  })

  it('checks a version-1 bundle against the version-1 definition before migrating it', () => {
    const v1 = goldenJson('v1-logistic-ms.json') as Record<string, any>
    v1.pipeline.steps[0].columns[1].fill = ['x']
    expect(thrown(() => parseBundle(v1)).message).toBe('bundle: pipeline.steps[0].columns[1].fill: expected a number or text or null, got a list')
    const legacy = goldenJson('v1-logistic-ms.json') as Record<string, any>
    legacy.pipeline.steps = [{ kind: 'standardize', columns: ['age'], stats: { age: { mean: 'x', scale: 1 } } }]
    expect(thrown(() => parseBundle(legacy)).message).toBe('bundle: pipeline.steps[0].stats.age.mean: expected a number, got "x"')
  })
})

describe('every bundle the trainer writes passes the schema', () => {
  let data: Awaited<ReturnType<typeof vitalsSample>>
  beforeAll(async () => {
    data = await vitalsSample()
  })

  const configs: [string, PipelineConfig][] = [
    ['defaults', DEFAULT_PIPELINE_CONFIG],
    [
      'ordinal codes, clipped outliers, robust scaling, indicators, top-k',
      {
        numeric: { impute: 'mean', fillValue: 0, missingIndicator: true, outliers: 'iqr-clip', outlierFactor: 1.5, scale: 'robust' },
        categorical: { impute: 'constant', fillValue: 'unknown', missingIndicator: true, encode: 'ordinal', maxCategories: 20, unseen: 'zeros' },
        overrides: { weight: { scale: 'minmax', outliers: 'zscore-drop', outlierFactor: 3 } },
        selection: { varianceThreshold: 0, correlationThreshold: 0.95, topK: 4 },
      },
    ],
    [
      'no imputation (trees take missing values), one-hot with "other"',
      {
        numeric: { impute: 'none', fillValue: 0, missingIndicator: false, outliers: 'none', outlierFactor: 1.5, scale: 'none' },
        categorical: { impute: 'none', fillValue: 'missing', missingIndicator: false, encode: 'one-hot', maxCategories: 1, unseen: 'other' },
        overrides: {},
        selection: { varianceThreshold: null, correlationThreshold: null, topK: null },
      },
    ],
  ]
  const families: [string, string, Record<string, unknown>][] = [
    ['logistic', 'binary', {}],
    ['tree', 'binary', { maxDepth: 4 }],
    ['forest', 'binary', { nTrees: 5 }],
    ['gbdt', 'binary', { nRounds: 10 }],
    ['linreg', 'regression', {}],
    ['gbdt', 'regression', { nRounds: 10 }],
  ]
  it.each(configs.flatMap(([name, config]) => families.map(([family, task, params]) => [name, family, task, params, config] as const)))(
    '%s: %s (%s)',
    async (_, family, task, params, config) => {
      if (config.numeric.impute === 'none' && ['logistic', 'linreg'].includes(family)) return
      const target = task === 'regression' ? { target: 'age', features: ['sex', 'sbp', 'dbp', 'weight', 'smoker'] } : {}
      const result = await trainVitals(data.table, data.recipe, { family, task: task as 'binary', params, pipeline: config, ...target })
      const text = JSON.stringify(result.bundle)
      const parsed: ModelBundleV2 = parseBundle(JSON.parse(text))
      expect(parsed.version).toBe(2)
      expect(parsed.golden.length).toBe(10)
    },
  )
})
