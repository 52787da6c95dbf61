/**
 * Linear and logistic regression: the exact Shapley values of a linear
 * margin against the training means, coef_j × (x_j − mean_j), with expected
 * value the margin at the means. Exact for any correlation between features,
 * because the margin is additive.
 */
import type { Matrix } from '../types'
import type { LinearState } from './model-state'
import { targetOf } from './target'

/** Contributions, expected values and the signed coefficient row used for each row (for units). */
export function explainLinear(state: LinearState, X: Matrix, forClass: Int32Array | null): { contributions: Float64Array; expected: Float64Array; coef: Float64Array } {
  const { rows: n, cols: p, data } = X
  const { means, intercept } = state
  const contributions = new Float64Array(n * p)
  const expected = new Float64Array(n)
  const coef = new Float64Array(n * p)
  for (let i = 0; i < n; i++) {
    const target = targetOf(state.task, forClass ? forClass[i] : 0, false)
    const row = target.column * p
    let atMeans = intercept[target.column]
    for (let j = 0; j < p; j++) {
      const c = target.sign * state.coef[row + j]
      coef[i * p + j] = c
      contributions[i * p + j] = c * (data[i * p + j] - means[j])
      atMeans += state.coef[row + j] * means[j]
    }
    expected[i] = target.offset + target.sign * atMeans
  }
  return { contributions, expected, coef }
}
