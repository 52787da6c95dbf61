import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { SelectionPlan } from '../../../../src/core/pipeline/config'
import { pearson } from '../../../../src/core/pipeline/correlation'
import { fRegression } from '../../../../src/core/pipeline/f-regression'
import { mutualInformation, quantileEdges } from '../../../../src/core/pipeline/mutual-info'
import { Selector } from '../../../../src/core/pipeline/select'
import { createRandom } from '../../../../src/core/random'
import type { Table, Task } from '../../../../src/core/types'
import { num, table, viaJSON, type PipelineFixture } from './tables'

const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/reference/pipeline.json', import.meta.url), 'utf8')) as PipelineFixture
const OFF: SelectionPlan = { varianceThreshold: null, correlationThreshold: null, topK: null }
const names = (t: Table): string[] => t.columns.map((c) => c.name)

function select(t: Table, plan: Partial<SelectionPlan>, y?: Float64Array, task?: Task): Selector {
  const step = new Selector({ ...OFF, ...plan }, task)
  step.fit(t, { y })
  return step
}

describe('variance threshold', () => {
  // Population variances: a 0, b 0.1875, c 0.25
  const t = table(num('a', [1, 1, 1, 1]), num('b', [0, 0, 0, 1]), num('c', [0, 1, 0, 1]))

  it('drops features with training variance at or below the threshold', () => {
    expect(names(select(t, { varianceThreshold: 0 }).transform(t))).toEqual(['b', 'c'])
    expect(names(select(t, { varianceThreshold: 0.1875 }).transform(t))).toEqual(['c'])
  })

  it('a constant column has variance exactly 0 even when its mean does not round-trip', () => {
    const shifted = table(num('k', [0.1, 0.1, 0.1].map((v) => v - (0.1 + 0.1 + 0.1) / 3)), num('c', [0, 1, 0]))
    expect(names(select(shifted, { varianceThreshold: 0 }).transform(shifted))).toEqual(['c'])
  })

  it('ignores missing cells, and an all-missing column counts as variance 0', () => {
    const m = table(num('a', [1, NaN, 1, Infinity]), num('e', [NaN, NaN, NaN, NaN]), num('c', [0, 1, 0, 1]))
    expect(names(select(m, { varianceThreshold: 0 }).transform(m))).toEqual(['c'])
  })

  it('matches scikit-learn VarianceThreshold variances', () => {
    const X = fixture.selection.X
    const f = table(...X[0].map((_, j) => num(`f${j}`, X.map((row) => row[j]))))
    const step = select(f, { varianceThreshold: 0 })
    const json = step.toJSON() as unknown as { dropped: { name: string; value: number }[]; kept: string[] }
    expect(json.dropped).toEqual([{ name: 'f3', reason: 'variance', value: 0 }])
    // Each column next to a wide one, with a threshold just above its fixture variance: it is dropped, reporting its variance.
    fixture.selection.variances.forEach((v, j) => {
      const pair = table(num(`f${j}`, X.map((row) => row[j])), num('wide', X.map((_, i) => i * 1000)))
      const report = select(pair, { varianceThreshold: v * (1 + 1e-9) }).toJSON() as unknown as { dropped: { value: number }[] }
      if (v === 0) expect(report.dropped[0].value).toBe(0)
      else expect(report.dropped[0].value / v).toBeCloseTo(1, 12)
    })
  })
})

describe('correlation filter', () => {
  it('drops the later of each highly correlated pair, by |r|', () => {
    const t = table(num('a', [1, 2, 3, 4, 5]), num('b', [3, 5, 7, 9, 11]), num('c', [5, 4, 3, 2, 1]), num('d', [1, 0, 1, 0, 1]))
    const step = select(t, { correlationThreshold: 0.9 })
    expect(names(step.transform(t))).toEqual(['a', 'd'])
    expect(step.describe().slice(0, 2).map((d) => d.detail)).toEqual(['dropped b: |r| = 1 with a exceeds 0.9', 'dropped c: |r| = 1 with a exceeds 0.9'])
  })

  it('a dropped feature causes no further drops', () => {
    const random = createRandom(7)
    const n = 2000
    const x1 = Float64Array.from({ length: n }, () => random.normal())
    const x2 = Float64Array.from(x1, (v) => v + 0.35 * random.normal())
    const x3 = Float64Array.from(x2, (v) => v + 0.35 * random.normal())
    // Preconditions: x2 is close to x1 and x3 to x2, but x3 not to x1.
    expect(Math.abs(pearson(x1, x2, 0, 0))).toBeGreaterThan(0.92)
    expect(Math.abs(pearson(x2, x3, 0, 0))).toBeGreaterThan(0.92)
    expect(Math.abs(pearson(x1, x3, 0, 0))).toBeLessThan(0.92)
    const t = table({ name: 'x1', type: 'number', values: x1 }, { name: 'x2', type: 'number', values: x2 }, { name: 'x3', type: 'number', values: x3 })
    expect(select(t, { correlationThreshold: 0.92 }).kept).toEqual(['x1', 'x3'])
  })

  it('complete columns (dot-product path) and columns with gaps (pairwise path) give the same r', () => {
    const random = createRandom(8)
    const x = Float64Array.from({ length: 1000 }, () => random.normal())
    const z = Float64Array.from(x, (v) => v + random.normal())
    const gappy = Float64Array.from(z, (v, i) => (i === 0 ? NaN : v))
    const r = pearson(x, z, 0, 0)
    const drop = (a: Float64Array, b: Float64Array): number => {
      const json = select(table({ name: 'a', type: 'number', values: a }, { name: 'b', type: 'number', values: b }), { correlationThreshold: 0.1 }).toJSON() as unknown as { dropped: { value: number }[] }
      return json.dropped[0].value
    }
    expect(drop(x, z)).toBeCloseTo(r, 12)
    expect(drop(x, gappy)).toBeCloseTo(pearson(x.subarray(1), z.subarray(1), 0, 0), 12)
  })

  it('above 100,000 training rows, r is estimated on 100,000 evenly spaced rows and the summary says so', () => {
    const random = createRandom(9)
    const n = 150_000
    const x = Float64Array.from({ length: n }, () => random.normal())
    const z = Float64Array.from(x, (v) => v + 0.1 * random.normal())
    const t = table({ name: 'x', type: 'number', values: x }, { name: 'z', type: 'number', values: z })
    const step = select(t, { correlationThreshold: 0.9 })
    expect(step.kept).toEqual(['x'])
    const json = step.toJSON() as unknown as { dropped: { value: number }[] }
    expect(json.dropped[0].value).toBeCloseTo(pearson(x, z, 0, 0), 3)
    expect(step.describe()[0].detail).toMatch(/^dropped z: \|r\| = 0\.99\d* with x exceeds 0\.9 \(r from 100,000 evenly spaced of 150,000 training rows\)$/)
  })

  it('pearson: hand values, missing rows skipped pairwise, constant → 0', () => {
    // x = [1, 2, 3], y = [1, 3, 2]: cov 0.5·2/3… r = 0.5
    expect(pearson(Float64Array.of(1, 2, 3), Float64Array.of(1, 3, 2), 0, 0)).toBeCloseTo(0.5, 15)
    expect(pearson(Float64Array.of(1, 2, NaN, 3), Float64Array.of(1, 3, 100, 2), 2, 0)).toBeCloseTo(0.5, 15)
    expect(pearson(Float64Array.of(1, 1, 1), Float64Array.of(1, 3, 2), 0, 0)).toBe(0)
  })
})

describe('mutual information (quantile bins)', () => {
  it('a binary feature equal to a balanced class carries ln 2 nats', () => {
    const y = Float64Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : 1))
    expect(Array.from(quantileEdges(y))).toEqual([0, 0.5, 1])
    expect(mutualInformation(y, y, 2)).toBe(Math.LN2)
  })

  it('is 0 for an independent feature', () => {
    expect(mutualInformation(Float64Array.of(0, 1, 0, 1), Float64Array.of(0, 0, 1, 1), 2)).toBe(0)
  })

  it('missing values form their own bin, so informative missingness counts', () => {
    expect(mutualInformation(Float64Array.of(NaN, NaN, 1, 1), Float64Array.of(0, 0, 1, 1), 2)).toBeCloseTo(Math.LN2, 15)
    expect(mutualInformation(Float64Array.of(Infinity, -Infinity, 1, 1), Float64Array.of(0, 0, 1, 1), 2)).toBeCloseTo(Math.LN2, 15)
  })

  it('a continuous feature uses 10 quantile bins (9 interior edges)', () => {
    const x = Float64Array.from({ length: 101 }, (_, i) => i)
    expect(Array.from(quantileEdges(x))).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90])
  })

  it('top-k picks the informative feature for classification', () => {
    const random = createRandom(3)
    const n = 500
    const y = Float64Array.from({ length: n }, () => random.int(3))
    const signal = Float64Array.from(y, (c) => c * 2 + random.normal())
    const noise1 = Float64Array.from(y, () => random.normal())
    const noise2 = Float64Array.from(y, () => random.next())
    const t = table({ name: 'noise1', type: 'number', values: noise1 }, { name: 'signal', type: 'number', values: signal }, { name: 'noise2', type: 'number', values: noise2 })
    const step = select(t, { topK: 1 }, y, 'multiclass')
    expect(step.kept).toEqual(['signal'])
    expect(names(step.transform(t))).toEqual(['signal'])
  })
})

describe('F-statistic (regression)', () => {
  it('matches scikit-learn f_regression', () => {
    const X = fixture.selection.X
    const y = Float64Array.from(fixture.selection.y)
    fixture.selection.f.forEach((expected, j) => {
      const f = fRegression(Float64Array.from(X, (row) => row[j]), y).f
      if (expected === 0) expect(f).toBe(0)
      else expect(f / expected).toBeCloseTo(1, 12)
    })
  })

  it('hand value: r = 0.5 over 6 rows gives F = (0.25 / 0.75) · 4', () => {
    // x = [1, 2, 3, 1, 2, 3], y = [1, 3, 2, 1, 3, 2]: r = 0.5
    const { f, r } = fRegression(Float64Array.of(1, 2, 3, 1, 2, 3), Float64Array.of(1, 3, 2, 1, 3, 2))
    expect(r).toBeCloseTo(0.5, 15)
    expect(f).toBeCloseTo(4 / 3, 14)
  })

  it('perfect correlation scores the largest finite number; no spread scores 0', () => {
    expect(fRegression(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 6)).f).toBe(Number.MAX_VALUE)
    expect(fRegression(Float64Array.of(1, 1, 1), Float64Array.of(2, 4, 6)).f).toBe(0)
  })

  it('top-k keeps the best-scoring features in matrix order', () => {
    const X = fixture.selection.X
    const t = table(...X[0].map((_, j) => num(`f${j}`, X.map((row) => row[j]))))
    // f_regression: f0 86.9, f4 23.5, f2 1.04, f1 0.57, f3 0
    expect(select(t, { topK: 2 }, Float64Array.from(fixture.selection.y), 'regression').kept).toEqual(['f0', 'f4'])
  })
})

describe('selection settings and errors', () => {
  const t = table(num('a', [1, 2, 3, 4]), num('b', [4, 1, 3, 2]))
  const y = Float64Array.of(0, 0, 1, 1)

  it('topK above the features left keeps all and says so', () => {
    const step = select(t, { topK: 5 }, y, 'binary')
    expect(step.kept).toEqual(['a', 'b'])
    expect(step.describe()[0].detail).toBe('topK = 5 is more than the 2 features left; kept all 2')
  })

  it('topK needs the target and the task', () => {
    expect(() => select(t, { topK: 1 }, undefined, 'binary')).toThrow('selection: topK scores features against the target; pass the encoded target to fitTransform')
    expect(() => select(t, { topK: 1 }, y)).toThrow(/topK needs the task/)
    expect(() => select(t, { topK: 1 }, Float64Array.of(0, 1), 'binary')).toThrow('selection: the target has 2 values for 4 rows; expected one per row')
    expect(() => select(t, { topK: 1 }, Float64Array.of(0, 0.5, 1, 1), 'binary')).toThrow('selection: target of row 1 is 0.5; expected a class index 0, 1, … for binary classification')
  })

  it('dropping every feature is an error that says why', () => {
    const flat = table(num('a', [1, 1]), num('b', [2, 2]))
    expect(() => select(flat, { varianceThreshold: 0 })).toThrow('selection: every one of the 2 features was dropped (2 for low variance); loosen the selection thresholds')
  })

  it('JSON round trip keeps the same columns and summary', () => {
    const step = select(t, { varianceThreshold: 0, correlationThreshold: 0.99, topK: 1 }, y, 'binary')
    const again = Selector.fromJSON(viaJSON(step.toJSON()))
    expect(again.transform(t)).toEqual(step.transform(t))
    expect(again.describe()).toEqual(step.describe())
  })
})
