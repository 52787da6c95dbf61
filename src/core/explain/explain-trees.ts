/** Tree families: exact path-dependent TreeSHAP for each row's explained class. */
import type { Matrix } from '../types'
import type { TreeState } from './model-state'
import { targetOf } from './target'
import { TreeShapExplainer, treeExpectedValue } from './tree-shap'

/** Contributions (rows × cols) and expected values (per row) of the rows of X. */
export function explainTrees(state: TreeState, X: Matrix, forClass: Int32Array | null): { contributions: Float64Array; expected: Float64Array } {
  const { rows: n, cols: p, data } = X
  const contributions = new Float64Array(n * p)
  const expected = new Float64Array(n)
  const explainer = new TreeShapExplainer(state.trees)
  const shares = state.link === 'shares'
  for (let i = 0; i < n; i++) {
    const target = targetOf(state.task, forClass ? forClass[i] : 0, shares)
    explainer.explainRow(data, i * p, target.column, contributions.subarray(i * p, (i + 1) * p), target.sign)
    expected[i] = target.offset + target.sign * treeExpectedValue(state.trees, target.column)
  }
  return { contributions, expected }
}
