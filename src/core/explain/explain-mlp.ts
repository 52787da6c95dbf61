/**
 * The neural net: Shapley values by antithetic permutation sampling (see
 * sampling.ts) against the net's training means (the baseline it stores to
 * standardise its inputs), or against background rows when given. Seeded per
 * row with the same seed, so a row's numbers do not depend on the batch it
 * came in.
 */
import { StudioError } from '../errors'
import { forwardLogits } from '../model/mlp/forward'
import type { MlpNetwork } from '../model/mlp/network'
import { createRandom } from '../random'
import type { Matrix } from '../types'
import type { MlpState } from './model-state'
import { sampleShapley, type Walk } from './sampling'
import { targetOf, type ExplainTarget } from './target'

/** Default permutations per row: 64 antithetic pairs. */
export const DEFAULT_SAMPLES = 128
/** Most permutations per row accepted. */
export const MAX_SAMPLES = 100_000

export interface SamplingOptions {
  seed: number
  samples: number
  background?: Matrix
  /** Group of each feature for the standard errors, and the number of groups. */
  groupOf: Int32Array
  groupCount: number
}

/** Contributions, expected values and per-group standard errors (rows × groups) of the rows of X. */
export function explainMlp(state: MlpState, X: Matrix, forClass: Int32Array | null, options: SamplingOptions): { contributions: Float64Array; expected: Float64Array; standardErrors: Float64Array; samples: number } {
  const { net } = state
  const { rows: n, cols: p, data } = X
  if (!(Number.isInteger(options.samples) && options.samples >= 4 && options.samples <= MAX_SAMPLES)) {
    throw new StudioError('explain-bad-samples', `explain: samples = ${options.samples} is invalid; expected a whole number of permutations from 4 to ${MAX_SAMPLES}`)
  }
  if (p !== net.features) throw new StudioError('explain-feature-mismatch', `explain: the matrix has ${p} column(s) but the neural net takes ${net.features}`)
  const pairs = Math.ceil(options.samples / 2)
  const baselines = options.background ?? { rows: 1, cols: p, data: Float64Array.from(net.inputMean) }
  if (baselines.cols !== p || baselines.rows < 1) throw new StudioError('explain-feature-mismatch', `explain: the background has ${baselines.cols} column(s) and ${baselines.rows} row(s); expected ${p} columns and at least one row`)
  const contributions = new Float64Array(n * p)
  const expected = new Float64Array(n)
  const standardErrors = new Float64Array(n * options.groupCount)
  const walker = new NetWalker(net, baselines)
  for (let i = 0; i < n; i++) {
    const walk = walker.walkFor(targetOf(state.task, forClass ? forClass[i] : 0, false), state.task === 'regression')
    const result = sampleShapley(walk, data.subarray(i * p, (i + 1) * p), baselines, pairs, createRandom(options.seed), options.groupOf, options.groupCount)
    contributions.set(result.contributions, i * p)
    expected[i] = result.expected
    standardErrors.set(result.standardErrors, i * options.groupCount)
  }
  return { contributions, expected, standardErrors, samples: 2 * pairs }
}

/**
 * Walks through the net cheaply. Consecutive points of a walk differ in one
 * input, so the first layer's pre-activations change by that input's row of
 * weights (units operations instead of inputs × units); the activations then
 * go through the rest of the net, the whole walk in one forwardLogits call on
 * the net without its first layer. At a baseline the pre-activations are
 * summed in forwardLogits' own order, so the expected value is exactly the
 * net's output there.
 */
export class NetWalker {
  private readonly units: number
  /** The net after its first layer (null when the first layer is the output). */
  private readonly rest: MlpNetwork | null
  /** First-layer pre-activations at each baseline row, and the baselines standardised. */
  private readonly atBaseline: Float64Array
  private readonly standardBaselines: Float64Array
  private H = new Float64Array(0)

  constructor(private readonly net: MlpNetwork, baselines: Matrix) {
    const first = net.layers[0]
    const U = first.units
    const p = net.features
    this.units = U
    this.rest = net.layers.length > 1 ? { ...net, features: U, inputMean: new Float64Array(U), inputScale: new Float64Array(U).fill(1), layers: net.layers.slice(1) } : null
    this.atBaseline = new Float64Array(baselines.rows * U)
    this.standardBaselines = new Float64Array(baselines.rows * p)
    for (let r = 0; r < baselines.rows; r++) {
      const h = this.atBaseline.subarray(r * U, (r + 1) * U)
      for (let u = 0; u < U; u++) h[u] = first.bias[u]
      for (let j = 0; j < p; j++) {
        const z = (baselines.data[r * p + j] - net.inputMean[j]) / net.inputScale[j]
        this.standardBaselines[r * p + j] = z
        if (z === 0) continue
        for (let u = 0; u < U; u++) h[u] += z * first.kernel[j * U + u]
      }
    }
  }

  /** The walk of the explained output (target column; a regression value in the target's units). */
  walkFor(target: ExplainTarget, regression: boolean): Walk {
    const { net, units: U } = this
    const kernel = net.layers[0].kernel
    const outUnits = net.layers[net.layers.length - 1].units
    const relu = net.activation === 'relu'
    const p = net.features
    return (baseline, x, order, reversed, out, at) => {
      const M = order.length
      if (this.H.length < (M + 1) * U) this.H = new Float64Array((M + 1) * U)
      const H = this.H
      H.set(this.atBaseline.subarray(baseline * U, (baseline + 1) * U))
      for (let s = 1; s <= M; s++) {
        const f = order[reversed ? M - s : s - 1]
        const delta = (x[f] - net.inputMean[f]) / net.inputScale[f] - this.standardBaselines[baseline * p + f]
        const row = s * U
        for (let u = 0; u < U; u++) H[row + u] = H[row - U + u] + delta * kernel[f * U + u]
      }
      let logits: Float64Array = H
      if (this.rest) {
        const size = (M + 1) * U
        for (let k = 0; k < size; k++) H[k] = relu ? (H[k] > 0 ? H[k] : 0) : Math.tanh(H[k])
        logits = forwardLogits(this.rest, { rows: M + 1, cols: U, data: H.subarray(0, size) })
      }
      for (let s = 0; s <= M; s++) {
        const raw = logits[s * outUnits + target.column]
        out[at + s] = target.offset + target.sign * (regression ? raw * net.targetScale + net.targetMean : raw)
      }
    }
  }
}
