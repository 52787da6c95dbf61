import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { referenceColumn } from '../../../../src/core/bundle/reference'
import { columnDriftVsDataset, columnDriftVsReference } from '../../../../src/core/drift/column-drift'
import { chi2Contingency } from '../../../../src/core/drift/stats'
import { errorCode } from '../../../../src/core/errors'
import { categoryColumn, columnOf, normals, numberColumn } from './helpers'

/** Made by tests/fixtures/drift/make_drift_fixtures.py (scipy 1.10; Evidently's rule and PSI convention). */
const fixtures = JSON.parse(readFileSync(new URL('../../../fixtures/drift/stats.json', import.meta.url), 'utf8'))

const rel = (actual: number | null, expected: number, tolerance = 1e-9) => {
  expect(actual).not.toBeNull()
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(Math.max(tolerance * Math.abs(expected), 1e-12))
}

describe('columnDriftVsDataset picks Evidently’s default test and matches scipy', () => {
  for (const c of fixtures.columns) {
    it(c.name, () => {
      const result = columnDriftVsDataset(columnOf('x', c.type, c.reference), columnOf('x', c.type, c.current))
      expect(result.test).toBe(c.test)
      rel(result.statistic, c.statistic)
      if (c.pValue !== undefined) {
        expect(Math.abs((result.pValue as number) - c.pValue)).toBeLessThanOrEqual(1e-6)
        expect(result.distance).toBeNull()
        expect(result.drifted).toBe(c.pValue < 0.05)
      } else {
        rel(result.distance, c.distance)
        expect(result.pValue).toBeNull()
        expect(result.drifted).toBe(c.distance >= 0.1)
      }
      rel(result.psi, c.psi)
      expect(result.binned).toBe(false)
      expect(result.score >= 1).toBe(result.drifted)
    })
  }

  it('reports missing shares and leaves missing cells out of the test', () => {
    const result = columnDriftVsDataset(numberColumn('x', [1, 2, 3, null, 5, 6, 7, 8]), numberColumn('x', [null, null, 1, 2, 3, 4, 5, 6, 7, 8]))
    expect(result.referenceMissingShare).toBeCloseTo(1 / 8)
    expect(result.currentMissingShare).toBeCloseTo(2 / 10)
    expect(result).toMatchObject({ referenceRows: 8, currentRows: 10, kind: 'number', test: 'ks' })
  })
})

describe('overrides', () => {
  const ref = numberColumn('age', normals(500, 50, 10, 1))
  const cur = numberColumn('age', normals(500, 52, 10, 2))

  it('replace the test and the threshold, and say so', () => {
    const result = columnDriftVsDataset(ref, cur, { test: 'psi', threshold: 0.2 })
    expect(result).toMatchObject({ test: 'psi', threshold: 0.2, overridden: true, pValue: null })
    expect(result.distance).toBe(result.psi)
    expect(columnDriftVsDataset(ref, cur, { threshold: 0.001 })).toMatchObject({ test: 'ks', threshold: 0.001, overridden: true })
  })

  it.each([
    [{ test: 'ks' as const }, 'categories'],
    [{ test: 'wasserstein' as const }, 'categories'],
  ])('refuse %j on a category column, naming it', (override, words) => {
    const sex = categoryColumn('sex', ['m', 'f', 'm', 'x'])
    expect(() => columnDriftVsDataset(sex, sex, override)).toThrow(new RegExp(`"sex".*${words}`))
  })

  it.each([
    [{ test: 'z' as const }, /"age".*two values/],
    [{ test: 'ks' as const, threshold: 1.5 }, /"age".*between 0 and 1/],
    [{ threshold: -1 }, /"age".*above 0/],
    [{ test: 'kolmogorov' as never }, /"age".*unknown test "kolmogorov"/],
  ])('refuse a bad override %j with drift/bad-override', (override, message) => {
    let error: unknown
    try {
      columnDriftVsDataset(ref, cur, override)
    } catch (e) {
      error = e
    }
    expect(errorCode(error)).toBe('drift/bad-override')
    expect(String((error as Error).message)).toMatch(message)
  })
})

describe('columnDriftVsReference (a bundle’s statistics)', () => {
  it('rebuilds the reference exactly when it lists every value, so the tests equal the dataset ones', () => {
    const ref = numberColumn('score', normals(700, 3, 1, 3).map((v) => Math.max(0, Math.min(6, Math.round(v)))))
    const cur = numberColumn('score', normals(600, 3.3, 1, 4).map((v) => Math.max(0, Math.min(6, Math.round(v)))))
    const fromBundle = columnDriftVsReference(referenceColumn('score', ref), 700, cur)
    const fromDataset = columnDriftVsDataset(ref, cur)
    expect(fromBundle.binned).toBe(false)
    expect(fromBundle).toEqual(fromDataset)
    const sex = categoryColumn('sex', Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'f' : 'm')))
    const sexNow = categoryColumn('sex', Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 'f' : 'm')))
    expect(columnDriftVsReference(referenceColumn('sex', sex), 300, sexNow)).toEqual(columnDriftVsDataset(sex, sexNow))
  })

  it('gives the same PSI and chart bins as the dataset it was made from', () => {
    const ref = numberColumn('bmi', normals(5000, 27, 4, 5))
    const cur = numberColumn('bmi', normals(3000, 28, 4, 6))
    const a = columnDriftVsReference(referenceColumn('bmi', ref), 5000, cur)
    const b = columnDriftVsDataset(ref, cur)
    expect(a.binned).toBe(true)
    expect(a.psi).toBe(b.psi)
    expect(a.distribution).toEqual(b.distribution)
    const many = Array.from({ length: 40 }, (_, k) => `c${k}`)
    const refCat = categoryColumn('ward', Array.from({ length: 4000 }, (_, i) => many[(i * 7) % 40]))
    const curCat = categoryColumn('ward', Array.from({ length: 2000 }, (_, i) => many[(i * 3) % 33]))
    const c = columnDriftVsReference(referenceColumn('ward', refCat), 4000, curCat)
    const d = columnDriftVsDataset(refCat, curCat)
    expect(c.binned).toBe(true)
    expect(c.psi).toBeCloseTo(d.psi as number, 12)
    expect(c.distribution?.categories).toEqual(d.distribution?.categories)
  })

  it('small reference: chi-squared over the reference’s quantile bins', () => {
    const values = normals(800, 0, 1, 7)
    const summary = referenceColumn('x', numberColumn('x', values))
    const cur = normals(500, 0.4, 1, 8)
    const result = columnDriftVsReference(summary, 800, numberColumn('x', cur))
    expect(result).toMatchObject({ test: 'chi2', binned: true })
    const { edges, counts } = summary.histogram!
    const curCounts = edges.slice(1).map((_, k) => cur.filter((v) => (k === 0 || v >= edges[k]) && (k === edges.length - 2 || v < edges[k + 1])).length)
    expect(result.statistic).toBe(chi2Contingency([counts, curCounts]).statistic)
    expect(result.drifted).toBe(true)
  })

  it('large reference: binned Wasserstein / std is near 0 without drift and near the exact distance with it', () => {
    const refValues = normals(20000, 100, 15, 9)
    const summary = referenceColumn('sbp', numberColumn('sbp', refValues))
    const same = columnDriftVsReference(summary, 20000, numberColumn('sbp', normals(20000, 100, 15, 10)))
    expect(same).toMatchObject({ test: 'wasserstein', binned: true, drifted: false })
    expect(same.distance!).toBeLessThan(0.02)
    const exactRef = numberColumn('sbp', refValues)
    for (const [mean, sd, tolerance] of [[100 + 15 * 0.25, 15, 0.1], [100 + 15 * 1.5, 15, 0.1], [100, 15 * 1.5, 0.25], [70, 30, 0.25]]) {
      const cur = numberColumn('sbp', normals(20000, mean, sd, 11))
      const binned = columnDriftVsReference(summary, 20000, cur).distance!
      const exact = columnDriftVsDataset(exactRef, cur).distance!
      expect(Math.abs(binned - exact) / exact).toBeLessThan(tolerance)
      expect(binned).toBeGreaterThan(0.1)
    }
  })

  it('a bundle made before mean/std were stored falls back to the histogram’s std', () => {
    const refValues = normals(5000, 10, 2, 12)
    const summary = referenceColumn('x', numberColumn('x', refValues))
    const old = { ...summary, mean: undefined, std: undefined, values: undefined }
    const cur = numberColumn('x', normals(4000, 11, 2, 13))
    const withStd = columnDriftVsReference(summary, 5000, cur).distance!
    const withoutStd = columnDriftVsReference(old, 5000, cur).distance!
    // The histogram spreads the tail bins' rows evenly out to min and max, so its std is too large (here ~20%): an approximation for old files.
    expect(withoutStd).toBeLessThan(withStd)
    expect(Math.abs(withoutStd - withStd) / withStd).toBeLessThan(0.3)
  })

  it('refuses ks over bins, naming the column', () => {
    const summary = referenceColumn('x', numberColumn('x', normals(500, 0, 1, 14)))
    expect(() => columnDriftVsReference(summary, 500, numberColumn('x', [1, 2, 3]), { test: 'ks' })).toThrow(/"x".*model file keeps only binned/)
  })
})

describe('columns that cannot be compared the usual way', () => {
  it('a changed type is drifted, not a crash', () => {
    const result = columnDriftVsDataset(numberColumn('weight', [70, 80, 90]), categoryColumn('weight', ['70 kg', '80 kg', null]))
    expect(result).toMatchObject({ drifted: true, statistic: null, pValue: null, psi: null, problem: { code: 'drift/type-changed' } })
    expect(result.problem!.message).toMatch(/"weight" held numbers in the reference but holds text in the current data \(e\.g\. "70 kg"\)/)
  })

  it('a column emptied in the current data has drifted; one empty on both sides has not', () => {
    const emptied = columnDriftVsDataset(numberColumn('x', [1, 2, 3]), numberColumn('x', [null, null]))
    expect(emptied).toMatchObject({ drifted: true, currentMissingShare: 1, problem: { code: 'drift/all-missing' } })
    const both = columnDriftVsDataset(numberColumn('x', [null]), numberColumn('x', [null, null]))
    expect(both).toMatchObject({ drifted: false, problem: { code: 'drift/all-missing' } })
  })

  it('no current rows: drift/empty-current', () => {
    expect(columnDriftVsDataset(categoryColumn('s', ['a']), categoryColumn('s', []))).toMatchObject({ drifted: false, currentRows: 0, problem: { code: 'drift/empty-current' } })
  })
})
