/**
 * Classification metrics on class indices and row-major probability matrices
 * (n × k). Where a metric is undefined for the data (ROC AUC with one class
 * present) the result is null, never NaN, so it cannot spread into averages.
 */
import { log } from '../numeric/portable-math'

/** Share of rows whose predicted class equals the true class. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue.length, yPred.length)
  let correct = 0
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++
  return yTrue.length === 0 ? NaN : correct / yTrue.length
}

/** counts[true][predicted]. */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes: number): number[][] {
  checkLengths(yTrue.length, yPred.length)
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++
  return m
}

/**
 * F1 of the positive class (index 1) for two classes; the unweighted mean of
 * per-class F1 ("macro") for more. A class never predicted nor present scores 0,
 * as scikit-learn's zero_division=0.
 */
export function f1Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes: number): number {
  const m = confusionMatrix(yTrue, yPred, classes)
  const perClass = (c: number): number => {
    const tp = m[c][c]
    let predicted = 0, actual = 0
    for (let j = 0; j < classes; j++) {
      predicted += m[j][c]
      actual += m[c][j]
    }
    return predicted + actual === 0 ? 0 : (2 * tp) / (predicted + actual)
  }
  if (classes === 2) return perClass(1)
  let sum = 0
  for (let c = 0; c < classes; c++) sum += perClass(c)
  return sum / classes
}

/** Mean negative log-likelihood of the true class, probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(yTrue: ArrayLike<number>, proba: Float64Array, classes: number): number {
  checkLengths(yTrue.length, proba.length / classes)
  const eps = 1e-15
  let total = 0
  for (let i = 0; i < yTrue.length; i++) {
    // Renormalise like scikit-learn so rows that do not sum to exactly 1 are comparable.
    let sum = 0
    for (let c = 0; c < classes; c++) sum += Math.min(Math.max(proba[i * classes + c], eps), 1 - eps)
    const p = Math.min(Math.max(proba[i * classes + yTrue[i]], eps), 1 - eps) / sum
    total -= log(p)
  }
  return total / yTrue.length
}

/**
 * Area under the ROC curve for scores of the positive class, by the rank-sum
 * (Mann–Whitney) formula with tied scores counted as half. Null when only one
 * class is present.
 */
export function rocAuc(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): number | null {
  checkLengths(positive.length, score.length)
  const n = score.length
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b])
  let nPos = 0
  for (let i = 0; i < n; i++) if (positive[i]) nPos++
  const nNeg = n - nPos
  if (nPos === 0 || nNeg === 0) return null
  let rankSum = 0
  for (let start = 0; start < n; ) {
    let end = start
    while (end + 1 < n && score[order[end + 1]] === score[order[start]]) end++
    const averageRank = (start + end) / 2 + 1
    for (let t = start; t <= end; t++) if (positive[order[t]]) rankSum += averageRank
    start = end + 1
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg)
}

/**
 * ROC AUC of a classifier: for two classes, of class 1's probability; for more,
 * the unweighted mean of one-vs-rest AUCs over classes present (scikit-learn's
 * multi_class='ovr', average='macro'). Null when it cannot be computed.
 */
export function classifierAuc(yTrue: ArrayLike<number>, proba: Float64Array, classes: number): number | null {
  const n = yTrue.length
  const column = (c: number): Float64Array => {
    const out = new Float64Array(n)
    for (let i = 0; i < n; i++) out[i] = proba[i * classes + c]
    return out
  }
  const isClass = (c: number): boolean[] => Array.from({ length: n }, (_, i) => yTrue[i] === c)
  if (classes === 2) return rocAuc(isClass(1), column(1))
  const aucs: number[] = []
  for (let c = 0; c < classes; c++) {
    const auc = rocAuc(isClass(c), column(c))
    if (auc !== null) aucs.push(auc)
  }
  return aucs.length === 0 ? null : aucs.reduce((a, b) => a + b, 0) / aucs.length
}

export interface RocCurve {
  fpr: number[]
  tpr: number[]
  thresholds: number[]
}

/** ROC curve points from the highest threshold down, one point per distinct score, starting at (0, 0). */
export function rocCurve(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): RocCurve {
  const n = score.length
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a])
  let nPos = 0
  for (let i = 0; i < n; i++) if (positive[i]) nPos++
  const nNeg = n - nPos
  const fpr = [0], tpr = [0], thresholds = [Infinity]
  let tp = 0, fp = 0
  for (let t = 0; t < n; t++) {
    if (positive[order[t]]) tp++
    else fp++
    if (t + 1 < n && score[order[t + 1]] === score[order[t]]) continue
    fpr.push(nNeg === 0 ? 0 : fp / nNeg)
    tpr.push(nPos === 0 ? 0 : tp / nPos)
    thresholds.push(score[order[t]])
  }
  return { fpr, tpr, thresholds }
}

function checkLengths(a: number, b: number): void {
  if (a !== b) throw new Error(`metrics: ${a} true values but ${b} predictions`)
}
