import { describe, expect, it } from 'vitest'
import { RECIPE_FORMAT, RECIPE_VERSION } from '../../../src/core/clean/types'
import { DataSession } from '../../../src/core/data-session'

const CSV = ['id,age,response', '1,40,yes', '2,55,no', '3,61,Yes', '4,33,YES', '5,47,no', '6,52,n', '7,58,yes', '8,29,no'].join('\n')

describe('DataSession: the target profiled in the version asked for', () => {
  it('profiles the cleaned table by default and the file as read on request', async () => {
    const session = new DataSession()
    await session.load(new TextEncoder().encode(CSV), 'responses.csv')
    // As read: five spellings, so as a multiclass target it has five classes.
    expect(session.profileTarget('response', 'multiclass').classes.map((c) => c.label)).toEqual(['YES', 'Yes', 'n', 'no', 'yes'])
    await session.applyRecipe({
      format: RECIPE_FORMAT,
      version: RECIPE_VERSION,
      sourceColumns: ['id', 'age', 'response'],
      steps: [
        { id: 'spell', kind: 'standardize-text', columns: ['response'], trim: true, case: 'lower', valueMap: { n: 'no' } },
        { id: 'young', kind: 'validate', rules: [{ id: 'r', column: 'age', kind: 'range', min: 30, max: null, action: 'drop-row' }] },
      ],
    })
    const cleaned = session.profileTarget('response', 'binary')
    expect(cleaned.classes).toEqual([
      { label: 'no', count: 3, share: 3 / 7 },
      { label: 'yes', count: 4, share: 4 / 7 },
    ])
    expect(session.profileTarget('response', 'binary', 'cleaned')).toEqual(cleaned)
    // The original still has all 8 rows and its raw spellings: not a binary target.
    expect(session.profileTarget('response', 'multiclass', 'original').rows).toBe(8)
    expect(() => session.profileTarget('response', 'binary', 'original')).toThrow(/5 classes/)
  })
})
