import { describe, expect, it } from 'vitest'
import { LinearRegression } from '../../../../src/core/model/linear-regression'
import { createRandom } from '../../../../src/core/random'
import type { Matrix } from '../../../../src/core/types'
import { fixtureDataset, linearFixture, maxAbsDiff } from './linear-fixtures'

/**
 * Tolerance: both sides solve the same linear system in double precision
 * (scikit-learn: lstsq / Cholesky; here: Cholesky on centred normal equations,
 * or QR + SVD for collinear columns), well conditioned on these data, so the
 * answers agree to rounding — measured ≤ 7e-14 relative to the largest
 * coefficient. 1e-10 relative leaves room for other machines' rounding while
 * still far inside the ~1e-8 a solver bug could hide in.
 */
const RELATIVE_TOLERANCE = 1e-10

describe(`linear regression against scikit-learn ${linearFixture.sklearn}`, () => {
  it.each(linearFixture.linreg.map((c) => [c.name, c] as const))('%s: same coefficients and intercept', (_, c) => {
    const { X, y } = fixtureDataset(c.dataset)
    const model = new LinearRegression(c.params)
    const report = model.fit(X, y, { sampleWeight: c.sampleWeight ? Float64Array.from(c.sampleWeight) : undefined })
    expect(report).toMatchObject({ iterations: 1, converged: true })
    const { coef, intercept } = model.coefficients()
    const scale = Math.max(...c.coef.map(Math.abs))
    expect(maxAbsDiff(coef, c.coef) / scale).toBeLessThan(RELATIVE_TOLERANCE)
    expect(Math.abs(intercept - c.intercept) / Math.max(1, Math.abs(c.intercept))).toBeLessThan(RELATIVE_TOLERANCE)
  })
})

describe('linear regression with collinear columns', () => {
  const full = fixtureDataset('diabetes')
  const collinear = fixtureDataset('diabetes_collinear')

  it('OLS falls back to the minimum-norm SVD solve and predicts exactly as without the redundant columns', () => {
    const model = new LinearRegression()
    model.fit(collinear.X, collinear.y)
    expect(model.solverInfo()).toEqual({ solver: 'svd', rank: 10 })
    const reference = new LinearRegression()
    reference.fit(full.X, full.y)
    expect(reference.solverInfo()).toEqual({ solver: 'cholesky', rank: 10 })
    expect(maxAbsDiff(model.predict(collinear.X), reference.predict(full.X))).toBeLessThan(1e-9)
    const coef = model.coefficients().coef
    expect(coef[2]).toBeCloseTo(coef[10], 9) // the copy shares the weight equally
  })

  it('ridge stays on Cholesky: the penalty makes the system positive definite', () => {
    const model = new LinearRegression({ alpha: 0.1 })
    model.fit(collinear.X, collinear.y)
    expect(model.solverInfo().solver).toBe('cholesky')
  })

  it('copes with a constant column and with more columns than rows', () => {
    const random = createRandom(5)
    const rows = 6
    const cols = 9
    const data = Float64Array.from({ length: rows * cols }, (_, i) => (i % cols === 3 ? 7 : random.normal()))
    const y = Float64Array.from({ length: rows }, () => random.normal())
    const model = new LinearRegression()
    model.fit({ rows, cols, data }, y)
    expect(model.solverInfo().solver).toBe('svd')
    expect(model.coefficients().coef[3]).toBe(0)
    // Under-determined: the fit interpolates the training rows.
    expect(maxAbsDiff(model.predict({ rows, cols, data }), y)).toBeLessThan(1e-9)
  })
})

describe('linear regression contract', () => {
  const { X, y } = fixtureDataset('diabetes')

  it('predicts b + x·w, and importance is |w| × the feature standard deviation', () => {
    const model = new LinearRegression()
    model.fit(X, y)
    const { coef, intercept } = model.coefficients()
    const first = model.predict({ rows: 1, cols: X.cols, data: X.data.subarray(0, X.cols) })[0]
    expect(first).toBeCloseTo(intercept + coef.reduce((s, w, j) => s + w * X.data[j], 0), 10)
    const importance = model.featureImportance()
    const column = Float64Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + 2])
    const mean = column.reduce((a, b) => a + b, 0) / X.rows
    const std = Math.sqrt(column.reduce((a, v) => a + (v - mean) ** 2, 0) / X.rows)
    expect(importance[2]).toBeCloseTo(Math.abs(coef[2]) * std, 10)
  })

  it('treats sample weights as relative: ridge with every weight 2 equals ridge without weights', () => {
    const fit = (sampleWeight?: Float64Array): Float64Array => {
      const model = new LinearRegression({ alpha: 0.5 })
      model.fit(X, y, { sampleWeight })
      return model.predict(X)
    }
    expect(fit(new Float64Array(X.rows).fill(2))).toEqual(fit())
  })

  it('a weight of 0 drops the row', () => {
    const weights = new Float64Array(X.rows).fill(1)
    weights.fill(0, 0, 40)
    const weighted = new LinearRegression()
    weighted.fit(X, y, { sampleWeight: weights })
    const dropped = new LinearRegression()
    dropped.fit(rowsFrom(X, 40), y.subarray(40))
    expect(maxAbsDiff(weighted.coefficients().coef, dropped.coefficients().coef)).toBeLessThan(1e-9)
  })

  it('refuses classification, missing values and bad parameters with clear errors', () => {
    expect(() => new LinearRegression().fit(X, y, { task: 'binary' })).toThrow(/predicts numbers, not binary classes/)
    const holes = Float64Array.from(X.data)
    holes[5] = NaN
    expect(() => new LinearRegression().fit({ ...X, data: holes }, y)).toThrow(/NaN at row 0, column 5; impute missing values first/)
    expect(() => new LinearRegression({ alpha: -1 })).toThrow(/alpha = -1 is invalid; expected a number in \[0, 1000000\]/)
    expect(() => new LinearRegression({ C: 1 } as never)).toThrow(/unknown parameter "C"/)
  })

  it('is not a classifier: predictProba throws, before and after fitting for different reasons', () => {
    const model = new LinearRegression()
    expect(() => model.predictProba(X)).toThrow(/not fitted/)
    model.fit(X, y)
    expect(model.isClassifier).toBe(false)
    expect(() => model.predictProba(X)).toThrow(/regression/)
  })

  it('round-trips through JSON and names a malformed field', () => {
    const model = new LinearRegression({ alpha: 2, fitIntercept: false })
    model.fit(X, y)
    const json = JSON.parse(JSON.stringify(model.toJSON()))
    expect(LinearRegression.fromJSON(json).predict(X)).toEqual(model.predict(X))
    expect(() => LinearRegression.fromJSON({ ...json, coef: [1, 2] })).toThrow(/field "coef" must be an array of 10 numbers/)
  })
})

function rowsFrom(X: Matrix, start: number): Matrix {
  return { rows: X.rows - start, cols: X.cols, data: X.data.subarray(start * X.cols) }
}
