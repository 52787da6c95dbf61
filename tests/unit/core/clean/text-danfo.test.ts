import { describe, expect, it } from 'vitest'
import { transformLevelsCore, type TextRule } from '../../../../src/core/clean/text-core'
import { transformLevelsDanfo } from '../../../../src/core/clean/text-danfo'

const EDGE_LEVELS = [
  'Male', ' female ', 'M', '', '   ', 'NA', 'null', '1', '2.5', 'true', 'İstanbul', 'straße', 'ﬁsh', 'e\u0301', 'é', '😀 smile ',
  'x\u00a0', '\u2003y', 'Ǆ', 'constructor', '__proto__', 'toString', 'hasOwnProperty',
]

const RULES: TextRule[] = [
  { trim: true, case: 'lower', valueMap: { m: 'male', ' F ': 'female', CONSTRUCTOR: 'ctor', __proto__x: 'p' } },
  { trim: true, case: 'upper', valueMap: { 'relapsing-remitting': 'RRMS', STRASSE: 'street' } },
  { trim: false, case: 'none', valueMap: { 'constructor': 'c', '': 'empty', '1': 'one' } },
  { trim: true, case: 'none', valueMap: {} },
]

describe('danfojs text operations on level dictionaries', () => {
  it.each(RULES.map((rule, k) => [k, rule] as const))('match the core reference on unicode, blank and tricky levels (rule %i)', async (_, rule) => {
    const danfo = await transformLevelsDanfo([EDGE_LEVELS, ['Other', ' m']], rule)
    expect(danfo).toEqual([transformLevelsCore(EDGE_LEVELS, rule), transformLevelsCore(['Other', ' m'], rule)])
  })

  it('handles all-numeric and single empty dictionaries (danfojs would infer float32)', async () => {
    const rule: TextRule = { trim: true, case: 'lower', valueMap: {} }
    expect(await transformLevelsDanfo([['1', '2'], ['']], rule)).toEqual([['1', '2'], ['']])
  })

  it('returns empty results for empty dictionaries without calling danfojs', async () => {
    expect(await transformLevelsDanfo([[], []], { trim: true, case: 'lower', valueMap: { a: 'b' } })).toEqual([[], []])
  })

  it('rejects a non-text result (null level) so the caller falls back to core', async () => {
    await expect(transformLevelsDanfo([['a', null as unknown as string]], { trim: true, case: 'lower', valueMap: {} })).rejects.toThrow('danfojs trim returned NaN (not text) for level 2')
  })
})

describe('danfojs 1.2.0 traps that text-danfo.ts works around', () => {
  it('cannot use .str on an empty Series or on one it typed as numbers, even after forcing the dtype once', async () => {
    const { Series } = await import('danfojs')
    expect(() => new Series([]).str.trim()).toThrow(/non-string/)
    expect(() => new Series(['1', '2']).str.trim()).toThrow(/non-string/)
    const trimmed = new Series(['1', '2'], { dtypes: ['string'] }).str.trim()
    expect(trimmed.values).toEqual(['1', '2'])
    expect(() => trimmed.str.toLowerCase()).toThrow(/non-string/)
  })

  it('Series.map(object) breaks on a level named like an Object member', async () => {
    const { Series } = await import('danfojs')
    expect(() => new Series(['constructor', 'a'], { dtypes: ['string'] }).map({ a: 'x' })).toThrow()
  })

  it('turns a null level into NaN in a string Series', async () => {
    const { Series } = await import('danfojs')
    expect(new Series(['A ', null], { dtypes: ['string'] }).str.trim().values).toEqual(['A', NaN])
  })
})
