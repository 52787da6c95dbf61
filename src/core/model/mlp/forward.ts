import type { Matrix } from '../../types'
import type { MlpNetwork } from './network'
import { exp } from '../../numeric/portable-math'

/**
 * The network's forward pass in plain JavaScript (float64 arithmetic on the
 * float32 weights), so the page and the Node server predict without loading
 * tfjs. Training runs in tfjs; tests check the two agree to ~1e-5.
 */

/** Raw outputs of the last layer (logits, or the standardised value for regression), row-major n × units. */
export function forwardLogits(net: MlpNetwork, X: Matrix): Float64Array {
  const { rows: n, cols: p, data } = X
  const widest = Math.max(p, ...net.layers.map((l) => l.units))
  // Two scratch rows, swapped layer by layer: no allocation per row.
  let input = new Float64Array(widest)
  let output = new Float64Array(widest)
  const last = net.layers[net.layers.length - 1]
  const out = new Float64Array(n * last.units)
  const relu = net.activation === 'relu'
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) input[j] = (data[i * p + j] - net.inputMean[j]) / net.inputScale[j]
    for (let l = 0; l < net.layers.length; l++) {
      const { inputs, units, kernel, bias } = net.layers[l]
      for (let u = 0; u < units; u++) output[u] = bias[u]
      for (let j = 0; j < inputs; j++) {
        const x = input[j]
        if (x === 0) continue // common after relu; skipping changes nothing
        const row = j * units
        for (let u = 0; u < units; u++) output[u] += x * kernel[row + u]
      }
      if (l < net.layers.length - 1) {
        for (let u = 0; u < units; u++) output[u] = relu ? (output[u] > 0 ? output[u] : 0) : Math.tanh(output[u])
      }
      const t = input
      input = output
      output = t
    }
    out.set(input.subarray(0, last.units), i * last.units)
  }
  return out
}

/** Class probabilities, row-major n × classes: a sigmoid for two classes, a softmax for more. */
export function forwardProba(net: MlpNetwork, X: Matrix): Float64Array {
  const z = forwardLogits(net, X)
  const n = X.rows
  const k = net.classes
  const out = new Float64Array(n * k)
  if (net.output === 'sigmoid') {
    for (let i = 0; i < n; i++) {
      const q = sigmoid(z[i])
      out[i * 2] = 1 - q
      out[i * 2 + 1] = q
    }
    return out
  }
  for (let i = 0; i < n; i++) {
    let zmax = -Infinity
    for (let c = 0; c < k; c++) zmax = Math.max(zmax, z[i * k + c])
    let sum = 0
    for (let c = 0; c < k; c++) sum += out[i * k + c] = exp(z[i * k + c] - zmax)
    for (let c = 0; c < k; c++) out[i * k + c] /= sum
  }
  return out
}

/** Regression predictions in the target's own units. */
export function forwardValues(net: MlpNetwork, X: Matrix): Float64Array {
  const z = forwardLogits(net, X)
  for (let i = 0; i < z.length; i++) z[i] = z[i] * net.targetScale + net.targetMean
  return z
}

function sigmoid(s: number): number {
  return s >= 0 ? 1 / (1 + exp(-s)) : exp(s) / (1 + exp(s))
}
