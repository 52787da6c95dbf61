import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LogisticRegression } from '../../../../src/core/model/logistic'
import type { Matrix } from '../../../../src/core/types'

interface Case {
  name: string
  X: number[][]
  y: number[]
  params: { C: number; classWeight: 'none' | 'balanced'; fitIntercept: boolean }
  coef: number[][]
  intercept: number[]
  proba_first5: number[][]
}

const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/reference/logistic.json', import.meta.url), 'utf8')) as { sklearn: string; cases: Case[] }

function toMatrix(rows: number[][]): Matrix {
  const cols = rows[0].length
  return { rows: rows.length, cols, data: Float64Array.from(rows.flat()), }
}

describe(`logistic regression against scikit-learn ${fixture.sklearn}`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: same coefficients, intercepts and probabilities', (_, c) => {
    const model = new LogisticRegression({ ...c.params, tolerance: 1e-10, maxIterations: 10000 })
    const X = toMatrix(c.X)
    const report = model.fit(X, Float64Array.from(c.y))
    expect(report.converged).toBe(true)
    const { coef, intercept } = model.coefficients()
    expect(coef.length).toBe(c.coef.length)
    coef.forEach((row, k) => row.forEach((w, j) => expect(w).toBeCloseTo(c.coef[k][j], 5)))
    intercept.forEach((b, k) => expect(b).toBeCloseTo(c.params.fitIntercept ? c.intercept[k] : 0, 5))
    const proba = model.predictProba(toMatrix(c.X.slice(0, 5)))
    const k = c.proba_first5[0].length
    c.proba_first5.forEach((row, i) => row.forEach((p, j) => expect(proba[i * k + j]).toBeCloseTo(p, 6)))
  })

  it('reaches the same optimum with the default tolerance to 3 decimals', () => {
    const c = fixture.cases[0]
    const model = new LogisticRegression(c.params)
    model.fit(toMatrix(c.X), Float64Array.from(c.y))
    model.coefficients().coef[0].forEach((w, j) => expect(w).toBeCloseTo(c.coef[0][j], 3))
  })
})

describe('logistic regression contract', () => {
  const c = fixture.cases[4]
  const X = toMatrix(c.X)
  const y = Float64Array.from(c.y)

  it('refuses to predict before fitting', () => {
    expect(() => new LogisticRegression().predict(X)).toThrow(/not fitted/)
  })

  it('names a bad parameter and its range', () => {
    expect(() => new LogisticRegression({ C: 0 })).toThrow(/C = 0 is invalid; expected a number in \(0, 1000000\]/)
    expect(() => new LogisticRegression({ maxIterations: 2.5 })).toThrow(/maxIterations = 2.5 .* integer/)
    expect(() => new LogisticRegression({ classWeight: 'heavy' as never })).toThrow(/classWeight .* none, balanced/)
    expect(() => new LogisticRegression({ alpha: 1 } as never)).toThrow(/unknown parameter "alpha"/)
  })

  it('is deterministic and round-trips through JSON', () => {
    const a = new LogisticRegression()
    a.fit(X, y)
    const b = new LogisticRegression()
    b.fit(X, y)
    expect(Array.from(b.predictProba(X))).toEqual(Array.from(a.predictProba(X)))
    const restored = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(a.toJSON())))
    expect(Array.from(restored.predictProba(X))).toEqual(Array.from(a.predictProba(X)))
  })

  it('predicts a subset as that subset of the predictions', () => {
    const model = new LogisticRegression()
    model.fit(X, y)
    const all = model.predictProba(X)
    const part = model.predictProba(toMatrix(c.X.slice(10, 20)))
    expect(Array.from(part)).toEqual(Array.from(all.subarray(10 * 3, 20 * 3)))
  })

  it('rejects missing values with a message to impute', () => {
    const bad = toMatrix([[1, NaN], [0, 1]])
    expect(() => new LogisticRegression().fit(bad, Float64Array.from([0, 1]))).toThrow(/NaN at row 0, column 1; impute/)
  })

  it('stops when the signal is aborted', () => {
    const controller = new AbortController()
    const model = new LogisticRegression({ tolerance: 1e-12 })
    expect(() =>
      model.fit(X, y, { signal: controller.signal, onProgress: (p) => p.done === 2 && controller.abort() }),
    ).toThrow(/cancelled/)
  })

  it('reports progress every iteration', () => {
    const done: number[] = []
    new LogisticRegression().fit(X, y, { onProgress: (p) => done.push(p.done) })
    expect(done.length).toBeGreaterThan(3)
    expect(done).toEqual(done.map((_, i) => i + 1))
  })
})
