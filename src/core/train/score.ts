import { accuracy, classifierAuc, confusionMatrix, f1Score, logLoss, rocCurve, type RocCurve } from '../metrics/classification'
import { balancedAccuracy, brierScore, calibrationCurve, classifierAveragePrecision, prCurve, rates, type CalibrationCurve, type PrCurve } from '../metrics/classification-extra'
import { mae, mape, r2, rmse } from '../metrics/regression'
import { argmaxRows, type Model } from '../model/estimator'
import type { Matrix } from '../types'

/** Held-out metrics by name; null where a metric is undefined for these rows (e.g. AUC with one class). */
export type HeldOutMetrics = Record<string, number | null>

export interface Scored {
  metrics: HeldOutMetrics
  /** Classification: counts[true][predicted]. */
  confusion: number[][] | null
  /** Binary: the ROC curve. */
  roc: RocCurve | null
  /** Binary: the precision–recall curve and the calibration (reliability) curve. */
  pr: PrCurve | null
  calibration: CalibrationCurve | null
  /** Regression: predictions against truth (at most 2,000 points), for a residual plot. */
  residuals: { predicted: number[]; actual: number[] } | null
  /** Raw outputs, for pooling across folds: probabilities (n × k) or predicted values. */
  outputs: Float64Array
}

/** Every classification metric of the suite from probabilities; `threshold` applies to binary tasks. */
export function classificationMetrics(truth: ArrayLike<number>, proba: Float64Array, classes: number, threshold = 0.5): { metrics: HeldOutMetrics; predicted: Int32Array } {
  const predicted = classes === 2 ? Int32Array.from({ length: truth.length }, (_, i) => (proba[i * 2 + 1] >= threshold ? 1 : 0)) : argmaxRows(proba, classes)
  const r = rates(truth, predicted, classes)
  return {
    predicted,
    metrics: {
      accuracy: accuracy(truth, predicted),
      balancedAccuracy: balancedAccuracy(truth, predicted, classes),
      precision: r.precision,
      recall: r.recall,
      specificity: r.specificity,
      f1: f1Score(truth, predicted, classes),
      auc: classifierAuc(truth, proba, classes),
      prAuc: classifierAveragePrecision(truth, proba, classes),
      logLoss: logLoss(truth, proba, classes),
      brier: brierScore(truth, proba, classes),
    },
  }
}

/** Regression metrics of the suite. */
export function regressionMetrics(truth: ArrayLike<number>, predicted: ArrayLike<number>): HeldOutMetrics {
  return { rmse: rmse(truth, predicted), mae: mae(truth, predicted), r2: r2(truth, predicted), mape: mape(truth, predicted) }
}

/** Scores a fitted classifier on rows X with class indices y. */
export function scoreClassifier(model: Model, X: Matrix, y: Float64Array, classes: number): Scored {
  const proba = model.predictProba(X)
  const truth = Int32Array.from(y)
  const { metrics, predicted } = classificationMetrics(truth, proba, classes)
  const positive = classes === 2 ? Array.from(truth, (c) => c === 1) : null
  const score = classes === 2 ? Array.from({ length: truth.length }, (_, i) => proba[i * 2 + 1]) : null
  return {
    metrics,
    confusion: confusionMatrix(truth, predicted, classes),
    roc: positive && score ? thin(rocCurve(positive, score)) : null,
    pr: positive && score ? thinPr(prCurve(positive, score)) : null,
    calibration: positive && score ? calibrationCurve(positive, score, 10) : null,
    residuals: null,
    outputs: proba,
  }
}

const MAX_RESIDUAL_POINTS = 2000

/** Scores a fitted regressor on rows X with true values y. */
export function scoreRegressor(model: Model, X: Matrix, y: Float64Array): Scored {
  const predicted = model.predict(X)
  const stride = Math.max(1, Math.ceil(y.length / MAX_RESIDUAL_POINTS))
  const sample = { predicted: [] as number[], actual: [] as number[] }
  for (let i = 0; i < y.length; i += stride) {
    sample.predicted.push(predicted[i])
    sample.actual.push(y[i])
  }
  return { metrics: regressionMetrics(y, predicted), confusion: null, roc: null, pr: null, calibration: null, residuals: sample, outputs: predicted }
}

/** Curves with more points than a chart can show are thinned to about 500, keeping both ends (runs store them). */
const MAX_CURVE_POINTS = 500

function thin(curve: RocCurve): RocCurve {
  const step = Math.ceil(curve.fpr.length / MAX_CURVE_POINTS)
  if (step <= 1) return curve
  const keep = (_: number, i: number, a: unknown[]) => i % step === 0 || i === a.length - 1
  return { fpr: curve.fpr.filter(keep), tpr: curve.tpr.filter(keep), thresholds: curve.thresholds.filter(keep) }
}

function thinPr(curve: PrCurve | null): PrCurve | null {
  if (!curve) return null
  const step = Math.ceil(curve.recall.length / MAX_CURVE_POINTS)
  if (step <= 1) return curve
  const keep = (_: number, i: number, a: unknown[]) => i % step === 0 || i === a.length - 1
  return { precision: curve.precision.filter(keep), recall: curve.recall.filter(keep), thresholds: curve.thresholds.filter(keep) }
}
