import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DataSession } from '../../../../src/core/data-session'
import { categoryGroups, groupedAuc, numericGroups } from '../../../../src/core/table/profile/feature-groups'
import { LEAKAGE_THRESHOLD } from '../../../../src/core/table/profile/leakage'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { profileTarget } from '../../../../src/core/table/profile/target-profile'
import { encodeTarget } from '../../../../src/core/train/target'
import { cat, num, seeded, tableOf } from './table-helpers'

const N = 400
/** A table with an honest noisy feature and a target driven partly by it. */
function clinic(seed = 1) {
  const r = seeded(seed)
  const age = Array.from({ length: N }, () => Math.round(40 + r() * 40))
  const y = age.map((a) => (r() < 0.2 + (a - 40) / 80 ? 1 : 0))
  return { r, age, y }
}
const byColumn = (profile: ReturnType<typeof profileTarget>) => Object.fromEntries(profile.leakage.map((l) => [l.column, l]))
const flagged = (profile: ReturnType<typeof profileTarget>) => profile.warnings.filter((w) => w.kind === 'leakage').map((w) => w.column)

describe('target balance', () => {
  it('lists classes in encodeTarget order with counts and shares of labelled rows', () => {
    const table = tableOf(num('grade', [10, 2, 2, null, 10, 10, 1]), num('x', [1, 2, 3, 4, 5, 6, 7]))
    const profile = profileTarget(table, 'grade', 'multiclass')
    expect(encodeTarget(table.columns[0], 'multiclass').labels).toEqual(['1', '2', '10'])
    expect(profile.classes).toEqual([{ label: '1', count: 1, share: 1 / 6 }, { label: '2', count: 2, share: 2 / 6 }, { label: '10', count: 3, share: 3 / 6 }])
    expect(profile).toMatchObject({ target: 'grade', task: 'multiclass', rows: 6, missing: 1, distribution: null })
    const text = profileTarget(tableOf(cat('dx', ['yes', 'no', 'yes', 'No'])), 'dx', 'multiclass')
    expect(text.classes.map((c) => c.label)).toEqual(['No', 'no', 'yes'])
  })

  it('summarises a regression target with a histogram', () => {
    const profile = profileTarget(tableOf(num('los', [1, 2, 3, 4, 7, 10, null])), 'los', 'regression')
    expect(profile.classes).toEqual([])
    expect(profile.distribution?.summary).toMatchObject({ min: 1, q1: 2.25, median: 3.5, q3: 6.25, max: 10 })
    expect(profile.distribution?.histogram.counts.reduce((a, b) => a + b, 0)).toBe(6)
  })

  it('names an unknown target and passes on target errors', () => {
    expect(() => profileTarget(tableOf(num('x', [1, 2])), 'nope', 'binary')).toThrow(/no column "nope"/)
    expect(() => profileTarget(tableOf(cat('c', ['a', 'b'])), 'c', 'regression')).toThrow(/holds text/)
  })

  it('a CSV whose target is empty in every row: no task is inferred and profiling says the target is empty', async () => {
    const csv = 'age,sex,y\n54,F,\n61,M,\n47,F,\n70,M,\n'
    const session = new DataSession()
    await session.load(new TextEncoder().encode(csv), 'empty-target.csv')
    expect(() => session.inferTask('y')).toThrow(expect.objectContaining({ code: 'target-empty', message: expect.stringContaining('"y" is empty: none of its 4 rows has a value') }))
    for (const task of ['binary', 'multiclass', 'regression'] as const) {
      expect(() => session.profileTarget('y', task)).toThrow(expect.objectContaining({ code: 'target-empty' }))
    }
  })
})

describe('suspected leakage', () => {
  it('flags a planted copy of the target, not an honest feature, and skips the target itself', () => {
    const { r, age, y } = clinic()
    const table = tableOf(
      num('age', age),
      num('treated', y.map((v) => (r() < 0.002 ? 1 - v : v))),
      cat('dx_code', y.map((v) => (v ? 'G20' : 'none'))),
      num('score', y.map((v) => v * 10 + r() * 9)),
      num('outcome', y),
    )
    const profile = profileTarget(table, 'outcome', 'binary')
    const scores = byColumn(profile)
    expect(scores.outcome).toBeUndefined()
    expect(profile.leakage).toHaveLength(4)
    expect(scores.treated.score).toBeGreaterThanOrEqual(LEAKAGE_THRESHOLD)
    expect(scores.dx_code).toMatchObject({ score: 1, method: 'grouped', metric: 'auc' })
    expect(scores.score).toMatchObject({ score: 1, method: 'rank', rows: N })
    expect(scores.age.score).toBeGreaterThan(0.55)
    expect(scores.age.score).toBeLessThan(0.9)
    expect(flagged(profile).sort()).toEqual(['dx_code', 'score', 'treated'])
    const warning = profile.warnings.find((w) => w.column === 'score')
    expect(warning).toMatchObject({ severity: 'warning', value: 1 })
    expect(warning?.message).toBe('score predicts the target almost perfectly on its own (AUC 1.000): is it recorded after the diagnosis, or derived from outcome? If so, leave it out, or the model will fail on new patients.')
    // Most predictive first.
    expect(profile.leakage.map((l) => l.column).at(-1)).toBe('age')
  })

  it('counts an inverted copy as leakage too', () => {
    const { age, y } = clinic(2)
    const profile = profileTarget(tableOf(num('age', age), num('healthy', y.map((v) => 1 - v)), num('y', y)), 'y', 'binary')
    expect(flagged(profile)).toEqual(['healthy'])
  })

  it('flags a value recorded only for cases (missing for everyone else)', () => {
    const { r, age, y } = clinic(3)
    const table = tableOf(num('age', age), num('dose', y.map((v) => (v ? 1 + Math.round(r() * 4) : null))), num('y', y))
    expect(flagged(profileTarget(table, 'y', 'binary'))).toEqual(['dose'])
  })

  it('flags a perfect predictor of a middle class in a multiclass target', () => {
    const r = seeded(4)
    const stage = Array.from({ length: N }, () => Math.floor(r() * 3))
    const table = tableOf(
      num('marker', stage.map((s) => s * 10 + r())),
      num('noise', stage.map(() => r())),
      num('stage', stage),
    )
    const profile = profileTarget(table, 'stage', 'multiclass')
    expect(flagged(profile)).toEqual(['marker'])
    expect(byColumn(profile).noise.score).toBeLessThan(0.6)
  })

  it('scores regression by Spearman and flags a monotone transform of the target', () => {
    const r = seeded(5)
    const los = Array.from({ length: N }, () => r() * 20)
    const table = tableOf(
      num('log_los', los.map((v) => Math.log1p(v))),
      num('weight', los.map((v) => v + r() * 40)),
      num('los', los),
    )
    const profile = profileTarget(table, 'los', 'regression')
    expect(byColumn(profile).log_los).toMatchObject({ metric: 'spearman', score: 1, method: 'rank' })
    expect(byColumn(profile).weight.score).toBeLessThan(0.9)
    expect(flagged(profile)).toEqual(['log_los'])
  })

  it('warns when an identifier tracks the target, and not when it does not', () => {
    const { age, y } = clinic(6)
    // Cases were enrolled first: ids sorted by outcome.
    const order = y.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v || a.i - b.i)
    const enrolled = new Array<number>(N)
    order.forEach(({ i }, k) => (enrolled[i] = 1000 + k))
    const table = tableOf(
      num('patient_id', enrolled),
      cat('record', enrolled.map((v) => `R-${String(v).padStart(6, '0')}`)),
      num('visit_id', age.map((_, i) => 5000 + i)),
      num('age', age),
      num('y', y),
    )
    const profile = profileTarget(table, 'y', 'binary')
    const kinds = Object.fromEntries(profile.warnings.map((w) => [w.column, w.kind]))
    // A perfect sort by outcome is leakage outright; a row number in file order is fine.
    expect(kinds.patient_id).toBe('leakage')
    expect(kinds.record).toBe('leakage')
    expect(kinds.visit_id).toBeUndefined()
    expect(profile.warnings.find((w) => w.column === 'patient_id')?.message).toMatch(/^patient_id is an identifier, yet its order predicts y almost perfectly \(AUC 1\.000\): rows were numbered or collected by outcome/)

    // A softer link: cases mostly, not always, enrolled first.
    const r = seeded(7)
    const soft = y.map((v, i) => ({ key: v + r() * 1.5, i })).sort((a, b) => b.key - a.key)
    const softIds = new Array<number>(N)
    soft.forEach(({ i }, k) => (softIds[i] = 1000 + k))
    const softProfile = profileTarget(tableOf(num('patient_id', softIds), num('age', age), num('y', y)), 'y', 'binary')
    expect(softProfile.warnings).toEqual([expect.objectContaining({ kind: 'identifier-target', column: 'patient_id', severity: 'warning' })])
    expect(softProfile.warnings[0].message).toMatch(/^patient_id is an identifier, yet its order goes with y \(AUC 0\.\d{3}\)/)
  })

  it('gives constant columns no score and lists them last', () => {
    const { age, y } = clinic(8)
    const profile = profileTarget(tableOf(num('k', age.map(() => 1)), num('age', age), num('y', y)), 'y', 'binary')
    expect(profile.leakage.map((l) => [l.column, l.score === null])).toEqual([['age', false], ['k', true]])
  })

  it('does not reward a unique identifier for memorising rows (cross-fitting)', () => {
    const { y } = clinic(9)
    const groups = categoryGroups(cat('code', y.map((_, i) => `X${(i * 7919) % 100003}`)))
    expect(groupedAuc(groups, Float64Array.from(y), 2)).toBe(0.5)
    // …while a binned number that separates the classes scores perfectly.
    expect(groupedAuc(numericGroups(Float64Array.from(y, (v, i) => v * 100 + (i % 3)), 16), Float64Array.from(y), 2)).toBe(1)
  })
})

describe('the Parkinson sample', () => {
  it('flags no honest column and leaves Diagnosis out of its own check', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../../sample-data/parkinsons.csv', import.meta.url)))
    const { table } = await readDataFile(bytes, 'parkinsons.csv')
    const profile = profileTarget(table, 'Diagnosis', 'binary')
    expect(profile.classes.map((c) => c.label)).toEqual(['0', '1'])
    expect(profile.classes[1].share).toBeGreaterThan(0.55)
    expect(profile.leakage).toHaveLength(34)
    expect(profile.leakage.some((l) => l.column === 'Diagnosis')).toBe(false)
    expect(profile.warnings).toEqual([])
    const scores = byColumn(profile)
    // The clinical picture predicts, but nothing alone comes near perfect.
    expect(scores.UPDRS.score).toBeGreaterThan(0.7)
    expect(scores.UPDRS.score).toBeLessThan(0.95)
    expect(scores.DoctorInCharge.score).toBeNull()
    expect(profile.leakage[0].column).toBe('UPDRS')
    // Structured clone keeps everything (it crosses the worker boundary).
    expect(structuredClone(profile)).toEqual(profile)
  })
})
