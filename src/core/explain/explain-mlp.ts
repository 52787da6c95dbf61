/**
 * The neural net: Shapley values by antithetic permutation sampling (see
 * sampling.ts) against the net's training means (the baseline it stores to
 * standardise its inputs), or against background rows when given. Seeded per
 * row with the same seed, so a row's numbers do not depend on the batch it
 * came in.
 */
import { StudioError } from '../errors'
import { forwardLogits } from '../model/mlp/forward'
import { createRandom } from '../random'
import type { Matrix } from '../types'
import type { MlpState } from './model-state'
import { sampleShapley } from './sampling'
import { targetOf } from './target'

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
  const pairs = Math.ceil(options.samples / 2)
  const baselines = options.background ?? { rows: 1, cols: p, data: Float64Array.from(net.inputMean) }
  if (baselines.cols !== p || baselines.rows < 1) throw new StudioError('explain-feature-mismatch', `explain: the background has ${baselines.cols} column(s) and ${baselines.rows} row(s); expected ${p} columns and at least one row`)
  const contributions = new Float64Array(n * p)
  const expected = new Float64Array(n)
  const standardErrors = new Float64Array(n * options.groupCount)
  const units = net.layers[net.layers.length - 1].units
  for (let i = 0; i < n; i++) {
    const target = targetOf(state.task, forClass ? forClass[i] : 0, false)
    const evaluate = (Z: Matrix): Float64Array => {
      const z = forwardLogits(net, Z)
      const out = new Float64Array(Z.rows)
      for (let r = 0; r < Z.rows; r++) {
        const raw = z[r * units + target.column]
        out[r] = target.offset + target.sign * (state.task === 'regression' ? raw * net.targetScale + net.targetMean : raw)
      }
      return out
    }
    const result = sampleShapley(evaluate, data.subarray(i * p, (i + 1) * p), baselines, pairs, createRandom(options.seed), options.groupOf, options.groupCount)
    contributions.set(result.contributions, i * p)
    expected[i] = result.expected
    standardErrors.set(result.standardErrors, i * options.groupCount)
  }
  return { contributions, expected, standardErrors, samples: 2 * pairs }
}
