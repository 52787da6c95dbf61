/**
 * Shapley values by permutation sampling (Štrumbelj & Kononenko 2014) with
 * antithetic pairs: each sampled order of the features is walked forward and
 * reversed, switching features one at a time from a baseline row to the row
 * explained; a feature's contribution in a walk is the change of the output
 * when it switches. Averaged over walks this converges to the exact Shapley
 * values of v(S) = f(x_S, b_not S) (the baseline Shapley values; averaged
 * over several baseline rows, the interventional ones). Every walk's
 * contributions add up to f(x) − f(b), so the estimate's sum is exact. A
 * reversed walk is negatively correlated with its forward walk, which cuts
 * the variance for the same number of model evaluations.
 */
import type { Random } from '../random'
import type { Matrix } from '../types'

/** The estimate for one row. */
export interface SampledShapley {
  /** One per feature. */
  contributions: Float64Array
  /** Mean output at the baselines walked from. */
  expected: number
  /** Standard error of each group's summed contribution. */
  standardErrors: Float64Array
}

/**
 * The model's outputs along one walk: from baseline row `baseline` to `x`,
 * switching the features of `order` one at a time (from the last one back
 * when `reversed`): out[at] is the output at the baseline, out[at + s] after
 * s switches. A model may compute this faster than M + 1 separate rows (the
 * neural net updates its first layer by one input at a time).
 */
export type Walk = (baseline: number, x: Float64Array, order: Int32Array, reversed: boolean, out: Float64Array, at: number) => void

/**
 * Estimates the Shapley values of row `x` from `pairs` antithetic pairs of
 * walks; pair k starts from baseline row k mod baselines.rows. Features
 * equal to x in every baseline cannot change the output and get 0 without
 * being sampled. `groupOf` maps features to `groupCount` groups for the
 * standard errors (a group's summed contribution, its covariances included).
 */
export function sampleShapley(walk: Walk, x: Float64Array, baselines: Matrix, pairs: number, random: Random, groupOf: Int32Array, groupCount: number): SampledShapley {
  const p = x.length
  const B = baselines.data
  const players: number[] = []
  for (let j = 0; j < p; j++) {
    for (let r = 0; r < baselines.rows; r++) {
      const b = B[r * p + j]
      if (!(b === x[j] || (b !== b && x[j] !== x[j]))) {
        players.push(j)
        break
      }
    }
  }
  const M = players.length
  const contributions = new Float64Array(p)
  const standardErrors = new Float64Array(groupCount)
  const order = Int32Array.from(players)
  const steps = M + 1
  const out = new Float64Array(2 * steps)
  if (M === 0) {
    walk(0, x, order, false, out, 0)
    return { contributions, expected: out[0], standardErrors }
  }
  const estimate = new Float64Array(p)
  const groupSum = new Float64Array(groupCount)
  const groupSquares = new Float64Array(groupCount)
  const groupPair = new Float64Array(groupCount)
  let expected = 0
  for (let k = 0; k < pairs; k++) {
    // Fisher–Yates on the previous order: still a uniform draw.
    for (let i = M - 1; i > 0; i--) {
      const j = random.int(i + 1)
      const t = order[i]
      order[i] = order[j]
      order[j] = t
    }
    const baseline = k % baselines.rows
    walk(baseline, x, order, false, out, 0)
    walk(baseline, x, order, true, out, steps)
    estimate.fill(0)
    for (let s = 1; s <= M; s++) {
      estimate[order[s - 1]] += (out[s] - out[s - 1]) / 2
      estimate[order[M - s]] += (out[steps + s] - out[steps + s - 1]) / 2
    }
    expected += out[0]
    groupPair.fill(0)
    for (let j = 0; j < p; j++) {
      contributions[j] += estimate[j]
      groupPair[groupOf[j]] += estimate[j]
    }
    for (let g = 0; g < groupCount; g++) {
      groupSum[g] += groupPair[g]
      groupSquares[g] += groupPair[g] * groupPair[g]
    }
  }
  for (let j = 0; j < p; j++) contributions[j] /= pairs
  for (let g = 0; g < groupCount; g++) {
    const mean = groupSum[g] / pairs
    const variance = Math.max(0, (groupSquares[g] - pairs * mean * mean) / (pairs - 1))
    standardErrors[g] = Math.sqrt(variance / pairs)
  }
  return { contributions, expected: expected / pairs, standardErrors }
}
