import { describe, expect, it } from 'vitest'
import { parseBundle } from '../../../../src/core/bundle/bundle'
import { referenceColumn, REFERENCE_MAX_VALUES } from '../../../../src/core/bundle/reference'
import { goldenJson } from '../bundle/helpers'
import { categoryColumn, numberColumn } from './helpers'

describe('bundle reference statistics for drift', () => {
  it('numbers carry the population mean and std (ddof 0) of the present values', () => {
    const ref = referenceColumn('x', numberColumn('x', [1, 2, null, 4, 8]))
    expect(ref.mean).toBe(3.75)
    expect(ref.std).toBeCloseTo(Math.sqrt(((1 - 3.75) ** 2 + (2 - 3.75) ** 2 + (4 - 3.75) ** 2 + (8 - 3.75) ** 2) / 4), 14)
    expect(ref.missingShare).toBe(0.2)
  })

  it('numbers with at most 20 distinct values list each value’s share; more do not', () => {
    const flags = referenceColumn('flag', numberColumn('flag', [0, 1, 1, 1, null]))
    expect(flags.values).toEqual([{ value: 0, share: 0.25 }, { value: 1, share: 0.75 }])
    const twenty = referenceColumn('k', numberColumn('k', Array.from({ length: 40 }, (_, i) => i % REFERENCE_MAX_VALUES)))
    expect(twenty.values).toHaveLength(REFERENCE_MAX_VALUES)
    const many = referenceColumn('k', numberColumn('k', Array.from({ length: 40 }, (_, i) => i % (REFERENCE_MAX_VALUES + 1))))
    expect(many.values).toBeUndefined()
    expect(referenceColumn('c', categoryColumn('c', ['a', 'b'])).values).toBeUndefined()
  })

  it('the schema takes the new fields and bundles made before them still load', () => {
    const bundle = goldenJson('v2-logistic-vitals.json') as { reference: { columns: Record<string, unknown>[] } }
    expect(() => parseBundle(bundle)).not.toThrow()
    const age = bundle.reference.columns[0]
    Object.assign(age, { mean: 50, std: 12.5, values: [{ value: 1, share: 1 }] })
    expect(() => parseBundle(bundle)).not.toThrow()
    age.std = -1
    expect(() => parseBundle(bundle)).toThrow(/reference\.columns\[0\]\.std/)
  })
})
