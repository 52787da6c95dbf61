/**
 * Objectives: the only place a loss lives. Each turns current scores into
 * per-row gradients and hessians (second-order boosting, as XGBoost), gives the
 * initial score and measures the loss. Scores, gradients and hessians are
 * column-major n × outputs (`scores[c * n + i]`), so one output's column is a
 * contiguous subarray a tree can be grown on.
 */
import { exp, log, log1pUnit } from '../../numeric/portable-math'

/** What boosting needs from a loss. */
export interface Objective {
  readonly kind: 'binary' | 'softmax' | 'squared'
  /** Score columns: 1 (binary, squared error) or the number of classes (softmax). */
  readonly outputs: number
  /** The constant score before any tree, from the weighted targets of `rows`. */
  initialScores(y: Float64Array, w: Float64Array, rows: Uint32Array): Float64Array
  /**
   * Writes gradients and hessians of `rows` (n = y.length; column-major like
   * scores) and returns the loss at these scores (as `loss`): the probabilities
   * are computed once for both, which saves boosting a pass per round.
   */
  gradients(scores: Float64Array, y: Float64Array, w: Float64Array, rows: Uint32Array, g: Float64Array, h: Float64Array): number
  /** Weighted mean loss over `rows`: log loss (classification) or squared error (regression). */
  loss(scores: Float64Array, y: Float64Array, w: Float64Array, rows: Uint32Array): number
}

/** Smallest hessian: keeps leaf values finite where the model is already certain. */
const MIN_HESSIAN = 1e-16
/** Priors are clipped away from 0 and 1 so that initial log-odds stay finite. */
const PRIOR_EPS = 1e-15

/** Numerically safe logistic function. */
export function sigmoid(s: number): number {
  return s >= 0 ? 1 / (1 + exp(-s)) : exp(s) / (1 + exp(s))
}

/** log(1 + e^s); e^−|s| lies in (0, 1], where log1pUnit is log1p's fast path. */
function softplus(s: number): number {
  return s > 0 ? s + log1pUnit(exp(-s)) : log1pUnit(exp(s))
}

/** Weighted class shares of `rows` (classes 0…k-1). */
export function classPriors(y: Float64Array, w: Float64Array, rows: ArrayLike<number>, classes: number): Float64Array {
  const prior = new Float64Array(classes)
  let total = 0
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]
    prior[y[i]] += w[i]
    total += w[i]
  }
  for (let c = 0; c < classes; c++) prior[c] = total > 0 ? prior[c] / total : 1 / classes
  return prior
}

/** Weighted mean of y over `rows`. */
export function weightedMean(y: Float64Array, w: Float64Array, rows: ArrayLike<number>): number {
  let s = 0
  let t = 0
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]
    s += w[i] * y[i]
    t += w[i]
  }
  return t > 0 ? s / t : 0
}

/** Binary log loss on one logit column; the initial score is the log-odds of the weighted prior. */
export const binaryLogLoss: Objective = {
  kind: 'binary',
  outputs: 1,
  initialScores(y, w, rows) {
    const p = Math.min(1 - PRIOR_EPS, Math.max(PRIOR_EPS, classPriors(y, w, rows, 2)[1]))
    return Float64Array.of(log(p / (1 - p)))
  },
  gradients(scores, y, w, rows, g, h) {
    const loss = binaryLogLossTerms(scores, y, w, rows, 0, rows.length, g, h)
    let total = 0
    for (let k = 0; k < rows.length; k++) total += w[rows[k]]
    return total > 0 ? loss / total : 0
  },
  loss(scores, y, w, rows) {
    let s = 0
    let t = 0
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]
      s += w[i] * (softplus(scores[i]) - y[i] * scores[i])
      t += w[i]
    }
    return t > 0 ? s / t : 0
  },
}

/**
 * binaryLogLoss's gradient pass over rows[from..to): writes g and h of those
 * rows and returns the sum of their weighted loss terms, rows in order. Also
 * what the WebAssembly pass (kernel/gradient-pass.ts) computes single rows
 * with when their scores fall outside its branches. (One call per range, not
 * per row: a per-row call V8 does not inline would box every result.)
 */
export function binaryLogLossTerms(scores: Float64Array, y: Float64Array, w: Float64Array, rows: Uint32Array, from: number, to: number, g: Float64Array, h: Float64Array): number {
  let loss = 0
  for (let k = from; k < to; k++) {
    const i = rows[k]
    const s = scores[i]
    // One exp serves the probability and the loss: e = exp(-|s|).
    const e = exp(-Math.abs(s))
    const p = s >= 0 ? 1 / (1 + e) : e / (1 + e)
    const wi = w[i]
    g[i] = wi * (p - y[i])
    h[i] = wi * Math.max(p * (1 - p), MIN_HESSIAN)
    loss += wi * ((s > 0 ? s : 0) + log1pUnit(e) - y[i] * s)
  }
  return loss
}

/**
 * Multiclass softmax: one score column (and one tree per round) per class.
 * The hessian is XGBoost's 2·p·(1-p) per class (a diagonal bound of the true
 * one), so our rounds take the same step sizes as XGBoost's.
 */
export function softmaxLoss(classes: number): Objective {
  const z = new Float64Array(classes)
  const probabilities = (scores: Float64Array, n: number, i: number): number => {
    let max = -Infinity
    for (let c = 0; c < classes; c++) max = Math.max(max, scores[c * n + i])
    let sum = 0
    for (let c = 0; c < classes; c++) sum += z[c] = exp(scores[c * n + i] - max)
    for (let c = 0; c < classes; c++) z[c] /= sum
    return max + log(sum)
  }
  return {
    kind: 'softmax',
    outputs: classes,
    initialScores(y, w, rows) {
      const prior = classPriors(y, w, rows, classes)
      return prior.map((p) => log(Math.max(p, PRIOR_EPS)))
    },
    gradients(scores, y, w, rows, g, h) {
      const n = y.length
      let loss = 0
      let total = 0
      for (let k = 0; k < rows.length; k++) {
        const i = rows[k]
        const logSum = probabilities(scores, n, i)
        const wi = w[i]
        loss += wi * (logSum - scores[y[i] * n + i])
        total += wi
        for (let c = 0; c < classes; c++) {
          const p = z[c]
          g[c * n + i] = wi * (p - (y[i] === c ? 1 : 0))
          h[c * n + i] = wi * Math.max(2 * p * (1 - p), MIN_HESSIAN)
        }
      }
      return total > 0 ? loss / total : 0
    },
    loss(scores, y, w, rows) {
      const n = y.length
      let s = 0
      let t = 0
      for (let k = 0; k < rows.length; k++) {
        const i = rows[k]
        const logSum = probabilities(scores, n, i)
        s += w[i] * (logSum - scores[y[i] * n + i])
        t += w[i]
      }
      return t > 0 ? s / t : 0
    },
  }
}

/**
 * Squared error: gradients and hessians of ½(s - y)² (so a leaf's value is the
 * mean residual, as XGBoost's reg:squarederror); the loss reported is the
 * weighted mean squared error. The initial score is the weighted mean.
 */
export const squaredError: Objective = {
  kind: 'squared',
  outputs: 1,
  initialScores(y, w, rows) {
    return Float64Array.of(weightedMean(y, w, rows))
  },
  gradients(scores, y, w, rows, g, h) {
    let loss = 0
    let total = 0
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]
      const d = scores[i] - y[i]
      g[i] = w[i] * d
      h[i] = w[i]
      loss += w[i] * d * d
      total += w[i]
    }
    return total > 0 ? loss / total : 0
  },
  loss(scores, y, w, rows) {
    let s = 0
    let t = 0
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]
      const d = scores[i] - y[i]
      s += w[i] * d * d
      t += w[i]
    }
    return t > 0 ? s / t : 0
  },
}

/**
 * Gradients for a classification or regression tree (single trees, forests):
 * squared error against the target centred on `base`, with unit hessians
 * scaled by the row weight. A leaf's value -G/H is then the weighted mean of
 * the target in it minus `base`, and a split's gain is the decrease of the
 * weighted sum of squared errors. For classes the target is one-hot (binary:
 * one column, the indicator of class 1), and that decrease is the Gini
 * impurity decrease (Gini = Σ p(1-p) = the summed variance of the indicators;
 * half of it in the binary one-column case, which ranks splits the same) —
 * so these trees split as scikit-learn's criterion='gini' and their leaves hold
 * class frequencies.
 *
 * `g` is row-major n × outputs; `weight[i]` multiplies row i (bootstrap counts
 * times sample weights; 0 rows are skipped by the caller's row list).
 */
export function centredTargetGradients(
  y: Float64Array,
  weight: Float64Array,
  rows: ArrayLike<number>,
  base: Float64Array,
  classification: boolean,
  g: Float64Array,
  h: Float64Array,
): void {
  const outputs = base.length
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]
    const w = weight[i]
    h[i] = w
    if (!classification) {
      g[i] = w * (base[0] - y[i])
    } else if (outputs === 1) {
      g[i] = w * (base[0] - (y[i] === 1 ? 1 : 0))
    } else {
      for (let c = 0; c < outputs; c++) g[i * outputs + c] = w * (base[c] - (y[i] === c ? 1 : 0))
    }
  }
}
