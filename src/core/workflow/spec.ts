import { parseRecipe } from '../clean/parse-recipe'
import type { CleaningRecipe } from '../clean/types'
import { errorText } from '../errors'
import { CLASSIFICATION_METRIC_NAMES, REGRESSION_METRIC_NAMES } from '../eval/metric-direction'
import { validateSpace, type SearchSpace } from '../eval/search-space'
import { familyInfo, FAMILIES } from '../model/registry'
import type { CategoricalPlan, NumericPlan, PipelineConfig, SelectionPlan } from '../pipeline/config'
import { checkModelName } from '../tracking/registry'
import { FieldChecker, quote, trackingError } from '../tracking/checks'
import type { Task } from '../types'
import { PIPELINE_FORMAT, type PipelineSpec, type PromotionRule } from './types'

/**
 * Reading a saved pipeline (JSON from a file, IndexedDB or the page's "Save
 * as pipeline"): every field is checked and named by its path, so a hand-
 * edited spec fails with "pipeline: promotion.minGain is "0.01"; expected a
 * number ≥ 0" before any data is read. The recipe, the model's parameters and
 * the search space are checked by the core code that will run them
 * (parseRecipe, the family's estimator constructor, validateSpace), never
 * re-implemented here.
 */

const CODE = 'pipeline-spec'
const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression']
const IMPUTE = ['median', 'mean', 'most-frequent', 'constant', 'none'] as const
const OUTLIERS = ['none', 'iqr-clip', 'zscore-clip', 'iqr-drop', 'zscore-drop'] as const
const SCALE = ['standard', 'minmax', 'robust', 'none'] as const
const ENCODE = ['one-hot', 'ordinal'] as const
const UNSEEN = ['zeros', 'other'] as const

class SpecChecker extends FieldChecker {
  constructor() {
    super('pipeline', CODE)
  }

  number(value: unknown, field: string, expected: string, ok: (n: number) => boolean): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) this.fail(field, value, expected)
    return value
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, value, 'true or false')
    return value
  }

  /** A failure raised by other core code (recipe, estimator, search space), re-labelled with the spec's path. */
  wrap<T>(field: string, work: () => T): T {
    try {
      return work()
    } catch (error) {
      const text = errorText(error).replace(/^[a-z-]+: /, '')
      throw trackingError(CODE, this.domain, `${field}: ${text}`)
    }
  }
}

/**
 * Validates parsed JSON as a pipeline spec and returns a clean copy holding
 * only the known fields; StudioError 'pipeline-spec' naming the path of the
 * first bad field ("pipeline: model.params: …", "pipeline: recipe: step 2 …").
 */
export function parsePipelineSpec(json: unknown): PipelineSpec {
  const check = new SpecChecker()
  const doc = check.object(json, 'the spec')
  if (doc.format !== PIPELINE_FORMAT) check.fail('format', doc.format, `"${PIPELINE_FORMAT}" — is this a saved pipeline?`)
  if (doc.version !== 1) {
    if (typeof doc.version === 'number' && doc.version > 1) {
      throw trackingError(CODE, 'pipeline', `version ${doc.version} is newer than this studio reads (version 1); update the studio`)
    }
    check.fail('version', doc.version, '1')
  }
  const name = check.string(doc.name, 'name', { nonEmpty: true }).trim()
  const task = check.oneOf(doc.task, 'task', TASKS)
  const target = check.string(doc.target, 'target', { nonEmpty: true })
  const features = check.array(doc.features, 'features').map((f, i) => check.string(f, `features[${i}]`, { nonEmpty: true }))
  if (features.length === 0) check.fail('features', doc.features, 'at least one feature column')
  features.forEach((f, i) => {
    if (f === target) check.fail(`features[${i}]`, f, `a column other than the target "${target}"`)
    if (features.indexOf(f) < i) check.fail(`features[${i}]`, f, `a column not already listed (it is features[${features.indexOf(f)}] too)`)
  })
  const validation = parseValidation(check, doc.validation)
  const modelName = check.wrap('registry.modelName', () => checkModelName(check.object(doc.registry, 'registry').modelName))
  return {
    format: PIPELINE_FORMAT,
    version: 1,
    name,
    source: parseSource(check, doc.source),
    recipe: doc.recipe === null || doc.recipe === undefined ? null : check.wrap('recipe', (): CleaningRecipe => parseRecipe(doc.recipe)),
    target,
    task,
    features,
    pipeline: parsePipelineConfig(check, doc.pipeline),
    model: parseModel(check, doc.model, task),
    validation,
    registry: { modelName },
    promotion: parsePromotion(check, doc.promotion, task),
    createdAt: check.date(doc.createdAt, 'createdAt'),
  }
}

function parseSource(check: SpecChecker, value: unknown): PipelineSpec['source'] {
  const source = check.object(value, 'source')
  const kind = check.oneOf(source.kind, 'source.kind', ['file', 'url'] as const)
  if (kind === 'url') {
    const url = check.string(source.url, 'source.url', { nonEmpty: true })
    if (!/^https?:\/\//i.test(url)) check.fail('source.url', url, 'an http(s) address')
    return { kind, url }
  }
  return { kind, name: check.string(source.name, 'source.name', { nonEmpty: true }), fingerprint: check.string(source.fingerprint, 'source.fingerprint') }
}

function parseValidation(check: SpecChecker, value: unknown): PipelineSpec['validation'] {
  const v = check.object(value, 'validation')
  // A champion and a challenger are compared on held-out rows, so some rows must be held out.
  const testShare = check.number(v.testShare, 'validation.testShare', 'a share between 0 and 1 (exclusive), e.g. 0.2', (n) => n > 0 && n < 1)
  const seed = check.integer(v.seed, 'validation.seed', 0)
  if (v.folds === undefined) return { testShare, seed }
  return { testShare, seed, folds: check.integer(v.folds, 'validation.folds', 2) }
}

function parseModel(check: SpecChecker, value: unknown, task: Task): PipelineSpec['model'] {
  const m = check.object(value, 'model')
  const familyId = check.oneOf(m.family, 'model.family', Object.keys(FAMILIES))
  const family = familyInfo(familyId)
  if (!family.tasks.includes(task)) check.fail('model.family', familyId, `a family that does ${task === 'regression' ? 'regression' : `${task} classification`} (${family.label} does not)`)
  const params = { ...check.object(m.params ?? {}, 'model.params') }
  // The estimator's constructor is the authority on parameter ranges.
  check.wrap('model.params', () => family.create({ ...family.defaults, ...params }))
  if (m.search === undefined || m.search === null) return { family: familyId, params }
  const s = check.object(m.search, 'model.search')
  const space = check.object(s.space, 'model.search.space') as SearchSpace
  check.wrap('model.search.space', () => validateSpace(space))
  const strategy = check.oneOf(s.strategy, 'model.search.strategy', ['grid', 'random'] as const)
  const search: NonNullable<PipelineSpec['model']['search']> = { space, strategy }
  if (s.trials !== undefined) search.trials = check.integer(s.trials, 'model.search.trials', 1)
  return { family: familyId, params, search }
}

function parsePromotion(check: SpecChecker, value: unknown, task: Task): PromotionRule {
  const p = check.object(value, 'promotion')
  const metrics = task === 'regression' ? REGRESSION_METRIC_NAMES : CLASSIFICATION_METRIC_NAMES
  return {
    metric: check.oneOf(p.metric, 'promotion.metric', metrics),
    minGain: check.number(p.minGain, 'promotion.minGain', 'a number ≥ 0', (n) => n >= 0),
    requireGolden: check.boolean(p.requireGolden, 'promotion.requireGolden'),
  }
}

function parsePipelineConfig(check: SpecChecker, value: unknown): PipelineConfig {
  const c = check.object(value, 'pipeline')
  const n = check.object(c.numeric, 'pipeline.numeric')
  const numeric: NumericPlan = {
    impute: check.oneOf(n.impute, 'pipeline.numeric.impute', IMPUTE),
    fillValue: check.number(n.fillValue, 'pipeline.numeric.fillValue', 'a number', () => true),
    missingIndicator: check.boolean(n.missingIndicator, 'pipeline.numeric.missingIndicator'),
    outliers: check.oneOf(n.outliers, 'pipeline.numeric.outliers', OUTLIERS),
    outlierFactor: check.number(n.outlierFactor, 'pipeline.numeric.outlierFactor', 'a number above 0', (x) => x > 0),
    scale: check.oneOf(n.scale, 'pipeline.numeric.scale', SCALE),
  }
  const k = check.object(c.categorical, 'pipeline.categorical')
  const categorical: CategoricalPlan = {
    impute: check.oneOf(k.impute, 'pipeline.categorical.impute', IMPUTE),
    fillValue: check.string(k.fillValue, 'pipeline.categorical.fillValue'),
    missingIndicator: check.boolean(k.missingIndicator, 'pipeline.categorical.missingIndicator'),
    encode: check.oneOf(k.encode, 'pipeline.categorical.encode', ENCODE),
    maxCategories: check.integer(k.maxCategories, 'pipeline.categorical.maxCategories', 1),
    unseen: check.oneOf(k.unseen, 'pipeline.categorical.unseen', UNSEEN),
  }
  const overrides = check.object(c.overrides ?? {}, 'pipeline.overrides')
  for (const [column, o] of Object.entries(overrides)) check.object(o, `pipeline.overrides[${quote(column)}]`)
  const s = check.object(c.selection, 'pipeline.selection')
  const nullable = (v: unknown, field: string, expected: string, ok: (x: number) => boolean): number | null => (v === null || v === undefined ? null : check.number(v, field, expected, ok))
  const selection: SelectionPlan = {
    varianceThreshold: nullable(s.varianceThreshold, 'pipeline.selection.varianceThreshold', 'null or a number ≥ 0', (x) => x >= 0),
    correlationThreshold: nullable(s.correlationThreshold, 'pipeline.selection.correlationThreshold', 'null or a number from 0 to 1', (x) => x >= 0 && x <= 1),
    topK: s.topK === null || s.topK === undefined ? null : check.integer(s.topK, 'pipeline.selection.topK', 1),
  }
  return { numeric, categorical, overrides: overrides as PipelineConfig['overrides'], selection }
}
