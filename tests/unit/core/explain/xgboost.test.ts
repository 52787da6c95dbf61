import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { shapTrees, TreeShapExplainer, treeExpectedValue } from '../../../../src/core/explain/tree-shap'
import { TreeEnsemble, type TreeEnsembleArrays } from '../../../../src/core/model/tree/predictor'
import { ensembleArrays, nodeLists } from '../model/tree/ensemble-lists'

/**
 * Against XGBoost's own TreeSHAP (pred_contribs=True) on trees XGBoost grew:
 * the same trees rebuilt as a studio ensemble must give XGBoost's margins,
 * expected values and per-feature contributions, missing values included.
 * XGBoost computes in float32, so equality is to float32 precision.
 * Fixture: tests/fixtures/explain/make_xgboost_shap.py.
 */
interface XgbTree {
  output: number
  left: number[]
  right: number[]
  feature: number[]
  condition: number[]
  defaultLeft: number[]
  cover: number[]
}
interface XgbCase {
  task: 'binary' | 'multiclass' | 'regression'
  classes: number
  trees: XgbTree[]
  rows: (number | null)[][]
  margin: number[] | number[][]
  contribs: number[][] | number[][][]
}
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/explain/xgboost_shap.json', import.meta.url), 'utf8')) as { xgboost: string; features: number; cases: XgbCase[] }

/** The largest double below x: XGBoost's x < t is the studio's x <= nextDown(t). */
function nextDown(x: number): number {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  view.setBigUint64(0, x > 0 ? bits - 1n : x < 0 ? bits + 1n : 0x8000000000000001n)
  return view.getFloat64(0)
}

/** XGBoost's trees as a studio ensemble (preorder, so children follow their parent), base score 0. */
function ensembleOf(c: XgbCase): { arrays: TreeEnsembleArrays; cover: Float64Array } {
  const outputs = c.task === 'multiclass' ? c.classes : 1
  const lists = nodeLists()
  const { feature, threshold, defaultLeft, left, right, value, roots } = lists
  const cover: number[] = []
  for (const tree of c.trees) {
    const add = (id: number): number => {
      const at = feature.length
      const leaf = tree.left[id] === -1
      feature.push(leaf ? -1 : tree.feature[id])
      threshold.push(leaf ? 0 : nextDown(tree.condition[id]))
      defaultLeft.push(leaf ? 0 : tree.defaultLeft[id])
      left.push(0)
      right.push(0)
      value.push(leaf ? tree.condition[id] : 0)
      cover.push(tree.cover[id])
      if (!leaf) {
        left[at] = add(tree.left[id])
        right[at] = add(tree.right[id])
      }
      return at
    }
    roots.push(add(0))
  }
  const arrays = ensembleArrays(lists, { outputs, leafWidth: 1, scale: 1, baseScore: new Float64Array(outputs), treeOutput: c.trees.map((t) => t.output) })
  return { arrays, cover: Float64Array.from(cover) }
}

describe(`TreeSHAP against XGBoost ${fixture.xgboost} pred_contribs on XGBoost's trees`, () => {
  it.each(fixture.cases.map((c) => [c.task, c] as const))('%s', (_, c) => {
    const p = fixture.features
    const { arrays, cover } = ensembleOf(c)
    const n = c.rows.length
    const X = { rows: n, cols: p, data: Float64Array.from(c.rows.flat(), (v) => (v === null ? NaN : v)) }
    expect(X.data.some((v) => Number.isNaN(v))).toBe(true)
    const outputs = arrays.outputs
    const margins = (i: number, k: number): number => (outputs === 1 ? (c.margin as number[])[i] : (c.margin as number[][])[i][k])
    const contribs = (i: number, k: number): number[] => (outputs === 1 ? (c.contribs as number[][])[i] : (c.contribs as number[][][])[i][k])
    // Our walk of XGBoost's trees reproduces its margins up to one base score per output.
    const raw = new TreeEnsemble(arrays).predictRaw(X)
    for (let k = 0; k < outputs; k++) {
      const base = margins(0, k) - raw[k]
      for (let i = 0; i < n; i++) expect(Math.abs(margins(i, k) - raw[i * outputs + k] - base)).toBeLessThan(1e-5)
      arrays.baseScore[k] = base
    }
    const trees = shapTrees(arrays, cover)
    const explainer = new TreeShapExplainer(trees)
    for (let k = 0; k < outputs; k++) {
      const expected = treeExpectedValue(trees, k)
      for (let i = 0; i < n; i++) {
        const phi = new Float64Array(p)
        explainer.explainRow(X.data, i * p, k, phi)
        const theirs = contribs(i, k)
        for (let j = 0; j < p; j++) expect(Math.abs(phi[j] - theirs[j])).toBeLessThan(1e-5 * Math.max(1, Math.abs(theirs[j])))
        expect(Math.abs(expected - theirs[p])).toBeLessThan(1e-5 * Math.max(1, Math.abs(theirs[p])))
      }
    }
  })
})
