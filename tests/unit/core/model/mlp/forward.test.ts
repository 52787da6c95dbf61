import * as tf from '@tensorflow/tfjs'
import { afterAll, describe, expect, it } from 'vitest'
import { forwardLogits, forwardProba, forwardValues } from '../../../../../src/core/model/mlp/forward'
import { MultilayerPerceptron } from '../../../../../src/core/model/mlp/mlp'
import { networkFromJSON, type MlpNetwork, type MlpOutput } from '../../../../../src/core/model/mlp/network'
import type { MlpActivation } from '../../../../../src/core/model/mlp/params'
import { initialLayers, standardisedInputs } from '../../../../../src/core/model/mlp/prepare'
import { createRandom } from '../../../../../src/core/random'
import type { Matrix } from '../../../../../src/core/types'
import { synthetic } from './helpers'

/** The same network as a tf.LayersModel, the peer the plain-JS forward pass must agree with. */
function tfPredict(net: MlpNetwork, X: Matrix): { logits: Float32Array; outputs: Float32Array } {
  const model = tf.sequential()
  net.layers.forEach((layer, i) =>
    model.add(tf.layers.dense({ units: layer.units, inputShape: i === 0 ? [layer.inputs] : undefined, activation: i < net.layers.length - 1 ? net.activation : 'linear' })),
  )
  try {
    const weights = net.layers.flatMap((l) => [tf.tensor2d(l.kernel, [l.inputs, l.units]), tf.tensor1d(l.bias)])
    model.setWeights(weights)
    tf.dispose(weights)
    return tf.tidy(() => {
      const z = model.predict(tf.tensor2d(standardisedInputs(X, net.inputMean, net.inputScale), [X.rows, X.cols])) as tf.Tensor2D
      const out = net.output === 'sigmoid' ? tf.sigmoid(z) : net.output === 'softmax' ? tf.softmax(z) : tf.add(tf.mul(z, net.targetScale), net.targetMean)
      return { logits: z.dataSync() as Float32Array, outputs: out.dataSync() as Float32Array }
    })
  } finally {
    model.dispose()
  }
}

/** A randomly initialised network with non-trivial input scaling, biases and target scaling. */
function randomNetwork(output: MlpOutput, activation: MlpActivation, classes: number): MlpNetwork {
  const random = createRandom(output.length + activation.length)
  const features = 5
  const units = output === 'softmax' ? classes : 1
  const layers = initialLayers([features, 16, 8, units], activation, random)
  for (const layer of layers) for (let u = 0; u < layer.units; u++) layer.bias[u] = random.normal() * 0.3
  return {
    output,
    activation,
    classes: output === 'linear' ? 0 : classes,
    features,
    inputMean: Float64Array.from({ length: features }, () => random.normal() * 10),
    inputScale: Float64Array.from({ length: features }, () => 0.5 + random.next() * 5),
    targetMean: 120,
    targetScale: 15,
    layers,
  }
}

function randomInputs(rows: number, cols: number): Matrix {
  const random = createRandom(99)
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => random.normal() * 12) }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]))
  return worst
}

/** Largest |a − b| / max(1, |b|). */
function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])))
  return worst
}

const start = tf.memory().numTensors
afterAll(() => expect(tf.memory().numTensors).toBe(start))

describe('the plain-JS forward pass equals tfjs model.predict', () => {
  const cases: [MlpOutput, MlpActivation, number][] = [
    ['sigmoid', 'relu', 2],
    ['sigmoid', 'tanh', 2],
    ['softmax', 'relu', 4],
    ['softmax', 'tanh', 3],
    ['linear', 'relu', 0],
    ['linear', 'tanh', 0],
  ]
  it.each(cases)('%s output, %s hidden layers', (output, activation, classes) => {
    const net = randomNetwork(output, activation, classes)
    const X = randomInputs(300, net.features)
    const peer = tfPredict(net, X)
    // Logits reach the tens here; float32 keeps ~7 digits, so compare relative to their size.
    expect(maxRelDiff(forwardLogits(net, X), peer.logits)).toBeLessThan(1e-5)
    const ours = output === 'linear' ? forwardValues(net, X) : forwardProba(net, X)
    if (output === 'linear') {
      expect(maxRelDiff(ours, peer.outputs)).toBeLessThan(1e-5)
    } else {
      // tf.sigmoid gives one column; expand it to the [1 − q, q] pairs predictProba returns.
      const expected = output === 'sigmoid' ? Float64Array.from({ length: X.rows * 2 }, (_, i) => (i % 2 ? peer.outputs[i >> 1] : 1 - peer.outputs[i >> 1])) : peer.outputs
      expect(maxAbsDiff(ours, expected)).toBeLessThan(1e-5)
    }
  })

  it('for a fitted model, as stored in its JSON', async () => {
    const { X, y } = synthetic('multiclass')
    const model = new MultilayerPerceptron({ epochs: 5, hiddenLayers: [8], earlyStoppingPatience: 0 })
    await model.fit(X, y, { task: 'multiclass' })
    const net = networkFromJSON(model.toJSON().network)
    const peer = tfPredict(net, X)
    expect(maxAbsDiff(model.predictProba(X), peer.outputs)).toBeLessThan(1e-5)
  })
})
