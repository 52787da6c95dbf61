import { shuffleInPlace, type Random } from '../../random'
import type { Matrix } from '../../types'
import type { DenseLayer, MlpOutput } from './network'
import { MLP_FAMILY, type MlpActivation } from './params'

/**
 * Everything the network needs before tfjs is loaded, in plain JavaScript:
 * input standardisation, target encoding, row weights, the seeded validation
 * split and the seeded initial weights. Keeping these here means bad input
 * fails before the tfjs download and every random draw comes from one seeded
 * generator (tfjs' own initialisers and shuffling are not reproducible).
 */

/** Column means and scales of the fitting rows; a constant column gets scale 1 so it maps to 0. */
export function standardisation(X: Matrix): { mean: Float64Array; scale: Float64Array } {
  const { rows: n, cols: p, data } = X
  const mean = new Float64Array(p)
  const scale = new Float64Array(p)
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += data[i * p + j] / n
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) scale[j] += (data[i * p + j] - mean[j]) ** 2 / n
  for (let j = 0; j < p; j++) scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1
  return { mean, scale }
}

/** X standardised into the float32 layout tfjs takes. */
export function standardisedInputs(X: Matrix, mean: Float64Array, scale: Float64Array): Float32Array {
  const { rows: n, cols: p, data } = X
  const out = new Float32Array(n * p)
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[i * p + j] = (data[i * p + j] - mean[j]) / scale[j]
  return out
}

/** Rejects NaN and ±Infinity: the network cannot take missing values (the feature pipeline imputes them). */
export function checkFinite(X: Matrix): void {
  const { cols: p, data } = X
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error(`${MLP_FAMILY}: feature matrix has ${data[i]} at row ${Math.floor(i / p)}, column ${i % p}; impute missing values first`)
  }
}

export interface EncodedTargets {
  output: MlpOutput
  classes: number
  /** Units of the output layer: 1 (sigmoid, linear) or the class count (softmax). */
  units: number
  /** Row-major n × units: 0/1 (sigmoid), one-hot (softmax) or the standardised value (linear). */
  values: Float32Array
  targetMean: number
  targetScale: number
}

/**
 * Classification: checks class indices and one-hot encodes them (a sigmoid
 * unit for two classes). Regression: standardises the target, so Adam's step
 * size and the weight penalty mean the same whatever the target's units.
 */
export function encodeTargets(y: Float64Array, regression: boolean, classCount: number | undefined): EncodedTargets {
  const n = y.length
  if (regression) {
    let mean = 0
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(y[i])) throw new Error(`${MLP_FAMILY}: target at row ${i} is ${y[i]}; expected a finite number`)
      mean += y[i] / n
    }
    let variance = 0
    for (let i = 0; i < n; i++) variance += (y[i] - mean) ** 2 / n
    const scale = variance > 1e-24 ? Math.sqrt(variance) : 1
    return { output: 'linear', classes: 0, units: 1, values: Float32Array.from(y, (v) => (v - mean) / scale), targetMean: mean, targetScale: scale }
  }
  let classes = classCount ?? 0
  for (let i = 0; i < n; i++) {
    const c = y[i]
    if (!Number.isInteger(c) || c < 0) throw new Error(`${MLP_FAMILY}: target at row ${i} is ${c}; expected a class index 0, 1, …`)
    if (classCount !== undefined && c >= classCount) throw new Error(`${MLP_FAMILY}: target at row ${i} is class ${c} but classCount is ${classCount}`)
    classes = Math.max(classes, c + 1)
  }
  if (classes < 2) throw new Error(`${MLP_FAMILY}: the training rows hold ${classes} class(es); at least 2 are needed`)
  if (classes === 2) return { output: 'sigmoid', classes, units: 1, values: Float32Array.from(y), targetMean: 0, targetScale: 1 }
  const values = new Float32Array(n * classes)
  for (let i = 0; i < n; i++) values[i * classes + y[i]] = 1
  return { output: 'softmax', classes, units: classes, values, targetMean: 0, targetScale: 1 }
}

/**
 * Per-row weights: sampleWeight × the balanced class weight n / (k × count),
 * rescaled to mean 1 so the learning rate and l2 penalty keep their meaning
 * whatever the weights' overall scale.
 */
export function rowWeights(y: Float64Array, classes: number, classWeight: 'none' | 'balanced', sampleWeight?: Float64Array): Float32Array {
  const n = y.length
  if (sampleWeight && sampleWeight.length !== n) throw new Error(`${MLP_FAMILY}: sampleWeight has ${sampleWeight.length} entries for ${n} rows`)
  const weights = sampleWeight ? Float64Array.from(sampleWeight) : new Float64Array(n).fill(1)
  for (let i = 0; i < n; i++) {
    if (!(weights[i] >= 0) || !Number.isFinite(weights[i])) throw new Error(`${MLP_FAMILY}: sampleWeight at row ${i} is ${weights[i]}; expected a finite number ≥ 0`)
  }
  if (classWeight === 'balanced' && classes > 0) {
    const counts = new Float64Array(classes)
    for (let i = 0; i < n; i++) counts[y[i]]++
    for (let i = 0; i < n; i++) weights[i] *= n / (classes * counts[y[i]])
  }
  const total = weights.reduce((a, b) => a + b, 0)
  if (!(total > 0)) throw new Error(`${MLP_FAMILY}: every row has weight 0; at least one row must count`)
  return Float32Array.from(weights, (w) => (w * n) / total)
}

/**
 * Seeded split of rows 0..n-1 into fitting and validation rows; stratified by
 * class for classification so a rare class is represented in both. A class
 * with one row stays in the fitting rows.
 */
export function validationSplit(y: Float64Array, classes: number, fraction: number, random: Random): { train: Int32Array; valid: Int32Array } {
  const n = y.length
  if (fraction === 0) return { train: Int32Array.from({ length: n }, (_, i) => i), valid: new Int32Array(0) }
  const groups: number[][] = classes > 0 ? Array.from({ length: classes }, () => []) : [[]]
  for (let i = 0; i < n; i++) groups[classes > 0 ? y[i] : 0].push(i)
  const train: number[] = []
  const valid: number[] = []
  for (const group of groups) {
    shuffleInPlace(group, random)
    const take = group.length > 1 ? Math.min(group.length - 1, Math.round(group.length * fraction)) : 0
    // Plain loops: spreading hundreds of thousands of indices into push() overflows the call stack.
    for (let k = 0; k < group.length; k++) (k < take ? valid : train).push(group[k])
  }
  // Sorted, so the split does not depend on how groups were visited; batches are shuffled later anyway.
  return { train: Int32Array.from(train).sort(), valid: Int32Array.from(valid).sort() }
}

/**
 * Seeded initial weights: He-uniform (limit √(6 / fan-in)) into relu layers,
 * Glorot-uniform (limit √(6 / (fan-in + fan-out))) into tanh layers and the
 * output layer, zero biases — the usual choices, drawn from our own generator.
 */
export function initialLayers(sizes: number[], activation: MlpActivation, random: Random): DenseLayer[] {
  const layers: DenseLayer[] = []
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l]
    const units = sizes[l + 1]
    const isOutput = l + 2 === sizes.length
    const limit = !isOutput && activation === 'relu' ? Math.sqrt(6 / inputs) : Math.sqrt(6 / (inputs + units))
    const kernel = new Float32Array(inputs * units)
    for (let i = 0; i < kernel.length; i++) kernel[i] = (2 * random.next() - 1) * limit
    layers.push({ inputs, units, kernel, bias: new Float32Array(units) })
  }
  return layers
}
