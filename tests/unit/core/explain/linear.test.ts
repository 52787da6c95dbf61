import { describe, expect, it } from 'vitest'
import { explainMatrix } from '../../../../src/core/explain'
import { LinearRegression } from '../../../../src/core/model/linear-regression'
import { LogisticRegression } from '../../../../src/core/model/logistic'
import { modelFromJSON } from '../../../../src/core/model/registry'
import type { Matrix } from '../../../../src/core/types'
import { baselineShapley } from './brute-force'
import { smallData } from './tree-fixtures'

const FEATURES = ['a', 'b', 'c', 'd', 'e', 'f']
const filled = (X: Matrix): Matrix => ({ ...X, data: X.data.map((v) => (Number.isNaN(v) ? 0 : v)) })
const data = smallData(5)
const X = filled(data.X)
const test = filled(smallData(6, 30).X)
const p = FEATURES.length

function columnMean(M: Matrix, j: number): number {
  let s = 0
  for (let i = 0; i < M.rows; i++) s += M.data[i * M.cols + j]
  return s / M.rows
}

describe('logistic regression', () => {
  const binary = new LogisticRegression({ C: 10 })
  binary.fit(X, data.binary)
  const multi = new LogisticRegression({ C: 10 })
  multi.fit(X, data.multiclass)

  it('binary: coef_j × (x_j − training mean_j), in log-odds; contributions + expected value = logit of P(class 1) (1e-9)', () => {
    const e = explainMatrix(binary, test, { featureNames: FEATURES })
    expect(e).toMatchObject({ method: 'linear', space: 'log-odds' })
    const { coef, intercept } = binary.coefficients()
    const means = FEATURES.map((_, j) => columnMean(X, j))
    const proba = binary.predictProba(test)
    for (let i = 0; i < test.rows; i++) {
      let sum = 0
      for (let j = 0; j < p; j++) {
        const expected = coef[0][j] * (test.data[i * p + j] - means[j])
        expect(Math.abs(e.contributions[i * p + j] - expected)).toBeLessThan(1e-12)
        sum += e.contributions[i * p + j]
      }
      expect(Math.abs(e.expectedValue[i] - (intercept[0] + coef[0].reduce((s, c, j) => s + c * means[j], 0)))).toBeLessThan(1e-12)
      const q = proba[i * 2 + 1]
      expect(Math.abs(sum + e.expectedValue[i] - Math.log(q / (1 - q)))).toBeLessThan(1e-9)
    }
  })

  it('multiclass: the predicted class’s margin, which the softmax turns into its probability', () => {
    const e = explainMatrix(multi, test, { featureNames: FEATURES })
    expect(e.space).toBe('margin')
    const { coef, intercept } = multi.coefficients()
    const predicted = multi.predict(test)
    for (let i = 0; i < test.rows; i++) {
      const c = (e.forClass as Int32Array)[i]
      expect(c).toBe(predicted[i])
      let margin = intercept[c]
      for (let j = 0; j < p; j++) margin += coef[c][j] * test.data[i * p + j]
      let sum = e.expectedValue[i]
      for (let j = 0; j < p; j++) sum += e.contributions[i * p + j]
      expect(Math.abs(sum - margin)).toBeLessThan(1e-9)
    }
  })

  it('equals the brute-force Shapley values of the margin against the training means', () => {
    const e = explainMatrix(binary, test, { featureNames: FEATURES })
    const { coef, intercept } = binary.coefficients()
    const f = (z: Float64Array) => intercept[0] + coef[0].reduce((s, c, j) => s + c * z[j], 0)
    const means = Float64Array.from(FEATURES, (_, j) => columnMean(X, j))
    const phi = baselineShapley(f, test.data.slice(0, p), means)
    for (let j = 0; j < p; j++) expect(Math.abs(e.contributions[j] - phi[j])).toBeLessThan(1e-12)
  })

  it('keeps the training means in its JSON; a model saved without them explains only with background rows', () => {
    const json = JSON.parse(JSON.stringify(binary.toJSON()))
    expect(json.featureMean).toHaveLength(p)
    const restored = modelFromJSON(json)
    expect(explainMatrix(restored, test, { featureNames: FEATURES })).toEqual(explainMatrix(binary, test, { featureNames: FEATURES }))
    const { featureMean: _means, ...older } = json
    const old = modelFromJSON(older)
    expect(old.predictProba(test)).toEqual(binary.predictProba(test))
    expect(() => explainMatrix(old, test, { featureNames: FEATURES })).toThrow(expect.objectContaining({ code: 'explain-no-means', message: expect.stringMatching(/logistic regression model was saved before explanations existed/) }))
    const withRows = explainMatrix(old, test, { featureNames: FEATURES, background: X })
    const current = explainMatrix(binary, test, { featureNames: FEATURES })
    for (let k = 0; k < withRows.contributions.length; k++) expect(Math.abs(withRows.contributions[k] - current.contributions[k])).toBeLessThan(1e-12)
  })
})

describe('linear regression', () => {
  const model = new LinearRegression({ alpha: 0.5 })
  model.fit(X, data.regression)

  it('contributions + expected value = the prediction (1e-9); the expected value is the prediction at the means', () => {
    const e = explainMatrix(model, test, { featureNames: FEATURES })
    expect(e).toMatchObject({ method: 'linear', space: 'value', forClass: null })
    const predicted = model.predict(test)
    const atMeans = model.predict({ rows: 1, cols: p, data: Float64Array.from(FEATURES, (_, j) => columnMean(X, j)) })[0]
    for (let i = 0; i < test.rows; i++) {
      let sum = e.expectedValue[i]
      for (let j = 0; j < p; j++) sum += e.contributions[i * p + j]
      expect(Math.abs(sum - predicted[i])).toBeLessThan(1e-9)
      expect(Math.abs(e.expectedValue[i] - atMeans)).toBeLessThan(1e-9)
    }
  })

  it('a model saved without training means is refused with a message naming the family', () => {
    const { featureMean: _means, ...older } = JSON.parse(JSON.stringify(model.toJSON()))
    expect(() => explainMatrix(modelFromJSON(older), test, { featureNames: FEATURES })).toThrow(/linear regression model was saved before explanations existed/)
  })
})
