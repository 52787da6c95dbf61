import { StudioError, throwIfAborted } from '../errors'
import { calibrationCurve, prCurve, type CalibrationCurve, type PrCurve } from '../metrics/classification-extra'
import { rocCurve, type RocCurve } from '../metrics/classification'
import type { FitProgress, LossPoint } from '../model/estimator'
import { familyInfo } from '../model/registry'
import { getColumn, takeRows } from '../table/access'
import type { Table } from '../types'
import { fitModel, type FittedModel, type ModelSpec } from '../train/fit-model'
import { classificationMetrics, regressionMetrics, scoreClassifier, scoreRegressor, type HeldOutMetrics } from '../train/score'
import { holdoutSplit } from '../train/split'
import { encodeTarget } from '../train/target'
import { makeFolds, type FoldScheme } from './folds'
import { summarizeFolds, type MetricSummary } from './summary'

export interface CrossValidationRequest extends ModelSpec {
  target: string
  seed: number
  scheme: FoldScheme
  /** Share of rows locked away as a test split before anything else (0 = none). Search and model choice never see them. */
  testShare: number
  /** Successive halving: cross-validate on this share of the (non-test) rows only, drawn stratified and seeded. Default 1. */
  rowShare?: number
}

export interface FoldOutcome {
  /** 1-based fold number within its repeat. */
  fold: number
  repeat: number
  metrics: HeldOutMetrics
  trainRows: number
  validRows: number
  fitMs: number
  roc: RocCurve | null
  pr: PrCurve | null
  history: LossPoint[] | null
}

export interface CrossValidationResult {
  folds: FoldOutcome[]
  summary: Record<string, MetricSummary>
  /** Fold (1-based, first repeat) of every table row; 0 for locked test rows, -1 for rows without a target. */
  assignment: Int32Array
  /** Out-of-fold predictions of the first repeat, pooled: metrics and curves over all validation rows. */
  pooled: {
    metrics: HeldOutMetrics
    roc: RocCurve | null
    pr: PrCurve | null
    calibration: CalibrationCurve | null
    /** Probability of the positive class (binary) and truth, at most 4,000 rows, for histograms by class. */
    scores: { score: number[]; positive: boolean[] } | null
    residuals: { predicted: number[]; actual: number[] } | null
  }
  /** Rows of the locked test split (table row indices), scored only by `scoreLockedTest`. */
  testRows: Int32Array
  labels: string[]
  fitSeconds: number
}

export interface CrossValidationProgress {
  fold: number
  folds: number
  inner: FitProgress | null
}

/**
 * k-fold cross-validation of one model specification. The feature pipeline is
 * fitted inside every fold on that fold's training rows only (via fitModel),
 * so no validation row influences the fold's imputation, scaling or selection.
 * With testShare > 0 a locked test split is held out first and never used here.
 */
export async function crossValidate(
  table: Table,
  request: CrossValidationRequest,
  options: {
    signal?: AbortSignal
    onProgress?: (p: CrossValidationProgress) => void
    /** Sees each fold's fitted pipeline and model (tests, diagnostics); not kept in the result. */
    onFold?: (outcome: FoldOutcome, fitted: FittedModel) => void
  } = {},
): Promise<CrossValidationResult> {
  const started = Date.now()
  const info = familyInfo(request.family)
  if (!info.tasks.includes(request.task)) {
    throw new StudioError('task-unsupported', `cross-validation: ${info.label} does not do ${request.task === 'regression' ? 'regression' : 'classification'}`)
  }
  const features = request.features.filter((f) => f !== request.target)
  if (features.length === 0) throw new StudioError('no-features', 'cross-validation: no usable feature; include at least one column other than the target')
  const target = encodeTarget(getColumn(table, request.target), request.task)
  const isClassification = request.task !== 'regression'
  const classes = target.labels.length
  const labelled: number[] = []
  for (let i = 0; i < table.rowCount; i++) if (!Number.isNaN(target.y[i])) labelled.push(i)
  const locked = lockTestRows(labelled, request, isClassification ? target.y : undefined)
  const testRows = locked.testRows
  const rows = subsampleRows(locked.rows, request.rowShare ?? 1, request.seed, isClassification ? target.y : undefined)
  const strata = isClassification ? Float64Array.from(rows, (i) => target.y[i]) : undefined
  const groups = request.scheme.kind === 'group' ? groupValues(table, request.scheme.column, rows) : undefined
  if (request.scheme.kind === 'stratified' && !isClassification) {
    throw new StudioError('folds-strata', 'cross-validation: stratified folds need a classification target; use plain k-fold for regression')
  }
  const { folds, assignments } = makeFolds(request.scheme, rows.length, { strata, groups, classNames: target.labels })
  const k = request.scheme.k
  const outcomes: FoldOutcome[] = []
  const pooledOutputs = new Float64Array(rows.length * (isClassification ? classes : 1))
  const spec: ModelSpec = { ...request, features }
  for (let f = 0; f < folds.length; f++) {
    throwIfAborted(options.signal)
    const fold = folds[f]
    options.onProgress?.({ fold: f + 1, folds: folds.length, inner: null })
    const trainIdx = Int32Array.from(fold.train, (i) => rows[i])
    const validIdx = Int32Array.from(fold.valid, (i) => rows[i])
    const yTrain = Float64Array.from(trainIdx, (i) => target.y[i])
    const yValid = Float64Array.from(validIdx, (i) => target.y[i])
    if (isClassification && new Set(yTrain).size < 2) {
      throw new StudioError('fold-single-class', `cross-validation: the training rows of fold ${(f % k) + 1} hold a single class; use fewer folds or stratified folds`)
    }
    const fitStarted = Date.now()
    const fitted = await fitModel(takeRows(table, trainIdx), yTrain, spec, {
      classCount: isClassification ? classes : undefined,
      signal: options.signal,
      onProgress: (inner) => options.onProgress?.({ fold: f + 1, folds: folds.length, inner }),
    })
    const fitMs = Date.now() - fitStarted
    const X = fitted.pipeline.transform(takeRows(table, validIdx))
    const scored = isClassification ? scoreClassifier(fitted.model, X, yValid, classes) : scoreRegressor(fitted.model, X, yValid)
    if (f < k) {
      const width = isClassification ? classes : 1
      fold.valid.forEach((position, j) => pooledOutputs.set(scored.outputs.subarray(j * width, (j + 1) * width), position * width))
    }
    const outcome: FoldOutcome = {
      fold: (f % k) + 1,
      repeat: Math.floor(f / k) + 1,
      metrics: scored.metrics,
      trainRows: trainIdx.length,
      validRows: validIdx.length,
      fitMs,
      roc: scored.roc,
      pr: scored.pr,
      history: fitted.report.history ?? null,
    }
    options.onFold?.(outcome, fitted)
    outcomes.push(outcome)
  }
  const assignment = new Int32Array(table.rowCount).fill(-1)
  for (const i of testRows) assignment[i] = 0
  rows.forEach((row, position) => (assignment[row] = assignments[0][position] + 1))
  const yRows = Float64Array.from(rows, (i) => target.y[i])
  return {
    folds: outcomes,
    summary: summarizeFolds(outcomes.map((o) => o.metrics)),
    assignment,
    pooled: isClassification ? pooledClassification(yRows, pooledOutputs, classes) : pooledRegression(yRows, pooledOutputs),
    testRows,
    labels: target.labels,
    fitSeconds: (Date.now() - started) / 1000,
  }
}

function lockTestRows(labelled: number[], request: CrossValidationRequest, strata?: Float64Array): { rows: Int32Array; testRows: Int32Array } {
  if (!request.testShare) return { rows: Int32Array.from(labelled), testRows: new Int32Array(0) }
  const split = holdoutSplit(labelled, request.testShare, request.seed, strata)
  return { rows: split.train, testRows: split.test }
}

/** A stratified, seeded share of the rows (successive halving's small rungs); all rows when share is 1. */
function subsampleRows(rows: Int32Array, share: number, seed: number, strata?: Float64Array): Int32Array {
  if (!(share > 0 && share <= 1)) throw new StudioError('bad-param', `cross-validation: row share ${share} must be in (0, 1]`)
  if (share === 1) return rows
  // holdoutSplit's "test" part is the kept sample: stratified and seeded like every split here.
  return holdoutSplit(rows, share, seed + 7919, strata).test
}

function groupValues(table: Table, column: string, rows: Int32Array): (number | string)[] {
  const c = getColumn(table, column)
  return Array.from(rows, (i) => (c.type === 'number' ? (Number.isNaN(c.values[i]) ? '(missing)' : c.values[i]) : c.codes[i] < 0 ? '(missing)' : c.levels[c.codes[i]]))
}

const MAX_SCORES = 4000

function pooledClassification(y: Float64Array, proba: Float64Array, classes: number): CrossValidationResult['pooled'] {
  const truth = Int32Array.from(y)
  const { metrics } = classificationMetrics(truth, proba, classes)
  if (classes !== 2) return { metrics, roc: null, pr: null, calibration: null, scores: null, residuals: null }
  const positive = Array.from(truth, (c) => c === 1)
  const score = Array.from({ length: truth.length }, (_, i) => proba[i * 2 + 1])
  const stride = Math.max(1, Math.ceil(score.length / MAX_SCORES))
  return {
    metrics,
    roc: rocCurve(positive, score),
    pr: prCurve(positive, score),
    calibration: calibrationCurve(positive, score, 10),
    scores: { score: score.filter((_, i) => i % stride === 0), positive: positive.filter((_, i) => i % stride === 0) },
    residuals: null,
  }
}

function pooledRegression(y: Float64Array, predicted: Float64Array): CrossValidationResult['pooled'] {
  const stride = Math.max(1, Math.ceil(y.length / 2000))
  const sample = { predicted: [] as number[], actual: [] as number[] }
  for (let i = 0; i < y.length; i += stride) {
    sample.predicted.push(predicted[i])
    sample.actual.push(y[i])
  }
  return { metrics: regressionMetrics(y, predicted), roc: null, pr: null, calibration: null, scores: null, residuals: sample }
}
