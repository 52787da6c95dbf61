/**
 * An XGBoost model as a studio model, and with a dataset as a studio bundle.
 *
 * The model becomes the gradient boosting family ('gbdt'): the same sum of
 * trees and the same links (sigmoid of one margin for binary, softmax over one
 * margin per class for multiclass, the margin itself for regression), so the
 * studio predicts, explains (TreeSHAP over the imported cover), serves and
 * monitors it like its own boosting. The dataset supplies what a bundle needs
 * beyond the model: its feature columns (the model's feature names, or f0…fn
 * by position) go through a pipeline that changes nothing (no imputation —
 * missing values take XGBoost's default directions — no scaling, no
 * selection), its rows give the reference statistics and golden cases, and
 * with the target the metrics. The bundle is built by core's buildBundle, like
 * any trained run's.
 */
import type { ModelBundle } from '../../bundle/bundle'
import { buildBundle } from '../../bundle/build-bundle'
import { StudioError } from '../../errors'
import type { ModelJSON } from '../../model/estimator'
import { GRADIENT_BOOSTING_DEFAULTS, GradientBoosting } from '../../model/tree/gradient-boosting'
import { TreeEnsemble } from '../../model/tree/predictor'
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from '../../pipeline/config'
import { FeaturePipeline } from '../../pipeline/pipeline'
import { getColumn } from '../../table/access'
import { fingerprintTable } from '../../table/fingerprint'
import { scoreClassifier, scoreRegressor, type Scored } from '../../train/score'
import { distinctValues } from '../../train/target'
import type { Column, Table } from '../../types'
import { readXGBoostModel, type XGBoostModelInfo } from './read-model'

/** The feature pipeline of an imported model: numbers in, the same numbers out. */
export const PASS_THROUGH_PIPELINE: PipelineConfig = {
  numeric: { ...DEFAULT_PIPELINE_CONFIG.numeric, impute: 'none', missingIndicator: false, outliers: 'none', scale: 'none' },
  categorical: DEFAULT_PIPELINE_CONFIG.categorical,
  overrides: {},
  selection: { varianceThreshold: null, correlationThreshold: null, topK: null },
}

/** The studio model (gradient boosting family) that predicts what the XGBoost model predicts. */
export function studioModelFromXGBoost(info: XGBoostModelInfo): GradientBoosting {
  const json: ModelJSON = {
    family: 'gbdt',
    version: 1,
    // XGBoost's JSON model keeps no training parameters; the rounds are what it has.
    params: { ...GRADIENT_BOOSTING_DEFAULTS, nRounds: Math.min(10000, Math.max(1, info.rounds)) },
    task: info.task,
    classes: info.classes,
    features: info.featureCount,
    importance: Array.from(info.importance),
    trees: new TreeEnsemble(info.ensemble).toJSON(),
  }
  return GradientBoosting.fromJSON(json)
}

/** What importing needs beside the model file. */
export interface ImportOptions {
  /** The column holding the outcome: with it the bundle carries metrics on the loaded rows. */
  target?: string
  /** Dataset identity for the bundle (default: the table's name and fingerprint). */
  dataset?: { name: string; fingerprint: string }
  createdAt?: string
}

export interface ImportResult {
  bundle: ModelBundle
  info: XGBoostModelInfo
  model: GradientBoosting
  pipeline: FeaturePipeline
  /** The model's feature columns, in its order. */
  features: string[]
  /** Metrics and curves on the rows with a target; null without a target. */
  scored: Scored | null
  /** Rows scored (with a target value). */
  scoredRows: number
}

/** Reads `modelJson` (a parsed XGBoost JSON model) and builds the studio bundle for it on `table` (see the file header). */
export function importXGBoost(modelJson: unknown, table: Table, options: ImportOptions = {}): ImportResult {
  const started = Date.now()
  const info = readXGBoostModel(modelJson)
  const features = featureColumns(info, table, options.target)
  const model = studioModelFromXGBoost(info)
  const pipeline = FeaturePipeline.create(table, features, PASS_THROUGH_PIPELINE, info.task)
  const { X } = pipeline.fitTransform(table)
  if (pipeline.featureNames.join('\u0000') !== features.join('\u0000')) throw new Error('xgboost: the pass-through pipeline changed the feature columns')
  const allRows = Int32Array.from({ length: table.rowCount }, (_, i) => i)
  const target = options.target === undefined ? null : encodeImportTarget(getColumn(table, options.target), info)
  const labels = target ? target.labels : defaultLabels(info)
  let scored: Scored | null = null
  let testRows: Int32Array = new Int32Array(0)
  let heldOutOutput: Float64Array = new Float64Array(0)
  if (target) {
    const labelled = allRows.filter((i) => !Number.isNaN(target.y[i]))
    if (labelled.length === 0) throw new StudioError('xgboost/no-target-values', `xgboost: the target "${options.target}" has no value in any row; choose the column that holds the outcome, or import without a target`)
    const Xl = { rows: labelled.length, cols: X.cols, data: new Float64Array(labelled.length * X.cols) }
    labelled.forEach((r, k) => Xl.data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), k * X.cols))
    const y = Float64Array.from(labelled, (r) => target.y[r])
    scored = info.task === 'regression' ? scoreRegressor(model, Xl, y) : scoreClassifier(model, Xl, y, info.classes)
    testRows = labelled
    heldOutOutput = scored.outputs
  }
  const bundle = buildBundle({
    createdAt: options.createdAt ?? new Date(started).toISOString(),
    task: info.task,
    target: { name: options.target ?? 'prediction', labels, positiveLabel: info.task === 'binary' ? labels[1] : null },
    raw: table,
    cleaned: table,
    sourceRows: allRows,
    recipeSteps: [],
    // Every loaded row describes the data the model meets (reference statistics); the rows with a target are the ones scored.
    trainRows: allRows,
    testRows,
    pipeline,
    model,
    heldOutOutput,
    metrics: { heldOut: scored ? { ...scored.metrics } : {} },
    dataset: { name: options.dataset?.name ?? table.name, fingerprint: options.dataset?.fingerprint ?? fingerprintTable(table), rows: table.rowCount, columns: table.columns.length },
    // No training happened here: no rows were learned from, the rounds are the model's.
    training: { seed: 0, testShare: 1, trainRows: 0, testRows: testRows.length, iterations: info.rounds, converged: true, durationMs: Date.now() - started },
  })
  return { bundle, info, model, pipeline, features, scored, scoredRows: testRows.length }
}

/** The table's columns the model reads: its feature names, or all columns but the target by position. */
function featureColumns(info: XGBoostModelInfo, table: Table, target: string | undefined): string[] {
  const columns = table.columns.map((c) => c.name)
  if (target !== undefined && !columns.includes(target)) {
    throw new StudioError('xgboost/no-target-column', `xgboost: the data has no column "${target}"; its columns are ${preview(columns)}`)
  }
  let features: string[]
  if (info.featureNames) {
    const missing = info.featureNames.filter((name) => !columns.includes(name))
    if (missing.length > 0) {
      throw new StudioError('xgboost/missing-features', `xgboost: the model reads ${info.featureCount} feature(s) by name, and the data lacks ${preview(missing)}; load the table the model was trained on (the same column names)`)
    }
    if (target !== undefined && info.featureNames.includes(target)) throw new StudioError('xgboost/target-is-feature', `xgboost: "${target}" is one of the model's features, so it cannot be the target`)
    features = info.featureNames
  } else {
    features = columns.filter((c) => c !== target)
    if (features.length !== info.featureCount) {
      throw new StudioError(
        'xgboost/feature-count',
        `xgboost: the model has ${info.featureCount} unnamed feature(s) (f0…f${info.featureCount - 1}), read by position, but the data has ${features.length} column(s) besides the target; keep exactly the model's features, in training order`,
      )
    }
  }
  for (const name of features) {
    const column = table.columns.find((c) => c.name === name) as Column
    if (column.type !== 'number') {
      throw new StudioError('xgboost/feature-not-numeric', `xgboost: feature "${name}" holds text (e.g. "${column.levels[0] ?? ''}"); an XGBoost model reads numbers only — encode it as the model was trained`)
    }
  }
  return features
}

/** Class labels without a target column: XGBoost's class indices. */
function defaultLabels(info: XGBoostModelInfo): string[] {
  return info.task === 'regression' ? [] : Array.from({ length: info.classes }, (_, k) => String(k))
}

/**
 * The target as XGBoost saw it. XGBoost numbers classes 0…K-1: a numeric
 * target must hold exactly those values (labels "0"…"K-1"); a text target is
 * read as scikit-learn's LabelEncoder numbers it — its K distinct values in
 * sorted order.
 */
function encodeImportTarget(column: Column, info: XGBoostModelInfo): { labels: string[]; y: Float64Array } {
  const n = column.type === 'number' ? column.values.length : column.codes.length
  if (info.task === 'regression') {
    if (column.type !== 'number') throw new StudioError('xgboost/target-not-numeric', `xgboost: the target "${column.name}" holds text, but the model (${info.objective}) predicts a number`)
    return { labels: [], y: Float64Array.from(column.values) }
  }
  const K = info.classes
  if (column.type === 'number') {
    const bad = Array.from(column.values).find((v) => !Number.isNaN(v) && !(Number.isInteger(v) && v >= 0 && v < K))
    if (bad !== undefined) {
      throw new StudioError('xgboost/target-classes', `xgboost: the target "${column.name}" holds ${bad}, but the model (${info.objective}) numbers its ${K} classes 0…${K - 1}; choose the column the model was trained to predict`)
    }
    return { labels: defaultLabels(info), y: Float64Array.from(column.values) }
  }
  const labels = distinctValues(column)
  if (labels.length !== K) {
    throw new StudioError('xgboost/target-classes', `xgboost: the target "${column.name}" has ${labels.length} distinct value(s) (${preview(labels)}) but the model has ${K} classes; a text target is matched to classes 0…${K - 1} in sorted order, as scikit-learn's LabelEncoder numbers them`)
  }
  const index = new Map(labels.map((label, k) => [label, k]))
  const byCode = column.levels.map((level) => index.get(level) ?? NaN)
  return { labels, y: Float64Array.from({ length: n }, (_, i) => (column.codes[i] < 0 ? NaN : byCode[column.codes[i]])) }
}

function preview(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => `"${n}"`).join(', ')
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown
}
