/**
 * Out-of-bag evaluation of a forest: every row is scored only by the trees
 * whose bootstrap sample missed it, an honest estimate without a held-out set.
 * Accuracy for classes and R² for values, as scikit-learn's oob_score_.
 */
import { log } from '../../numeric/portable-math'

/** The out-of-bag evaluation of a fitted forest. */
export interface OutOfBag {
  /** Accuracy (classification) or R² (regression) over rows with at least one out-of-bag tree; null when no row has one. */
  score: number | null
  /** Mean log loss (classification) or squared error (regression) over the same rows; NaN when there are none. */
  loss: number
}

/** Clipping keeps the log loss finite when a row's class has share 0 in every out-of-bag tree. */
const EPS = 1e-15

/**
 * `sum` holds, per row, the summed leaf values (row-major n × outputs) of its
 * `count` out-of-bag trees; a row's prediction is base + sum / count. Binary
 * classification has one output, the share of class 1.
 */
export function outOfBagScore(sum: Float64Array, count: Int32Array, base: Float64Array, y: Float64Array, classes: number): OutOfBag {
  const n = y.length
  const outputs = base.length
  let rows = 0
  let correct = 0
  let loss = 0
  let yMean = 0
  for (let i = 0; i < n; i++) {
    if (count[i] === 0) continue
    rows++
    yMean += y[i]
  }
  if (rows === 0) return { score: null, loss: Number.NaN }
  yMean /= rows
  let ssRes = 0
  let ssTot = 0
  for (let i = 0; i < n; i++) {
    const c = count[i]
    if (c === 0) continue
    if (classes === 0) {
      const d = base[0] + sum[i] / c - y[i]
      ssRes += d * d
      ssTot += (y[i] - yMean) ** 2
      loss += d * d
    } else if (outputs === 1) {
      const p1 = Math.min(1, Math.max(0, base[0] + sum[i] / c))
      if ((p1 > 0.5 ? 1 : 0) === y[i]) correct++
      loss -= log(Math.max(EPS, y[i] === 1 ? p1 : 1 - p1))
    } else {
      let best = 0
      let bestShare = -Infinity
      for (let k = 0; k < outputs; k++) {
        const share = base[k] + sum[i * outputs + k] / c
        if (share > bestShare) {
          bestShare = share
          best = k
        }
      }
      if (best === y[i]) correct++
      loss -= log(Math.max(EPS, base[y[i]] + sum[i * outputs + y[i]] / c))
    }
  }
  const score = classes === 0 ? (ssTot > 0 ? 1 - ssRes / ssTot : null) : correct / rows
  return { score, loss: loss / rows }
}
