import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { accuracy, classifierAuc, f1Score, logLoss } from '../../../../src/core/metrics/classification'
import { balancedAccuracy, brierScore, calibrationCurve, classifierAveragePrecision, rates } from '../../../../src/core/metrics/classification-extra'
import { mae, mape, r2, rmse } from '../../../../src/core/metrics/regression'

interface ClassCase {
  name: string
  classes: number
  y: number[]
  proba: number[][]
  pred: number[]
  [metric: string]: unknown
}

const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/reference/metrics.json', import.meta.url), 'utf8')) as {
  sklearn: string
  classification: ClassCase[]
  regression: { y: number[]; pred: number[]; rmse: number; mae: number; r2: number; mape: number }
}

describe(`classification metrics against scikit-learn ${fixture.sklearn}`, () => {
  it.each(fixture.classification.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const proba = Float64Array.from(c.proba.flat())
    const k = c.classes
    const r = rates(c.y, c.pred, k)
    expect(accuracy(c.y, c.pred)).toBeCloseTo(c.accuracy as number, 12)
    expect(balancedAccuracy(c.y, c.pred, k)).toBeCloseTo(c.balancedAccuracy as number, 12)
    expect(r.precision).toBeCloseTo(c.precision as number, 12)
    expect(r.recall).toBeCloseTo(c.recall as number, 12)
    expect(r.specificity).toBeCloseTo(c.specificity as number, 12)
    expect(f1Score(c.y, c.pred, k)).toBeCloseTo(c.f1 as number, 12)
    expect(classifierAuc(c.y, proba, k)).toBeCloseTo(c.auc as number, 12)
    expect(classifierAveragePrecision(c.y, proba, k)).toBeCloseTo(c.averagePrecision as number, 12)
    expect(logLoss(c.y, proba, k)).toBeCloseTo(c.logLoss as number, 10)
    expect(brierScore(c.y, proba, k)).toBeCloseTo(c.brier as number, 12)
    if (c.calibration5) {
      const curve = calibrationCurve(c.y.map((v) => v === 1), c.proba.map((row) => row[1]), 5)
      const ref = c.calibration5 as { observed: number[]; predicted: number[] }
      expect(curve.observed.length).toBe(ref.observed.length)
      curve.observed.forEach((v, i) => expect(v).toBeCloseTo(ref.observed[i], 12))
      curve.predicted.forEach((v, i) => expect(v).toBeCloseTo(ref.predicted[i], 12))
    }
  })
})

describe('regression metrics against scikit-learn', () => {
  it('rmse, mae, r2, mape', () => {
    const { y, pred } = fixture.regression
    expect(rmse(y, pred)).toBeCloseTo(fixture.regression.rmse, 12)
    expect(mae(y, pred)).toBeCloseTo(fixture.regression.mae, 12)
    expect(r2(y, pred)).toBeCloseTo(fixture.regression.r2, 12)
    expect(mape(y, pred)).toBeCloseTo(fixture.regression.mape, 12)
  })
})

describe('undefined rather than NaN', () => {
  it('a fold with one class gives null AUC, PR AUC and specificity where they cannot exist', () => {
    const y = [1, 1, 1]
    const proba = Float64Array.from([0.2, 0.8, 0.4, 0.6, 0.1, 0.9])
    expect(classifierAuc(y, proba, 2)).toBeNull()
    expect(rates(y, [1, 1, 1], 2).specificity).toBeNull()
    expect(classifierAveragePrecision([0, 0], Float64Array.from([0.5, 0.5, 0.4, 0.6]), 2)).toBeNull()
    expect(r2([3, 3, 3], [3, 2, 4])).toBeNull()
  })
})
