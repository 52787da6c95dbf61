import { base64ToFloat32, float32ToBase64 } from './base64'
import { MLP_FAMILY, type MlpActivation } from './params'

/** What the last layer computes: a probability (two classes), class probabilities (more), or a value. */
export type MlpOutput = 'sigmoid' | 'softmax' | 'linear'

/** One fully connected layer: out = in · kernel + bias, kernel row-major inputs × units (tfjs' layout). */
export interface DenseLayer {
  inputs: number
  units: number
  kernel: Float32Array
  bias: Float32Array
}

/**
 * A fitted network: everything prediction needs, and no tfjs. Inputs are
 * standardised with the fitting rows' mean and scale before the first layer
 * (so the net trains well whatever the feature pipeline's scaling), hidden
 * layers apply `activation`, and a regression output is mapped back from the
 * standardised target.
 */
export interface MlpNetwork {
  output: MlpOutput
  activation: MlpActivation
  /** Class count for classifiers; 0 for regression. */
  classes: number
  features: number
  inputMean: Float64Array
  inputScale: Float64Array
  targetMean: number
  targetScale: number
  /** Hidden layers then the output layer. */
  layers: DenseLayer[]
}

/** The weights' encoding in JSON, recorded so a future change can be detected and migrated. */
const WEIGHTS_ENCODING = 'float32-le-base64'

/** The network as plain JSON: numbers for the small vectors, base64 for the weights. */
export function networkToJSON(net: MlpNetwork): Record<string, unknown> {
  return {
    output: net.output,
    activation: net.activation,
    classes: net.classes,
    features: net.features,
    inputMean: Array.from(net.inputMean),
    inputScale: Array.from(net.inputScale),
    targetMean: net.targetMean,
    targetScale: net.targetScale,
    weightsEncoding: WEIGHTS_ENCODING,
    layers: net.layers.map((layer) => ({
      inputs: layer.inputs,
      units: layer.units,
      kernel: float32ToBase64(layer.kernel),
      bias: float32ToBase64(layer.bias),
    })),
  }
}

/** Reads what networkToJSON wrote, checking every field and shape; errors name the field. */
export function networkFromJSON(json: unknown): MlpNetwork {
  const fail = (field: string, got: unknown, expected: string): never => {
    throw new Error(`${MLP_FAMILY}: model JSON field network.${field} is ${JSON.stringify(got)}; expected ${expected}`)
  }
  if (typeof json !== 'object' || json === null) return fail('', json, 'an object')
  const o = json as Record<string, unknown>
  const output = o.output
  if (output !== 'sigmoid' && output !== 'softmax' && output !== 'linear') return fail('output', output, 'sigmoid, softmax or linear')
  const activation = o.activation
  if (activation !== 'relu' && activation !== 'tanh') return fail('activation', activation, 'relu or tanh')
  if (o.weightsEncoding !== WEIGHTS_ENCODING) return fail('weightsEncoding', o.weightsEncoding, WEIGHTS_ENCODING)
  const features = o.features
  if (typeof features !== 'number' || !Number.isInteger(features) || features < 1) return fail('features', features, 'a positive integer')
  const classes = o.classes
  const expectedClasses = output === 'linear' ? 'classes = 0' : output === 'sigmoid' ? 'classes = 2' : 'an integer ≥ 3'
  const classesOk = output === 'linear' ? classes === 0 : output === 'sigmoid' ? classes === 2 : typeof classes === 'number' && Number.isInteger(classes) && classes >= 3
  if (!classesOk) return fail('classes', classes, `${expectedClasses} for a ${output} output`)
  const vector = (field: string): Float64Array => {
    const v = o[field]
    if (!Array.isArray(v) || v.length !== features || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) return fail(field, v, `${features} finite numbers`)
    return Float64Array.from(v as number[])
  }
  const scalar = (field: string): number => {
    const v = o[field]
    return typeof v === 'number' && Number.isFinite(v) ? v : fail(field, v, 'a finite number')
  }
  if (!Array.isArray(o.layers) || o.layers.length < 1) return fail('layers', o.layers, 'a non-empty list of layers')
  let width = features
  const layers = (o.layers as unknown[]).map((raw, i): DenseLayer => {
    const l = (raw ?? {}) as Record<string, unknown>
    if (l.inputs !== width) return fail(`layers[${i}].inputs`, l.inputs, `${width} (the previous layer's width)`)
    const units = l.units
    if (typeof units !== 'number' || !Number.isInteger(units) || units < 1) return fail(`layers[${i}].units`, units, 'a positive integer')
    width = units
    return {
      inputs: l.inputs as number,
      units,
      kernel: base64ToFloat32(l.kernel as string, (l.inputs as number) * units, `${MLP_FAMILY} network.layers[${i}].kernel`),
      bias: base64ToFloat32(l.bias as string, units, `${MLP_FAMILY} network.layers[${i}].bias`),
    }
  })
  const outputUnits = output === 'softmax' ? (classes as number) : 1
  if (width !== outputUnits) return fail(`layers[${layers.length - 1}].units`, width, `${outputUnits} for a ${output} output`)
  return {
    output,
    activation,
    classes: classes as number,
    features,
    inputMean: vector('inputMean'),
    inputScale: vector('inputScale'),
    targetMean: scalar('targetMean'),
    targetScale: scalar('targetScale'),
    layers,
  }
}
