import type { ModelBundle } from '../bundle/bundle'
import { buildBundle } from '../bundle/build-bundle'
import { applyRecipe } from '../clean/apply-recipe'
import type { CleaningRecipe } from '../clean/types'
import { StudioError } from '../errors'
import type { RocCurve } from '../metrics/classification'
import type { CalibrationCurve, PrCurve } from '../metrics/classification-extra'
import type { FitProgress, LossPoint, Model } from '../model/estimator'
import { permutationImportance, type PermutationImportance } from '../model/permutation-importance'
import { familyInfo } from '../model/registry'
import type { PipelineConfig } from '../pipeline/config'
import { getColumn, takeRows } from '../table/access'
import type { Matrix, Table, Task } from '../types'
import { fitModel } from './fit-model'
import { scoreClassifier, scoreRegressor, type HeldOutMetrics } from './score'
import { holdoutSplit } from './split'
import { encodeTarget } from './target'

/** Everything that defines a training run; with the same table it reproduces the same model. */
export interface TrainingRequest {
  target: string
  task: Task
  features: string[]
  family: string
  params: Record<string, unknown>
  /** Share of rows held out (stratified) for scoring, in (0, 1); 0 trains on every row and scores nothing (scores then come from cross-validation). */
  testShare: number
  seed: number
  /** The feature pipeline to fit on the training rows; DEFAULT_PIPELINE_CONFIG when absent. */
  pipeline?: PipelineConfig
  /**
   * The cleaning recipe to apply first: the table given is then the table as
   * read, and the recipe's row-level steps travel in the bundle, replayed on
   * every record at prediction time. Absent or null: the table is used as given.
   */
  recipe?: CleaningRecipe | null
  /** What the bundle records beside the model: the decision threshold chosen (binary) and cross-validated metrics. */
  evaluation?: {
    threshold?: number
    crossValidated?: Record<string, { mean: number | null; std: number | null }>
  }
}

export interface TrainingOptions {
  signal?: AbortSignal
  onProgress?: (progress: FitProgress) => void
  /** Dataset identity recorded in the bundle. */
  dataset: { name: string; fingerprint: string }
}

export type { HeldOutMetrics } from './score'

/** Kept for callers written for classification-only training. */
export type ClassificationMetrics = HeldOutMetrics

export interface TrainingResult {
  bundle: ModelBundle
  metrics: HeldOutMetrics
  /** Classification: counts[true][predicted] on the held-out rows. */
  confusion: number[][] | null
  /** ROC curve of the held-out rows (binary tasks), for plotting. */
  roc: RocCurve | null
  /** Precision–recall and calibration curves of the held-out rows (binary tasks). */
  pr: PrCurve | null
  calibration: CalibrationCurve | null
  /** Regression: held-out predictions against truth (at most 2,000 points), for a residual plot. */
  residuals: { predicted: number[]; actual: number[] } | null
  /** Loss per round or epoch (boosting, neural net). */
  history: LossPoint[] | null
  featureImportance: { name: string; value: number }[]
  /** Drop in held-out score when each feature is shuffled (model-agnostic); null when it cannot be measured. */
  permutationImportance: { scoring: string; baseline: number; features: { name: string; mean: number; std: number }[] } | null
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
  /**
   * The held-out (test) rows: their 0-based row numbers in the table as given
   * (before the recipe) and their encoded targets (class index in
   * bundle.target.labels, or the value), so another model can be scored on
   * exactly these raw records (champion/challenger, src/core/workflow).
   */
  heldOut: { sourceRows: Int32Array; y: Float64Array }
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
  // The recipe runs here, in core's engine (identical to the page's danfojs text engine), so the bundle records exactly what produced the training rows.
  const raw = table
  const recipe = request.recipe && request.recipe.steps.length > 0 ? request.recipe : null
  const cleanedResult = recipe ? await applyRecipe(raw, recipe, { signal: options.signal, textEngine: 'core' }) : null
  table = cleanedResult ? { ...cleanedResult.table, name: raw.name } : raw
  const sourceRows = cleanedResult ? Int32Array.from(cleanedResult.sourceRows, (r) => r - 1) : Int32Array.from({ length: raw.rowCount }, (_, i) => i)
  const targetColumn = getColumn(table, request.target)
  const features = request.features.filter((name) => name !== request.target)
  if (features.length === 0) {
    throw new StudioError('no-features', `training: no usable feature — every column other than the target "${request.target}" is excluded; include at least one`)
  }
  const target = encodeTarget(targetColumn, request.task)
  const isClassification = request.task !== 'regression'
  const labelled: number[] = []
  for (let i = 0; i < table.rowCount; i++) if (!Number.isNaN(target.y[i])) labelled.push(i)
  // testShare 0: the final refit of a search or leaderboard entry learns from every row; its scores come from cross-validation.
  const split = request.testShare === 0 ? { train: Int32Array.from(labelled), test: new Int32Array(0) } : holdoutSplit(labelled, request.testShare, request.seed, isClassification ? target.y : undefined)
  const trainTable = takeRows(table, split.train)
  const testTable = takeRows(table, split.test)
  const yTrain = Float64Array.from(split.train, (i) => target.y[i])
  const yTest = Float64Array.from(split.test, (i) => target.y[i])
  const classes = target.labels.length

  const fitted = await fitModel(trainTable, yTrain, { ...request, features }, {
    classCount: isClassification ? classes : undefined,
    signal: options.signal,
    onProgress: options.onProgress,
  })
  const { pipeline, model, report } = fitted
  const clock = stopwatch()
  const XTest = pipeline.transform(testTable)
  const pipelineTransformMs = clock()
  const scoredTest = yTest.length === 0 ? null : isClassification ? scoreClassifier(model, XTest, yTest, classes) : scoreRegressor(model, XTest, yTest)
  const { metrics, confusion, roc, pr, calibration, residuals } = scoredTest ?? { metrics: {}, confusion: null, roc: null, pr: null, calibration: null, residuals: null }
  const importance = model.featureImportance()
  const permutation = yTest.length === 0 ? null : permutationOnTestRows(model, XTest, yTest, request.seed)
  const durationMs = Date.now() - started
  const threshold = request.evaluation?.threshold
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    throw new StudioError('bad-param', `training: threshold = ${threshold} is invalid; expected a probability from 0 to 1`)
  }
  const bundle: ModelBundle = buildBundle({
    createdAt: new Date(started).toISOString(),
    task: request.task,
    target: { name: request.target, labels: target.labels, positiveLabel: classes === 2 ? target.labels[1] : null },
    raw,
    cleaned: table,
    sourceRows,
    recipeSteps: recipe?.steps ?? [],
    trainRows: split.train,
    testRows: split.test,
    pipeline,
    model,
    heldOutOutput: yTest.length === 0 ? new Float64Array(0) : isClassification ? model.predictProba(XTest) : model.predict(XTest),
    metrics: { heldOut: { ...metrics }, ...(request.evaluation?.crossValidated ? { crossValidated: request.evaluation.crossValidated } : {}) },
    threshold,
    dataset: { name: options.dataset.name, fingerprint: options.dataset.fingerprint, rows: table.rowCount, columns: table.columns.length },
    training: {
      seed: request.seed,
      testShare: request.testShare,
      // Rows the model learned from: the training split less any rows dropped as outliers (the outlier step records how many).
      trainRows: fitted.keptRows,
      testRows: split.test.length,
      iterations: report.iterations,
      converged: report.converged,
      durationMs,
    },
  })
  return {
    bundle,
    metrics,
    confusion,
    roc,
    pr,
    calibration,
    residuals,
    history: report.history ?? null,
    featureImportance: pipeline.featureNames
      .map((name, j) => ({ name, value: importance[j] }))
      .sort((a, b) => b.value - a.value),
    permutationImportance: permutation && {
      scoring: permutation.scoring,
      baseline: permutation.baseline,
      features: pipeline.featureNames.map((name, j) => ({ name, ...permutation.features[j] })).sort((a, b) => b.mean - a.mean),
    },
    droppedRows: table.rowCount - labelled.length,
    outlierRows: split.train.length - fitted.keptRows,
    iterations: report.iterations,
    converged: report.converged,
    bestIteration: report.bestIteration ?? null,
    oobScore: report.oobScore ?? null,
    backend: report.backend ?? 'js',
    durationMs,
    timings: { ...fitted.timings, pipelineTransformMs, evaluateMs: clock() },
    pipelineSteps: pipeline.describe(),
    heldOut: { sourceRows: Int32Array.from(split.test, (i) => sourceRows[i]), y: yTest },
  }
}

/** Permutation importance on the held-out rows, bounded in cost; null when the score is undefined there (e.g. one class). */
function permutationOnTestRows(model: Model, X: Matrix, y: Float64Array, seed: number): PermutationImportance | null {
  // Cost is features × repeats predictions of the test rows; an evenly spaced sample of at most 5,000 keeps huge tables quick.
  const stride = Math.max(1, Math.ceil(X.rows / 5000))
  const rows = Math.ceil(X.rows / stride)
  const data = new Float64Array(rows * X.cols)
  const target = new Float64Array(rows)
  for (let r = 0; r < rows; r++) {
    data.set(X.data.subarray(r * stride * X.cols, (r * stride + 1) * X.cols), r * X.cols)
    target[r] = y[r * stride]
  }
  try {
    return permutationImportance(model, { rows, cols: X.cols, data }, target, { repeats: 3, seed })
  } catch {
    return null
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
