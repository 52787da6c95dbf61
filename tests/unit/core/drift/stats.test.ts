import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { chi2Contingency, gammaincc, jensenShannon, ks2samp, kstwoSf, psi, twoProportionZ, wassersteinDistance } from '../../../../src/core/drift/stats'

/** Made once by tests/fixtures/drift/make_drift_fixtures.py with Debian's python3-scipy 1.10. */
const fixtures = JSON.parse(readFileSync(new URL('../../../fixtures/drift/stats.json', import.meta.url), 'utf8'))

/** Statistics within 1e-9 relative (absolute near zero). */
function closeRel(actual: number, expected: number, rel = 1e-9): void {
  const tolerance = Math.max(rel * Math.abs(expected), 1e-12)
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance)
}
/** p-values within 1e-6. */
function closeP(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-6)
}

describe('ks2samp matches scipy.stats.ks_2samp (method="auto")', () => {
  for (const c of fixtures.ks) {
    it(`${c.name} (${c.a.length} vs ${c.b.length}, ${c.mode})`, () => {
      const result = ks2samp(Float64Array.from(c.a), Float64Array.from(c.b))
      closeRel(result.statistic, c.statistic)
      closeP(result.pValue, c.pValue)
      // Symmetric in its samples, as scipy's two-sided test is.
      const swapped = ks2samp(Float64Array.from(c.b), Float64Array.from(c.a))
      closeP(swapped.pValue, c.pValue)
    })
  }
  it('refuses an empty sample', () => {
    expect(() => ks2samp(new Float64Array(0), Float64Array.of(1))).toThrow(/at least one/)
  })
})

describe('kstwoSf matches scipy.stats.kstwo.sf over every branch', () => {
  it.each((fixtures.kstwo as { n: number; x: number; sf: number }[]).map((c) => [c.n, c.x, c.sf] as [number, number, number]))('n=%d x=%d', (n: number, x: number, sf: number) => {
    closeP(kstwoSf(n, x), sf)
  })
})

describe('chi2Contingency matches scipy.stats.chi2_contingency(correction=False)', () => {
  for (const c of fixtures.chi2) {
    it(c.name, () => {
      const result = chi2Contingency(c.table)
      closeRel(result.statistic, c.statistic)
      closeP(result.pValue, c.pValue)
      expect(result.dof).toBe(c.dof)
    })
  }
  it('drops a category seen on neither side instead of failing as scipy does', () => {
    const withEmpty = chi2Contingency([[10, 0, 20], [30, 0, 25]])
    const without = chi2Contingency([[10, 20], [30, 25]])
    expect(withEmpty).toEqual(without)
  })
})

describe('gammaincc matches scipy.special.gammaincc', () => {
  it.each((fixtures.gammaincc as { a: number; x: number; q: number }[]).map((c) => [c.a, c.x, c.q] as [number, number, number]))('a=%d x=%d', (a: number, x: number, q: number) => {
    closeRel(gammaincc(a, x), q, 1e-10)
  })
})

describe('twoProportionZ matches Evidently’s z-test', () => {
  for (const c of fixtures.z) {
    it(c.name, () => {
      const result = twoProportionZ(c.successA, c.nA, c.successB, c.nB)
      closeRel(result.statistic, c.statistic)
      closeP(result.pValue, c.pValue)
    })
  }
})

describe('psi follows Evidently’s empty-bin convention', () => {
  for (const c of fixtures.psi) {
    it(c.name, () => closeRel(psi(c.ref, c.cur), c.psi))
  }
})

describe('wassersteinDistance matches scipy.stats.wasserstein_distance', () => {
  for (const c of fixtures.wasserstein) {
    it(c.name, () => closeRel(wassersteinDistance(Float64Array.from(c.a), Float64Array.from(c.b)), c.distance))
  }
})

describe('jensenShannon matches scipy.spatial.distance.jensenshannon (base e)', () => {
  for (const c of fixtures.jensenshannon) {
    it(c.name, () => closeRel(jensenShannon(c.p, c.q), c.distance))
  }
})
