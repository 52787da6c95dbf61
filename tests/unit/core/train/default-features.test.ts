import { describe, expect, it } from 'vitest'
import { defaultFeatures, EXCLUDED_FEATURE_KINDS, exclusionReason } from '../../../../src/core/train/default-features'

// Lives beside the CLI tests because this change may only add tests under tests/unit/node; it belongs in tests/unit/core/train.
describe('defaultFeatures', () => {
  const columns = [
    { name: 'id', kind: 'identifier' as const },
    { name: 'age', kind: 'numeric' as const },
    { name: 'site', kind: 'constant' as const },
    { name: 'notes', kind: 'text' as const },
    { name: 'sex', kind: 'categorical' as const },
    { name: 'smoker', kind: 'boolean' as const },
    { name: 'admitted', kind: 'date' as const },
    { name: 'outcome', kind: 'boolean' as const },
  ]

  it('keeps every column but identifiers, constants, text, dates and the target, in table order', () => {
    expect(defaultFeatures({ columns }, 'outcome')).toEqual(['age', 'sex', 'smoker'])
    expect(defaultFeatures({ columns }, null)).toEqual(['age', 'sex', 'smoker', 'outcome'])
    expect([...EXCLUDED_FEATURE_KINDS].sort()).toEqual(['constant', 'date', 'identifier', 'text'])
  })

  it('gives every kind it leaves out a reason in words, and none to kinds it uses', () => {
    for (const kind of EXCLUDED_FEATURE_KINDS) expect(exclusionReason({ kind, distinct: 3 })).toEqual(expect.any(String))
    expect(exclusionReason({ kind: 'identifier', distinct: 30 })).toBe('an identifier')
    expect(exclusionReason({ kind: 'constant', distinct: 1 })).toBe('the same in every row')
    expect(exclusionReason({ kind: 'constant', distinct: 0 })).toBe('empty')
    expect(exclusionReason({ kind: 'date', distinct: 40 })).toBe('a date')
    expect(exclusionReason({ kind: 'numeric', distinct: 30 })).toBeNull()
  })
})
