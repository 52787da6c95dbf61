import { describe, expect, it } from 'vitest'
import { explainMatrix } from '../../../../src/core/explain'
import { NetWalker } from '../../../../src/core/explain/explain-mlp'
import type { Model } from '../../../../src/core/model/estimator'
import { forwardLogits } from '../../../../src/core/model/mlp/forward'
import { MultilayerPerceptron } from '../../../../src/core/model/mlp/mlp'
import { networkToJSON, type MlpNetwork, type MlpOutput } from '../../../../src/core/model/mlp/network'
import { initialLayers } from '../../../../src/core/model/mlp/prepare'
import { createRandom } from '../../../../src/core/random'
import type { Matrix } from '../../../../src/core/types'
import { baselineShapley } from './brute-force'

const P = 5
const FEATURES = ['a', 'b', 'c', 'd', 'e']

/** A small random network (no training: the weights are what matter), as a fitted model. */
function network(output: MlpOutput, seed = 2): { model: Model; net: MlpNetwork } {
  const random = createRandom(seed)
  const classes = output === 'linear' ? 0 : output === 'sigmoid' ? 2 : 3
  const layers = initialLayers([P, 8, 6, output === 'softmax' ? 3 : 1], 'tanh', random)
  // Larger weights than the initialiser's, so that features interact strongly.
  for (const layer of layers) for (let k = 0; k < layer.kernel.length; k++) layer.kernel[k] *= 2.5
  const net: MlpNetwork = {
    output,
    activation: 'tanh',
    classes,
    features: P,
    inputMean: Float64Array.from({ length: P }, (_, j) => j - 2),
    inputScale: Float64Array.from({ length: P }, (_, j) => 1 + j / 2),
    targetMean: output === 'linear' ? 50 : 0,
    targetScale: output === 'linear' ? 10 : 1,
    layers,
  }
  return { model: MultilayerPerceptron.fromJSON({ family: 'mlp', params: {}, network: networkToJSON(net) }), net }
}

const rows: Matrix = { rows: 3, cols: P, data: Float64Array.of(1, -2, 3, 0.5, 2, -1, 0, -3, 1, 4, 2.5, 1.5, -2, -1, 0) }
const x0 = rows.data.subarray(0, P)

/** The explained output of the net for one input row: logit of class c, or the value. */
function margin(net: MlpNetwork, column: number) {
  return (z: Float64Array): number => {
    const out = forwardLogits(net, { rows: 1, cols: P, data: z })
    return net.output === 'linear' ? out[0] * net.targetScale + net.targetMean : out[column]
  }
}

describe('the neural net: antithetic permutation sampling', () => {
  it('converges to the exact Shapley values (enumerated over all 32 coalitions) against the training means', () => {
    const { model, net } = network('sigmoid')
    const exact = baselineShapley(margin(net, 0), Float64Array.from(x0), net.inputMean)
    const errors: number[] = []
    for (const samples of [32, 512, 8192]) {
      const e = explainMatrix(model, { rows: 1, cols: P, data: Float64Array.from(x0) }, { featureNames: FEATURES, samples })
      expect(e).toMatchObject({ method: 'sampling', space: 'log-odds' })
      expect(e.approximation?.samples).toBe(samples)
      const se = e.approximation!.standardErrors
      let worst = 0
      for (let j = 0; j < P; j++) {
        const error = Math.abs(e.contributions[j] - exact[j])
        // Within 4.5 standard errors, feature by feature.
        expect(error).toBeLessThanOrEqual(4.5 * se[j] + 1e-12)
        worst = Math.max(worst, error)
      }
      errors.push(worst)
    }
    expect(errors[2]).toBeLessThan(errors[0] / 4)
    // About 2% of the largest contribution (2.26) after 8,192 permutations.
    expect(errors[2]).toBeLessThan(0.05)
  })

  it('a walk, updated one input at a time, gives the net’s own outputs at every step (1e-12)', () => {
    for (const output of ['sigmoid', 'softmax', 'linear'] as const) {
      const { net } = network(output)
      const background: Matrix = { rows: 2, cols: P, data: Float64Array.of(0, 0, 0, 0, 0, 1, 1, -1, 2, 0) }
      const walker = new NetWalker(net, background)
      const order = Int32Array.of(3, 0, 4, 1, 2)
      const column = output === 'softmax' ? 2 : 0
      const walk = walker.walkFor({ column, sign: -1, offset: 0.25 }, output === 'linear')
      for (const reversed of [false, true]) {
        const out = new Float64Array(P + 1)
        walk(1, x0, order, reversed, out, 0)
        const z = background.data.slice(P)
        for (let s = 0; s <= P; s++) {
          if (s > 0) {
            const f = order[reversed ? P - s : s - 1]
            z[f] = x0[f]
          }
          expect(Math.abs(out[s] - (0.25 - margin(net, column)(z)))).toBeLessThan(1e-12)
        }
      }
    }
  })

  it('local accuracy is exact: every walk adds up to f(x) − f(baseline)', () => {
    for (const output of ['sigmoid', 'softmax', 'linear'] as const) {
      const { model, net } = network(output)
      const e = explainMatrix(model, rows, { featureNames: FEATURES, samples: 16 })
      expect(e.space).toBe(output === 'sigmoid' ? 'log-odds' : output === 'softmax' ? 'margin' : 'value')
      for (let i = 0; i < rows.rows; i++) {
        const column = output === 'softmax' ? (e.forClass as Int32Array)[i] : 0
        const f = margin(net, column)
        let sum = e.expectedValue[i]
        for (let j = 0; j < P; j++) sum += e.contributions[i * P + j]
        expect(Math.abs(sum - f(rows.data.slice(i * P, (i + 1) * P)))).toBeLessThan(1e-9)
        expect(Math.abs(e.expectedValue[i] - f(Float64Array.from(net.inputMean)))).toBeLessThan(1e-12)
      }
    }
  })

  it('is deterministic for a seed, and a row gets the same numbers alone or in a batch', () => {
    const { model } = network('softmax')
    const batch = explainMatrix(model, rows, { featureNames: FEATURES, seed: 7 })
    expect(explainMatrix(model, rows, { featureNames: FEATURES, seed: 7 })).toEqual(batch)
    const alone = explainMatrix(model, { rows: 1, cols: P, data: rows.data.slice(2 * P) }, { featureNames: FEATURES, seed: 7 })
    expect(Array.from(alone.contributions)).toEqual(Array.from(batch.contributions.subarray(2 * P)))
    const other = explainMatrix(model, rows, { featureNames: FEATURES, seed: 8 })
    expect(other.contributions).not.toEqual(batch.contributions)
  })

  it('a feature at its baseline value gets exactly 0 and no standard error', () => {
    const { model, net } = network('sigmoid')
    const x = Float64Array.from(x0)
    x[3] = net.inputMean[3]
    const e = explainMatrix(model, { rows: 1, cols: P, data: x }, { featureNames: FEATURES })
    expect(e.contributions[3]).toBe(0)
    expect(e.approximation!.standardErrors[3]).toBe(0)
  })

  it('with background rows, converges to the mean of the baseline Shapley values over them', () => {
    const { model, net } = network('linear')
    const background: Matrix = { rows: 2, cols: P, data: Float64Array.of(0, 0, 0, 0, 0, 1, 1, -1, 2, 0) }
    const f = margin(net, 0)
    const exact = new Float64Array(P)
    for (let r = 0; r < 2; r++) {
      const phi = baselineShapley(f, Float64Array.from(x0), background.data.slice(r * P, (r + 1) * P))
      for (let j = 0; j < P; j++) exact[j] += phi[j] / 2
    }
    const e = explainMatrix(model, { rows: 1, cols: P, data: Float64Array.from(x0) }, { featureNames: FEATURES, background, samples: 8192 })
    for (let j = 0; j < P; j++) expect(Math.abs(e.contributions[j] - exact[j])).toBeLessThanOrEqual(4.5 * e.approximation!.standardErrors[j] + 1e-12)
    expect(Math.abs(e.expectedValue[0] - (f(background.data.slice(0, P)) + f(background.data.slice(P))) / 2)).toBeLessThan(1e-9)
  })

  it('refuses a sample count out of range, naming it', () => {
    const { model } = network('sigmoid')
    expect(() => explainMatrix(model, rows, { featureNames: FEATURES, samples: 2 })).toThrow(expect.objectContaining({ code: 'explain-bad-samples', message: expect.stringMatching(/samples = 2 is invalid/) }))
  })
})
