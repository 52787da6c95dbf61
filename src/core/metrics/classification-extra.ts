import { confusionMatrix } from './classification'

/**
 * The rest of the classification metric suite: per-class rates from the
 * confusion matrix (binary: the positive class, index 1; multiclass: the
 * unweighted mean over classes, "macro"), precision–recall, Brier score and
 * calibration. Undefined values are null, never NaN.
 */

interface Rates {
  precision: number | null
  recall: number | null
  specificity: number | null
}

function classRates(m: number[][], c: number): Rates {
  const k = m.length
  let tp = m[c][c], fp = 0, fn = 0, tn = 0
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i === c && j !== c) fn += m[i][j]
      else if (i !== c && j === c) fp += m[i][j]
      else if (i !== c && j !== c) tn += m[i][j]
    }
  }
  return {
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
    specificity: tn + fp === 0 ? null : tn / (tn + fp),
  }
}

function meanDefined(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null)
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length
}

/** Precision, recall (sensitivity) and specificity: of class 1 for two classes, macro for more. */
export function rates(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes: number): Rates {
  const m = confusionMatrix(yTrue, yPred, classes)
  if (classes === 2) return classRates(m, 1)
  const per = Array.from({ length: classes }, (_, c) => classRates(m, c))
  return { precision: meanDefined(per.map((r) => r.precision)), recall: meanDefined(per.map((r) => r.recall)), specificity: meanDefined(per.map((r) => r.specificity)) }
}

/** Mean recall over classes present in the truth (scikit-learn's balanced_accuracy_score). */
export function balancedAccuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes: number): number | null {
  const m = confusionMatrix(yTrue, yPred, classes)
  return meanDefined(Array.from({ length: classes }, (_, c) => classRates(m, c).recall))
}

/**
 * Average precision (area under the precision–recall curve as scikit-learn
 * computes it: Σ (Rₙ − Rₙ₋₁) Pₙ over distinct thresholds). Null without positives.
 */
export function averagePrecision(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): number | null {
  const curve = prCurve(positive, score)
  if (curve === null) return null
  let ap = 0
  for (let i = 1; i < curve.recall.length; i++) ap += (curve.recall[i] - curve.recall[i - 1]) * curve.precision[i]
  return ap
}

export interface PrCurve {
  precision: number[]
  recall: number[]
  thresholds: number[]
}

/** Precision–recall points from the highest threshold down, starting at recall 0; null without positives. */
export function prCurve(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): PrCurve | null {
  const n = score.length
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a])
  let nPos = 0
  for (let i = 0; i < n; i++) if (positive[i]) nPos++
  if (nPos === 0) return null
  const precision = [1], recall = [0], thresholds = [Infinity]
  let tp = 0, fp = 0
  for (let t = 0; t < n; t++) {
    if (positive[order[t]]) tp++
    else fp++
    if (t + 1 < n && score[order[t + 1]] === score[order[t]]) continue
    precision.push(tp / (tp + fp))
    recall.push(tp / nPos)
    thresholds.push(score[order[t]])
  }
  return { precision, recall, thresholds }
}

/** PR AUC of a classifier: class 1 for two classes, the macro one-vs-rest mean for more. */
export function classifierAveragePrecision(yTrue: ArrayLike<number>, proba: Float64Array, classes: number): number | null {
  const n = yTrue.length
  const score = (c: number) => Array.from({ length: n }, (_, i) => proba[i * classes + c])
  const isClass = (c: number) => Array.from({ length: n }, (_, i) => yTrue[i] === c)
  if (classes === 2) return averagePrecision(isClass(1), score(1))
  return meanDefined(Array.from({ length: classes }, (_, c) => averagePrecision(isClass(c), score(c))))
}

/**
 * Brier score: the mean squared distance between predicted probabilities and
 * the one-hot truth. For two classes this is scikit-learn's brier_score_loss
 * (of class 1); for more, the multiclass form Σₖ (pₖ − yₖ)² averaged over rows.
 */
export function brierScore(yTrue: ArrayLike<number>, proba: Float64Array, classes: number): number {
  const n = yTrue.length
  let total = 0
  for (let i = 0; i < n; i++) {
    if (classes === 2) total += (proba[i * 2 + 1] - (yTrue[i] === 1 ? 1 : 0)) ** 2
    else for (let c = 0; c < classes; c++) total += (proba[i * classes + c] - (yTrue[i] === c ? 1 : 0)) ** 2
  }
  return total / n
}

export interface CalibrationCurve {
  /** Mean predicted probability per non-empty bin. */
  predicted: number[]
  /** Observed share of positives per non-empty bin. */
  observed: number[]
  counts: number[]
}

/** Reliability curve over `bins` equal-width probability bins (scikit-learn's calibration_curve, strategy 'uniform'). */
export function calibrationCurve(positive: ArrayLike<boolean | number>, score: ArrayLike<number>, bins = 10): CalibrationCurve {
  const sumP = new Float64Array(bins), sumY = new Float64Array(bins), count = new Float64Array(bins)
  // Interior edges exactly as numpy.linspace makes them (j × 1/bins), and a probability on an
  // edge goes to the lower bin, as numpy.searchsorted(side='left') does in scikit-learn.
  const step = 1 / bins
  const edges = Array.from({ length: bins - 1 }, (_, j) => (j + 1) * step)
  for (let i = 0; i < score.length; i++) {
    let b = 0
    while (b < edges.length && edges[b] < score[i]) b++
    sumP[b] += score[i]
    sumY[b] += positive[i] ? 1 : 0
    count[b]++
  }
  const out: CalibrationCurve = { predicted: [], observed: [], counts: [] }
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue
    out.predicted.push(sumP[b] / count[b])
    out.observed.push(sumY[b] / count[b])
    out.counts.push(count[b])
  }
  return out
}
