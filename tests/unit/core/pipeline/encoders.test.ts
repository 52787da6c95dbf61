import { describe, expect, it } from 'vitest'
import { OneHotEncoder, type OneHotSpec } from '../../../../src/core/pipeline/one-hot'
import { OrdinalEncoder } from '../../../../src/core/pipeline/ordinal'
import type { Table } from '../../../../src/core/types'
import { cat, num, table, values, viaJSON } from './tables'

const spec = (extra: Partial<OneHotSpec> = {}): OneHotSpec => ({ name: 'g', maxCategories: 20, unseen: 'zeros', ...extra })
const rowsOf = (t: Table): number[][] => Array.from({ length: t.rowCount }, (_, i) => t.columns.map((c) => (c.type === 'number' ? c.values[i] : NaN)))

describe('one-hot encoding', () => {
  it('one column per training category, alphabetical, in place of the source column', () => {
    const step = new OneHotEncoder([spec()])
    step.fit(table(num('a', [1, 2, 3]), cat('g', ['yes', 'no', 'yes']), num('z', [0, 0, 0])))
    const out = step.transform(table(num('a', [1, 2, 3]), cat('g', ['no', 'yes', null]), num('z', [0, 0, 0])))
    expect(out.columns.map((c) => c.name)).toEqual(['a', 'g=no', 'g=yes', 'z'])
    expect(values(out, 'g=no')).toEqual([1, 0, 0])
    expect(values(out, 'g=yes')).toEqual([0, 1, 0])
  })

  // Training counts: c 3, b 2, a 1, d 1 → the 2 most frequent are c and b; a and d are rare.
  const train = table(cat('g', ['a', 'b', 'b', 'c', 'c', 'c', 'd', null]))
  const probe = table(cat('g', ['a', 'b', 'c', 'd', 'e', null]))

  it('maxCategories keeps the most frequent; the rest share g=other; unseen → zeros', () => {
    const step = new OneHotEncoder([spec({ maxCategories: 2 })])
    step.fit(train)
    const out = step.transform(probe)
    expect(out.columns.map((c) => c.name)).toEqual(['g=b', 'g=c', 'g=other'])
    expect(rowsOf(out)).toEqual([
      [0, 0, 1], // a: rare in training → other
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1], // d: rare → other
      [0, 0, 0], // e: never seen → all zeros
      [0, 0, 0], // missing → all zeros
    ])
    expect(step.describe()[0].detail).toBe('g: one-hot over the 2 most frequent of 4 training categories (b, c); the other 2 (2 training rows) go to g=other; unseen categories → all zeros; missing → all zeros')
  })

  it('unseen → other sends never-seen categories to g=other too', () => {
    const step = new OneHotEncoder([spec({ maxCategories: 2, unseen: 'other' })])
    step.fit(train)
    expect(rowsOf(step.transform(probe))[4]).toEqual([0, 0, 1])
    expect(rowsOf(step.transform(probe))[5]).toEqual([0, 0, 0])
  })

  it('unseen → other creates the other column even when nothing was capped', () => {
    const step = new OneHotEncoder([spec({ unseen: 'other' })])
    step.fit(table(cat('g', ['x', 'y'])))
    const out = step.transform(table(cat('g', ['x', 'y', 'z'])))
    expect(out.columns.map((c) => c.name)).toEqual(['g=x', 'g=y', 'g=other'])
    expect(rowsOf(out)).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    // Without capping and with unseen → zeros there is no other column at all.
    const zeros = new OneHotEncoder([spec()])
    zeros.fit(table(cat('g', ['x', 'y'])))
    expect(rowsOf(zeros.transform(table(cat('g', ['z']))))).toEqual([[0, 0]])
  })

  it('ties in frequency are broken alphabetically', () => {
    const step = new OneHotEncoder([spec({ maxCategories: 2 })])
    step.fit(table(cat('g', ['c', 'b', 'a', 'a', 'b', 'c'])))
    expect(step.transform(table(cat('g', ['c']))).columns.map((c) => c.name)).toEqual(['g=a', 'g=b', 'g=other'])
  })

  it('a real category called "other" keeps its column; the bucket becomes "(other)"', () => {
    const step = new OneHotEncoder([spec({ maxCategories: 2 })])
    step.fit(table(cat('g', ['other', 'other', 'a', 'b'])))
    const out = step.transform(table(cat('g', ['other', 'b'])))
    expect(out.columns.map((c) => c.name)).toEqual(['g=a', 'g=other', 'g=(other)'])
    expect(rowsOf(out)).toEqual([[0, 1, 0], [0, 0, 1]])
  })

  it('matches by category text, not by code, so level order in later tables does not matter', () => {
    const step = new OneHotEncoder([spec()])
    step.fit(table(cat('g', ['m', 'f'])))
    const reordered = table(cat('g', ['x', 'f', 'm']))
    expect(rowsOf(step.transform(reordered))).toEqual([[0, 0], [1, 0], [0, 1]])
  })

  it('an all-missing training column yields no columns (or only other)', () => {
    const step = new OneHotEncoder([spec()])
    step.fit(table(cat('g', [null, null]), num('a', [1, 2])))
    expect(step.transform(table(cat('g', ['q', null]), num('a', [1, 2]))).columns.map((c) => c.name)).toEqual(['a'])
  })

  it('rejects maxCategories below 1', () => {
    expect(() => new OneHotEncoder([spec({ maxCategories: 0 })])).toThrow('one-hot: maxCategories = 0 for "g" is invalid; expected an integer ≥ 1')
  })

  it('JSON round trip, and the first bundle version', () => {
    const step = new OneHotEncoder([spec({ maxCategories: 2, unseen: 'other' })])
    step.fit(train)
    const again = OneHotEncoder.fromJSON(viaJSON(step.toJSON()))
    expect(again.transform(probe)).toEqual(step.transform(probe))
    const legacy = OneHotEncoder.fromJSON({ kind: 'one-hot', columns: ['g'], categories: { g: ['a', 'b'] } })
    expect(rowsOf(legacy.transform(table(cat('g', ['b', 'z']))))).toEqual([[0, 1], [0, 0]])
  })
})

describe('ordinal encoding', () => {
  const step = new OrdinalEncoder(['g'])
  step.fit(table(cat('g', ['b', 'a', 'c', 'a', null])))

  it('alphabetical codes; unseen → -1; missing → NaN', () => {
    const out = step.transform(table(cat('g', ['c', 'z', null, 'a', 'b'])))
    expect(out.columns.map((c) => c.name)).toEqual(['g'])
    expect(values(out, 'g')).toEqual([2, -1, NaN, 0, 1])
    expect(step.describe()[0].detail).toBe('g: codes 0–2 for the 3 training categories in alphabetical order (a, b, c); unseen → -1; missing stays missing')
  })

  it('JSON round trip', () => {
    const probe = table(cat('g', ['a', 'q']))
    expect(OrdinalEncoder.fromJSON(viaJSON(step.toJSON())).transform(probe)).toEqual(step.transform(probe))
  })
})
