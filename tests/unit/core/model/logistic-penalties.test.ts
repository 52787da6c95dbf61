import { describe, expect, it } from 'vitest'
import { LogisticRegression, type LogisticParams } from '../../../../src/core/model/logistic'
import { createRandom } from '../../../../src/core/random'
import type { Matrix } from '../../../../src/core/types'
import { fixtureDataset, linearFixture, maxAbsDiff } from './linear-fixtures'

/**
 * Tolerances. Fits run to a pseudo-gradient tolerance of 1e-13 on the mean
 * objective. scikit-learn's own answers are within 1e-11 of the exact optimum
 * (each case's `kkt`, at most 1.3e-11 — newton-cg for L2 — and ≤ 1e-13 for
 * saga). A gradient error g moves coefficients by about g / (smallest
 * curvature); breast cancer's correlated columns make that curvature ~1e-3,
 * so 1e-8 bounds the difference with margin (measured: ≤ 1.1e-9 for L2 and
 * ≤ 2e-11 for L1 / elastic net).
 */
const COEF_TOLERANCE = 1e-8

describe(`penalised logistic regression against scikit-learn ${linearFixture.sklearn}`, () => {
  it.each(linearFixture.logistic.map((c) => [c.name, c] as const))('%s: same coefficients and intercepts', (_, c) => {
    expect(c.kkt).toBeLessThan(1e-10) // the reference itself is at the optimum
    const { X, y } = fixtureDataset(c.dataset)
    const model = new LogisticRegression({ ...c.params, tolerance: 1e-13, maxIterations: 20000 })
    const report = model.fit(X, y)
    expect(report.converged).toBe(true)
    expect(report.iterations).toBeLessThan(20000)
    const { coef, intercept } = model.coefficients()
    expect(maxAbsDiff(coef.flat(), c.coef.flat())).toBeLessThan(COEF_TOLERANCE)
    expect(maxAbsDiff(intercept, c.params.fitIntercept ? c.intercept : c.intercept.map(() => 0))).toBeLessThan(COEF_TOLERANCE)
    // L1 zeros are exact (OWL-QN projects onto zero, saga soft-thresholds): the same features are dropped.
    expect(coef.flat().map((w) => w === 0)).toEqual(c.coef.flat().map((w) => w === 0))
    expect(coef.flat().filter((w) => w !== 0).length).toBe(c.nonzero)
  })

  it('agrees to 4 decimals with the default tolerance', () => {
    const c = linearFixture.logistic.find((k) => k.name === 'breast_cancer-l1-C0.1')!
    const { X, y } = fixtureDataset(c.dataset)
    const model = new LogisticRegression(c.params)
    expect(model.fit(X, y).converged).toBe(true)
    expect(maxAbsDiff(model.coefficients().coef.flat(), c.coef.flat())).toBeLessThan(1e-4)
  })
})

describe('logistic regression penalties', () => {
  const wine = fixtureDataset('wine')
  const cancer = fixtureDataset('breast_cancer')

  it('L1 zeroes coefficients, more of them as C shrinks', () => {
    const nonzero = (C: number): number => {
      const model = new LogisticRegression({ penalty: 'l1', C })
      model.fit(cancer.X, cancer.y)
      return model.coefficients().coef[0].filter((w) => w !== 0).length
    }
    const counts = [1, 0.1, 0.01].map(nonzero)
    expect(counts[0]).toBeGreaterThan(counts[1])
    expect(counts[1]).toBeGreaterThan(counts[2])
    expect(nonzero(0.0001)).toBe(0) // a strong enough L1 penalty leaves only the intercept
  })

  it('elastic net with l1Ratio 1 is L1 and with l1Ratio 0 is L2', () => {
    const fit = (params: Partial<LogisticParams>): number[] => {
      const model = new LogisticRegression({ C: 0.3, tolerance: 1e-12, maxIterations: 5000, ...params })
      model.fit(cancer.X, cancer.y)
      return model.coefficients().coef.flat()
    }
    expect(maxAbsDiff(fit({ penalty: 'elasticnet', l1Ratio: 1 }), fit({ penalty: 'l1' }))).toBeLessThan(1e-8)
    expect(maxAbsDiff(fit({ penalty: 'elasticnet', l1Ratio: 0 }), fit({ penalty: 'l2' }))).toBeLessThan(1e-8)
  })

  it.each(['l2', 'l1', 'elasticnet', 'none'] as const)('multinomial works with penalty %s', (penalty) => {
    // 'none' on wine would be separable (coefficients grow without bound), so it gets noisy synthetic classes.
    const { X, y } = penalty === 'none' ? noisyClasses(300, 4, 3, 7) : wine
    const model = new LogisticRegression({ penalty, C: 0.5, maxIterations: 2000 })
    const report = model.fit(X, y)
    expect(report.converged).toBe(true)
    expect(model.coefficients().coef.length).toBe(3)
    const proba = model.predictProba(X)
    for (let i = 0; i < X.rows; i++) expect(proba[i * 3] + proba[i * 3 + 1] + proba[i * 3 + 2]).toBeCloseTo(1, 12)
    const accuracy = model.predict(X).filter((c, i) => c === y[i]).length / X.rows
    expect(accuracy).toBeGreaterThan(penalty === 'none' ? 0.6 : 0.9)
  })

  it('treats sample weights as relative: all 2 is no weights, and scaling every weight changes nothing', () => {
    const fit = (sampleWeight?: Float64Array): Float64Array => {
      const model = new LogisticRegression({ penalty: 'elasticnet', C: 0.2 })
      model.fit(wine.X, wine.y, { sampleWeight })
      return model.predictProba(wine.X)
    }
    const plain = fit()
    expect(fit(new Float64Array(wine.X.rows).fill(2))).toEqual(plain)
    const random = createRandom(3)
    const weights = Float64Array.from({ length: wine.X.rows }, () => 0.5 + random.next())
    expect(maxAbsDiff(fit(Float64Array.from(weights, (w) => 7 * w)), fit(weights))).toBeLessThan(1e-12)
    expect(maxAbsDiff(fit(weights), plain)).toBeGreaterThan(1e-6) // the weights do matter
  })

  it('rejects bad sample weights, naming the row', () => {
    const weights = new Float64Array(wine.X.rows).fill(1)
    weights[4] = -1
    expect(() => new LogisticRegression().fit(wine.X, wine.y, { sampleWeight: weights })).toThrow(/sampleWeight at row 4 is -1/)
  })

  it('round-trips penalty settings through JSON and reads JSON written before penalties existed as L2', () => {
    const model = new LogisticRegression({ penalty: 'l1', C: 0.1 })
    model.fit(wine.X, wine.y)
    const json = JSON.parse(JSON.stringify(model.toJSON()))
    expect(json.params).toMatchObject({ penalty: 'l1', C: 0.1 })
    const restored = LogisticRegression.fromJSON(json)
    expect(restored.params.penalty).toBe('l1')
    expect(restored.predictProba(wine.X)).toEqual(model.predictProba(wine.X))
    const legacy = { ...json, params: { C: 1, maxIterations: 500, tolerance: 1e-6, fitIntercept: true, classWeight: 'none' } }
    expect(LogisticRegression.fromJSON(legacy).params.penalty).toBe('l2')
  })

  it('names a bad penalty or l1Ratio and the allowed values', () => {
    expect(() => new LogisticRegression({ penalty: 'lasso' as never })).toThrow(/penalty = "lasso" is invalid; expected one of l2, l1, elasticnet, none/)
    expect(() => new LogisticRegression({ l1Ratio: 1.5 })).toThrow(/l1Ratio = 1.5 is invalid; expected a number in \[0, 1\]/)
  })
})

describe('logistic regression convergence', () => {
  const { X, y } = fixtureDataset('breast_cancer')

  it.each(['l1', 'elasticnet'] as const)('%s: the reported optimum satisfies the optimality (KKT) conditions', (penalty) => {
    const C = 0.2
    const l1Ratio = 0.4
    const model = new LogisticRegression({ penalty, C, l1Ratio, tolerance: 1e-10 })
    const report = model.fit(X, y)
    expect(report.converged).toBe(true)
    expect(report.iterations).toBeGreaterThan(5)
    expect(Number.isFinite(report.finalLoss)).toBe(true)
    // Mean-objective gradient of the smooth part: Xᵀ(p − y)/n + l2·w; at the optimum it is −λ·sign(w) where w ≠ 0 and within [−λ, λ] where w = 0.
    const { coef, intercept } = model.coefficients()
    const w = coef[0]
    const n = X.rows
    const l1 = (penalty === 'l1' ? 1 : l1Ratio) / (C * n)
    const l2 = (penalty === 'l1' ? 0 : 1 - l1Ratio) / (C * n)
    const grad = new Float64Array(X.cols)
    let interceptGrad = 0
    for (let i = 0; i < n; i++) {
      let s = intercept[0]
      for (let j = 0; j < X.cols; j++) s += w[j] * X.data[i * X.cols + j]
      const r = 1 / (1 + Math.exp(-s)) - y[i]
      interceptGrad += r / n
      for (let j = 0; j < X.cols; j++) grad[j] += (r * X.data[i * X.cols + j]) / n
    }
    expect(Math.abs(interceptGrad)).toBeLessThan(1e-9)
    w.forEach((wj, j) => {
      const g = grad[j] + l2 * wj
      if (wj !== 0) expect(Math.abs(g + l1 * Math.sign(wj))).toBeLessThan(1e-9)
      else expect(Math.abs(g)).toBeLessThanOrEqual(l1 + 1e-9)
    })
  })

  it('reports not converged when the iteration limit stops it first', () => {
    const report = new LogisticRegression({ penalty: 'l1', C: 0.1, maxIterations: 3 }).fit(X, y)
    expect(report).toMatchObject({ iterations: 3, converged: false })
    const l2 = new LogisticRegression({ maxIterations: 3, tolerance: 1e-12 }).fit(X, y)
    expect(l2).toMatchObject({ iterations: 3, converged: false })
  })

  it('reports progress every iteration, with the objective falling', () => {
    const losses: number[] = []
    const done: number[] = []
    const report = new LogisticRegression({ penalty: 'l1', C: 0.1 }).fit(X, y, {
      onProgress: (p) => {
        done.push(p.done)
        losses.push(p.loss!)
        expect(p.unit).toBe('iteration')
      },
    })
    expect(done).toEqual(done.map((_, i) => i + 1))
    expect(done.length).toBe(report.iterations)
    expect(losses[losses.length - 1]).toBe(report.finalLoss)
    expect(losses[losses.length - 1]).toBeLessThan(losses[0])
  })

  it('stops an L1 fit when the signal is aborted', () => {
    const controller = new AbortController()
    const model = new LogisticRegression({ penalty: 'l1', tolerance: 1e-12 })
    expect(() => model.fit(X, y, { signal: controller.signal, onProgress: (p) => p.done === 2 && controller.abort() })).toThrow(/cancelled/)
  })
})

/** Classes from noisy linear scores: overlapping, so even an unpenalised fit has a finite optimum. */
function noisyClasses(n: number, p: number, classes: number, seed: number): { X: Matrix; y: Float64Array } {
  const random = createRandom(seed)
  const data = Float64Array.from({ length: n * p }, () => random.normal())
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let best = 0
    let bestScore = -Infinity
    for (let c = 0; c < classes; c++) {
      const score = data[i * p + (c % p)] * 1.5 + random.normal()
      if (score > bestScore) {
        bestScore = score
        best = c
      }
    }
    y[i] = best
  }
  return { X: { rows: n, cols: p, data }, y }
}
