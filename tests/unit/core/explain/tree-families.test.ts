import { describe, expect, it } from 'vitest'
import { explainMatrix } from '../../../../src/core/explain'
import type { MatrixExplanation } from '../../../../src/core/explain'
import { DecisionTree } from '../../../../src/core/model/tree/decision-tree'
import type { TreeModel } from '../../../../src/core/model/tree/fitted-model'
import { GradientBoosting } from '../../../../src/core/model/tree/gradient-boosting'
import { TreeEnsemble } from '../../../../src/core/model/tree/predictor'
import { RandomForest } from '../../../../src/core/model/tree/random-forest'
import { modelFromJSON } from '../../../../src/core/model/registry'
import type { Matrix, Task } from '../../../../src/core/types'
import { bruteForceTreeShap } from './brute-force'
import { smallData } from './tree-fixtures'

const FEATURES = ['a', 'b', 'c', 'd', 'e', 'f']
const data = smallData(3)
// Held-out rows to explain, with missing values (x0 in a fifth of the rows).
const test = smallData(4, 40)

const families: [string, () => TreeModel][] = [
  ['decision tree', () => new DecisionTree({ maxDepth: 5, minSamplesLeaf: 3 })],
  ['random forest', () => new RandomForest({ nTrees: 12, maxDepth: 6, seed: 1 })],
  ['gradient boosting', () => new GradientBoosting({ nRounds: 15, maxDepth: 4, learningRate: 0.3 })],
]
const tasks: [Task, Float64Array][] = [
  ['binary', data.binary],
  ['multiclass', data.multiclass],
  ['regression', data.regression],
]

function fitted(make: () => TreeModel, task: Task, y: Float64Array): TreeModel {
  const model = make()
  model.fit(data.X, y, { task })
  return model
}

/** The model's raw score (margin) of row i, column c: what prediction computes. */
function rawScores(model: TreeModel, X: Matrix): Float64Array {
  return model.fittedState().ensemble.predictRaw(X)
}

function rowSum(e: MatrixExplanation, i: number): number {
  const p = e.featureNames.length
  let s = 0
  for (let j = 0; j < p; j++) s += e.contributions[i * p + j]
  return s
}

describe.each(families)('%s', (_, make) => {
  describe.each(tasks)('%s', (task, y) => {
    const model = fitted(make, task, y)
    const explanation = explainMatrix(model, test.X, { featureNames: FEATURES })
    const raw = rawScores(model, test.X)
    const outputs = model.fittedState().ensemble.arrays.outputs

    it('local accuracy: contributions + expected value = the margin of the explained class (1e-9)', () => {
      expect(explanation.method).toBe('tree-shap')
      for (let i = 0; i < test.X.rows; i++) {
        const column = task === 'multiclass' ? (explanation.forClass as Int32Array)[i] : 0
        expect(Math.abs(rowSum(explanation, i) + explanation.expectedValue[i] - raw[i * outputs + column])).toBeLessThan(1e-9)
      }
    })

    it('the margin is what the model predicts from', () => {
      const isForest = model.family !== 'gbdt'
      expect(explanation.space).toBe(task === 'regression' ? 'value' : isForest ? 'probability' : task === 'binary' ? 'log-odds' : 'margin')
      if (task === 'regression') {
        expect(Array.from(model.predict(test.X))).toEqual(Array.from(raw))
        return
      }
      const proba = model.predictProba(test.X)
      const k = task === 'binary' ? 2 : 3
      for (let i = 0; i < test.X.rows; i++) {
        const c = (explanation.forClass as Int32Array)[i]
        const margin = rowSum(explanation, i) + explanation.expectedValue[i]
        if (task === 'binary') {
          expect(c).toBe(1)
          expect(Math.abs((isForest ? margin : 1 / (1 + Math.exp(-margin))) - proba[i * 2 + 1])).toBeLessThan(1e-9)
        } else {
          // Multiclass: the predicted class, explained on its share (forests) or its logit.
          const best = Array.from(proba.subarray(i * k, (i + 1) * k)).indexOf(Math.max(...proba.subarray(i * k, (i + 1) * k)))
          expect(c).toBe(best)
          if (isForest) expect(Math.abs(margin - proba[i * k + c])).toBeLessThan(1e-9)
        }
      }
    })

    it('equals brute-force Shapley values of the path-dependent expectation, missing values included (1e-9)', () => {
      const arrays = model.fittedState().ensemble.arrays
      const cover = arrays.cover as Float64Array
      const p = FEATURES.length
      let missingRows = 0
      for (let i = 0; i < 12; i++) {
        const x = test.X.data.subarray(i * p, (i + 1) * p)
        if (Number.isNaN(x[0])) missingRows++
        const column = task === 'multiclass' ? (explanation.forClass as Int32Array)[i] : 0
        const { phi, expected } = bruteForceTreeShap(arrays, cover, x, p, column)
        for (let j = 0; j < p; j++) expect(Math.abs(explanation.contributions[i * p + j] - phi[j])).toBeLessThan(1e-9)
        expect(Math.abs(explanation.expectedValue[i] - expected)).toBeLessThan(1e-9)
      }
      expect(missingRows).toBeGreaterThan(0)
    })
  })
})

describe('node cover in fitted trees', () => {
  it.each(families)('%s: every node records the hessian (weight) sum reaching it, in float32; children add up to the parent', (_, make) => {
    const model = fitted(make, 'binary', data.binary)
    const { feature, left, right, cover, roots } = model.fittedState().ensemble.arrays
    expect(cover).toBeDefined()
    const c = cover as Float64Array
    for (let node = 0; node < feature.length; node++) {
      expect(c[node]).toBeGreaterThan(0)
      expect(Math.fround(c[node])).toBe(c[node])
      if (feature[node] >= 0) expect(Math.abs(c[left[node]] + c[right[node]] - c[node])).toBeLessThan(1e-6 * c[node])
    }
    // A single tree's root cover is the training weight: one per row.
    if (model.family === 'tree') expect(c[roots[0]]).toBe(data.X.rows)
  })

  it('survives the JSON round trip; a model saved without it still predicts, and explains with background rows', () => {
    const model = fitted(families[2][1], 'binary', data.binary)
    const json = JSON.parse(JSON.stringify(model.toJSON()))
    expect(typeof json.trees.cover).toBe('string')
    const restored = modelFromJSON(json) as TreeModel
    expect(Array.from(restored.fittedState().ensemble.arrays.cover as Float64Array)).toEqual(Array.from(model.fittedState().ensemble.arrays.cover as Float64Array))
    expect(explainMatrix(restored, test.X, { featureNames: FEATURES }).contributions).toEqual(explainMatrix(model, test.X, { featureNames: FEATURES }).contributions)

    const { cover: _cover, ...older } = json.trees
    const old = modelFromJSON({ ...json, trees: older }) as TreeModel
    expect(old.predictProba(test.X)).toEqual(model.predictProba(test.X))
    expect(() => explainMatrix(old, test.X, { featureNames: FEATURES })).toThrow(expect.objectContaining({ code: 'explain-no-cover', message: expect.stringMatching(/saved before explanations existed.*train it again/) }))
    const withRows = explainMatrix(old, test.X, { featureNames: FEATURES, background: data.X })
    const raw = rawScores(old, test.X)
    for (let i = 0; i < test.X.rows; i++) expect(Math.abs(rowSum(withRows, i) + withRows.expectedValue[i] - raw[i])).toBeLessThan(1e-9)
  })

  it('a version-1 ensemble JSON with a damaged cover is refused, naming the field', () => {
    const json = fitted(families[0][1], 'binary', data.binary).toJSON().trees as Record<string, unknown>
    expect(() => TreeEnsemble.fromJSON({ ...json, cover: 'AAAA' }, 6)).toThrow(/trees\.cover/)
  })
})

describe('choosing the class explained', () => {
  const forest = fitted(families[1][1], 'binary', data.binary)
  const boosting = fitted(families[2][1], 'binary', data.binary)

  it('binary class 0: contributions negate; a forest’s class-0 share is 1 − the class-1 share', () => {
    for (const model of [forest, boosting]) {
      const one = explainMatrix(model, test.X, { featureNames: FEATURES })
      const zero = explainMatrix(model, test.X, { featureNames: FEATURES, forClass: new Int32Array(test.X.rows) })
      expect(Array.from(zero.contributions)).toEqual(Array.from(one.contributions, (v) => -v))
      const offset = model === forest ? 1 : 0
      for (let i = 0; i < test.X.rows; i++) expect(zero.expectedValue[i]).toBeCloseTo(offset - one.expectedValue[i], 14)
    }
  })

  it('refuses a class index out of range, naming it', () => {
    expect(() => explainMatrix(boosting, test.X, { featureNames: FEATURES, forClass: new Int32Array(test.X.rows).fill(2) })).toThrow(expect.objectContaining({ code: 'explain-bad-class', message: expect.stringMatching(/forClass\[0\] = 2 is not a class index 0…1/) }))
  })

  it('refuses feature names that do not match the matrix', () => {
    expect(() => explainMatrix(boosting, test.X, { featureNames: ['a'] })).toThrow(expect.objectContaining({ code: 'explain-feature-mismatch' }))
  })
})
