import { BUNDLE_FORMAT, BUNDLE_VERSION, type ModelBundle } from '../bundle/bundle'
import { StudioError } from '../errors'
import { accuracy, classifierAuc, confusionMatrix, f1Score, logLoss, rocCurve, type RocCurve } from '../metrics/classification'
import { argmaxRows, type FitProgress, type LossPoint, type Model } from '../model/estimator'
import { mae, mape, r2, rmse } from '../metrics/regression'
import { familyInfo } from '../model/registry'
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from '../pipeline/config'
import { FeaturePipeline } from '../pipeline/pipeline'
import { getColumn, takeRows } from '../table/access'
import type { Matrix, Table, Task } from '../types'
import { holdoutSplit } from './split'
import { encodeTarget } from './target'

/** Everything that defines a training run; with the same table it reproduces the same model. */
export interface TrainingRequest {
  target: string
  task: Task
  features: string[]
  family: string
  params: Record<string, unknown>
  testShare: number
  seed: number
  /** The feature pipeline to fit on the training rows; DEFAULT_PIPELINE_CONFIG when absent. */
  pipeline?: PipelineConfig
}

export interface TrainingOptions {
  signal?: AbortSignal
  onProgress?: (progress: FitProgress) => void
  /** Dataset identity recorded in the bundle. */
  dataset: { name: string; fingerprint: string }
}

/** Held-out metrics: accuracy, auc, f1, logLoss (classification) or rmse, mae, r2, mape (regression). */
export type HeldOutMetrics = Record<string, number | null>

/** Kept for callers written for classification-only training. */
export type ClassificationMetrics = HeldOutMetrics

export interface TrainingResult {
  bundle: ModelBundle
  metrics: HeldOutMetrics
  /** Classification: counts[true][predicted] on the held-out rows. */
  confusion: number[][] | null
  /** ROC curve of the held-out rows (binary tasks), for plotting. */
  roc: RocCurve | null
  /** Regression: held-out predictions against truth (at most 2,000 points), for a residual plot. */
  residuals: { predicted: number[]; actual: number[] } | null
  /** Loss per round or epoch (boosting, neural net). */
  history: LossPoint[] | null
  featureImportance: { name: string; value: number }[]
  /** Rows left out because their target is missing. */
  droppedRows: number
  /** Training rows removed by the outlier step (outlier strategy 'drop'). */
  outlierRows: number
  iterations: number
  converged: boolean
  bestIteration: number | null
  oobScore: number | null
  /** The compute backend that ran (neural net: webgpu, wasm or cpu; 'js' otherwise). */
  backend: string
  durationMs: number
  /** Milliseconds per stage: pipeline fit (training rows), model fit, pipeline transform (test rows), evaluation. */
  timings: { pipelineFitMs: number; modelFitMs: number; pipelineTransformMs: number; evaluateMs: number }
  /** Plain-language description of the fitted feature pipeline, for the page. */
  pipelineSteps: { step: string; columns: string[]; detail: string }[]
}

/**
 * One training run: encode the target, split rows (stratified for
 * classification, seeded), fit the feature pipeline on the training rows only,
 * fit the model, score the held-out rows and package it all as a model bundle.
 */
export async function runTraining(table: Table, request: TrainingRequest, options: TrainingOptions): Promise<TrainingResult> {
  const started = Date.now()
  const info = familyInfo(request.family)
  if (!info.tasks.includes(request.task)) {
    throw new StudioError('task-unsupported', `training: ${info.label} does not do ${request.task === 'regression' ? 'regression' : `${request.task} classification`}; choose another task or model`)
  }
  const targetColumn = getColumn(table, request.target)
  const features = request.features.filter((name) => name !== request.target)
  if (features.length === 0) {
    throw new StudioError('no-features', `training: no usable feature — every column other than the target "${request.target}" is excluded; include at least one`)
  }
  const model = info.create(request.params)
  const target = encodeTarget(targetColumn, request.task)
  const isClassification = request.task !== 'regression'
  const labelled: number[] = []
  for (let i = 0; i < table.rowCount; i++) if (!Number.isNaN(target.y[i])) labelled.push(i)
  const split = holdoutSplit(labelled, request.testShare, request.seed, isClassification ? target.y : undefined)
  const trainTable = takeRows(table, split.train)
  const testTable = takeRows(table, split.test)
  const ySplit = Float64Array.from(split.train, (i) => target.y[i])
  const yTest = Float64Array.from(split.test, (i) => target.y[i])
  const classes = target.labels.length

  const clock = stopwatch()
  const pipeline = FeaturePipeline.create(trainTable, features, request.pipeline ?? DEFAULT_PIPELINE_CONFIG, request.task)
  const { X: XTrain, rows: kept } = pipeline.fitTransform(trainTable, ySplit)
  const pipelineFitMs = clock()
  // Outlier dropping may remove training rows; targets follow the rows the pipeline kept.
  const yTrain = kept.length === ySplit.length ? ySplit : Float64Array.from(kept, (i) => ySplit[i])
  const report = await model.fit(XTrain, yTrain, {
    task: request.task,
    signal: options.signal,
    onProgress: options.onProgress,
    classCount: isClassification ? classes : undefined,
  })
  const modelFitMs = clock()
  const XTest = pipeline.transform(testTable)
  const pipelineTransformMs = clock()
  const scored = isClassification ? scoreClassifier(model, XTest, yTest, classes) : scoreRegressor(model, XTest, yTest)
  const importance = model.featureImportance()
  const durationMs = Date.now() - started
  const bundle: ModelBundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: new Date(started).toISOString(),
    task: request.task,
    target: { name: request.target, labels: target.labels, positiveLabel: classes === 2 ? target.labels[1] : null },
    inputSchema: pipeline.inputs,
    pipeline: pipeline.toJSON(),
    model: model.toJSON(),
    metrics: { ...scored.metrics },
    dataset: { name: options.dataset.name, fingerprint: options.dataset.fingerprint, rows: table.rowCount, columns: table.columns.length },
    training: {
      seed: request.seed,
      testShare: request.testShare,
      // Rows the model learned from: the training split less any rows dropped as outliers (the outlier step records how many).
      trainRows: kept.length,
      testRows: split.test.length,
      iterations: report.iterations,
      converged: report.converged,
      durationMs,
    },
  }
  return {
    bundle,
    ...scored,
    history: report.history ?? null,
    featureImportance: pipeline.featureNames
      .map((name, j) => ({ name, value: importance[j] }))
      .sort((a, b) => b.value - a.value),
    droppedRows: table.rowCount - labelled.length,
    outlierRows: split.train.length - kept.length,
    iterations: report.iterations,
    converged: report.converged,
    bestIteration: report.bestIteration ?? null,
    oobScore: report.oobScore ?? null,
    backend: report.backend ?? 'js',
    durationMs,
    timings: { pipelineFitMs, modelFitMs, pipelineTransformMs, evaluateMs: clock() },
    pipelineSteps: pipeline.describe(),
  }
}

type Scored = Pick<TrainingResult, 'metrics' | 'confusion' | 'roc' | 'residuals'>

function scoreClassifier(model: Model, X: Matrix, yTest: Float64Array, classes: number): Scored {
  const proba = model.predictProba(X)
  const predicted = argmaxRows(proba, classes)
  const truth = Int32Array.from(yTest)
  return {
    metrics: {
      accuracy: accuracy(truth, predicted),
      auc: classifierAuc(truth, proba, classes),
      f1: f1Score(truth, predicted, classes),
      logLoss: logLoss(truth, proba, classes),
    },
    confusion: confusionMatrix(truth, predicted, classes),
    roc: classes === 2 ? rocCurve(Array.from(truth, (c) => c === 1), Array.from({ length: truth.length }, (_, i) => proba[i * 2 + 1])) : null,
    residuals: null,
  }
}

const MAX_RESIDUAL_POINTS = 2000

function scoreRegressor(model: Model, X: Matrix, yTest: Float64Array): Scored {
  const predicted = model.predict(X)
  const stride = Math.max(1, Math.ceil(yTest.length / MAX_RESIDUAL_POINTS))
  const sample = { predicted: [] as number[], actual: [] as number[] }
  for (let i = 0; i < yTest.length; i += stride) {
    sample.predicted.push(predicted[i])
    sample.actual.push(yTest[i])
  }
  return {
    metrics: { rmse: rmse(yTest, predicted), mae: mae(yTest, predicted), r2: r2(yTest, predicted), mape: mape(yTest, predicted) },
    confusion: null,
    roc: null,
    residuals: sample,
  }
}

/** Returns a function giving the milliseconds since its previous call (or since creation). */
function stopwatch(): () => number {
  let last = Date.now()
  return () => {
    const now = Date.now()
    const elapsed = now - last
    last = now
    return elapsed
  }
}
