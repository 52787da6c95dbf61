import { describe, expect, it } from 'vitest'
import { profileTable } from '../../../../src/core/table/profile/profile'
import type { ProfileWarning } from '../../../../src/core/table/profile/profile-warnings'
import { cat, num, tableOf } from './table-helpers'

const N = 100
const ints = (f: (i: number) => number | null) => Array.from({ length: N }, (_, i) => f(i))
const texts = (f: (i: number) => string | null) => Array.from({ length: N }, (_, i) => f(i))
/** A column the profile should have nothing to say about: varied, complete, not an identifier. */
const clean = () => num('clean', ints((i) => (i * 37) % 11))
const warningsOf = (...columns: Parameters<typeof tableOf>): ProfileWarning[] => profileTable(tableOf(...columns)).warnings
const about = (warnings: ProfileWarning[], column: string) => warnings.filter((w) => w.column === column)

describe('profile warnings', () => {
  it('says nothing about clean columns', () => {
    // bmi makes every row distinct, so there are no duplicate rows either.
    expect(warningsOf(clean(), cat('sex', texts((i) => (i % 3 ? 'F' : 'M'))), num('bmi', ints((i) => 20 + i / 7)))).toEqual([])
  })

  it('warns above 30% missing and notes above 5%', () => {
    const w = warningsOf(clean(), num('sparse', ints((i) => (i < 31 ? null : i % 5))), num('patchy', ints((i) => (i < 6 ? null : i % 7))), num('ok', ints((i) => (i < 5 ? null : i % 3))))
    expect(about(w, 'sparse')).toEqual([expect.objectContaining({ kind: 'missing', severity: 'warning', value: 0.31 })])
    expect(about(w, 'sparse')[0].message).toMatch(/sparse is missing in 31% of rows \(31 rows\)/)
    expect(about(w, 'patchy')).toEqual([expect.objectContaining({ kind: 'missing', severity: 'info', value: 0.06 })])
    // Exactly 5% is not above 5%.
    expect(about(w, 'ok')).toEqual([])
  })

  it('warns about a high-cardinality categorical column', () => {
    // 60 distinct codes over 100 rows (some repeated, so not an identifier).
    const w = warningsOf(clean(), cat('ward', texts((i) => `W${i % 60}`)), cat('few', texts((i) => `S${i % 12}`)))
    expect(about(w, 'ward')).toEqual([expect.objectContaining({ kind: 'high-cardinality', severity: 'warning', value: 60 })])
    expect(about(w, 'few')).toEqual([])
    // Share rule: 30 distinct values in 40 present rows is more than half.
    const share = warningsOf(cat('site', texts((i) => (i < 60 ? null : `S${i % 30}`))))
    expect(about(share, 'site').map((x) => x.kind)).toEqual(['missing', 'high-cardinality'])
  })

  it('notes identifier and constant columns', () => {
    const w = warningsOf(clean(), num('patient_id', ints((i) => 5000 + i)), cat('unit', texts(() => 'mg')), num('empty', ints(() => null)))
    expect(about(w, 'patient_id')).toEqual([expect.objectContaining({ kind: 'identifier', severity: 'info' })])
    expect(about(w, 'unit')).toEqual([expect.objectContaining({ kind: 'constant', severity: 'info' })])
    expect(about(w, 'unit')[0].message).toMatch(/same value \("mg"\) in every row/)
    expect(about(w, 'empty').map((x) => x.kind)).toEqual(['missing', 'constant'])
  })

  it('warns about duplicate rows', () => {
    const w = warningsOf(num('a', [1, 2, 1, 3]), num('b', [5, 6, 5, 7]))
    expect(w.filter((x) => x.kind === 'duplicate-rows')).toEqual([expect.objectContaining({ severity: 'warning', value: 1 })])
    expect(w.find((x) => x.kind === 'duplicate-rows')?.message).toMatch(/^1 row repeats an earlier row exactly \(25% of rows\)/)
  })

  it('notes strongly correlated pairs (|r| > 0.95) and not weaker ones', () => {
    // Not integers, so not mistaken for a unique identifier.
    const x = ints((i) => ((i * 37) % 101) / 4)
    const w = warningsOf(
      num('x', x),
      num('x_mmol', x.map((v, i) => (v as number) * 0.0555 + (i % 2) * 0.01)),
      num('noisy', x.map((v, i) => (v as number) + ((i * 53) % 97))),
    )
    const correlated = w.filter((c) => c.kind === 'correlated')
    expect(correlated).toEqual([expect.objectContaining({ column: 'x', otherColumn: 'x_mmol', severity: 'info' })])
    expect(correlated[0].value).toBeGreaterThan(0.95)
  })
})
