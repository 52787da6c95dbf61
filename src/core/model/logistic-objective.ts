import type { Matrix } from '../types'
import type { Objective } from './lbfgs'
import { exp, log, log1pUnit } from '../numeric/portable-math'

/**
 * The smooth part of logistic regression's objective, as the solvers see it:
 * the weighted mean log-loss plus ½·l2·‖W‖² over coefficients (intercepts
 * unpenalised). Parameters θ are k blocks of p coefficients and an intercept:
 * k = 1 (sigmoid of the positive class) for binary, k = classes (softmax) for
 * multinomial. The L1 part, if any, is added by OWL-QN, which needs it apart.
 *
 * `y` holds class indices; `weights` are per-row (already rescaled and
 * multiplied by class weights); `totalWeight` is their sum. Without an
 * intercept the intercept gradients are zero, so the solvers leave them at 0.
 */
export function logisticObjective(X: Matrix, y: Float64Array, weights: Float64Array, totalWeight: number, k: number, l2: number, fitIntercept: boolean): Objective {
  const { rows: n, cols: p, data } = X
  const stride = p + 1
  const z = new Float64Array(k)
  return (theta, grad) => {
    grad.fill(0)
    let loss = 0
    for (let i = 0; i < n; i++) {
      const w = weights[i]
      if (w === 0) continue
      const row = i * p
      const yi = y[i]
      if (k === 1) {
        let s = theta[p]
        for (let j = 0; j < p; j++) s += theta[j] * data[row + j]
        loss += w * (softplus(s) - yi * s)
        const r = w * (sigmoid(s) - yi)
        for (let j = 0; j < p; j++) grad[j] += r * data[row + j]
        grad[p] += r
      } else {
        let zmax = -Infinity
        for (let c = 0; c < k; c++) {
          let s = theta[c * stride + p]
          for (let j = 0; j < p; j++) s += theta[c * stride + j] * data[row + j]
          z[c] = s
          if (s > zmax) zmax = s
        }
        let sum = 0
        for (let c = 0; c < k; c++) sum += exp(z[c] - zmax)
        loss += w * (zmax + log(sum) - z[yi])
        for (let c = 0; c < k; c++) {
          const r = w * (exp(z[c] - zmax) / sum - (c === yi ? 1 : 0))
          for (let j = 0; j < p; j++) grad[c * stride + j] += r * data[row + j]
          grad[c * stride + p] += r
        }
      }
    }
    let value = loss / totalWeight
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < p; j++) {
        const t = theta[c * stride + j]
        grad[c * stride + j] = grad[c * stride + j] / totalWeight + l2 * t
        value += 0.5 * l2 * t * t
      }
      grad[c * stride + p] = fitIntercept ? grad[c * stride + p] / totalWeight : 0
    }
    return value
  }
}

/** Logistic function, computed without overflow for large |s|. */
export function sigmoid(s: number): number {
  return s >= 0 ? 1 / (1 + exp(-s)) : exp(s) / (1 + exp(s))
}

/** log(1 + eˢ), computed without overflow for large |s|; e^−|s| lies in (0, 1], log1pUnit's range. */
export function softplus(s: number): number {
  return s > 0 ? s + log1pUnit(exp(-s)) : log1pUnit(exp(s))
}
