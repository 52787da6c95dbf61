/**
 * From raw ensemble scores (row-major n × outputs) to class probabilities
 * (row-major n × classes): logistic and softmax links for boosting, and
 * clipped frequencies for trees and forests, whose scores already are class
 * shares (binary: one column, the share of class 1).
 */
import { sigmoid } from './objectives'
import { exp } from '../../numeric/portable-math'

/** Boosting: sigmoid of one logit column (binary) or softmax over k columns. */
export function logitsToProba(raw: Float64Array, n: number, classes: number): Float64Array {
  const out = new Float64Array(n * classes)
  if (classes === 2) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(raw[i])
      out[2 * i] = 1 - p
      out[2 * i + 1] = p
    }
    return out
  }
  for (let i = 0; i < n; i++) {
    let max = -Infinity
    for (let c = 0; c < classes; c++) max = Math.max(max, raw[i * classes + c])
    let sum = 0
    for (let c = 0; c < classes; c++) sum += out[i * classes + c] = exp(raw[i * classes + c] - max)
    for (let c = 0; c < classes; c++) out[i * classes + c] /= sum
  }
  return out
}

/** Trees and forests: class shares, clipped to [0, 1] against rounding and renormalised. */
export function sharesToProba(raw: Float64Array, n: number, classes: number): Float64Array {
  const out = new Float64Array(n * classes)
  if (classes === 2) {
    for (let i = 0; i < n; i++) {
      const p = Math.min(1, Math.max(0, raw[i]))
      out[2 * i] = 1 - p
      out[2 * i + 1] = p
    }
    return out
  }
  for (let i = 0; i < n; i++) {
    let sum = 0
    for (let c = 0; c < classes; c++) sum += out[i * classes + c] = Math.max(0, raw[i * classes + c])
    for (let c = 0; c < classes; c++) out[i * classes + c] = sum > 0 ? out[i * classes + c] / sum : 1 / classes
  }
  return out
}
