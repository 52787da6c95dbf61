import { describe, expect, it, vi } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import { cells, makeTable, recipeOf } from './tables'

// danfojs that cannot run (e.g. a bundling problem): standardize-text falls back to core.
vi.mock('danfojs', () => ({
  Series: class {
    constructor() {
      throw new Error('no danfojs here')
    }
  },
}))

describe('standardize-text without a working danfojs', () => {
  it('runs in core, says so, and gives the same result', async () => {
    const t = makeTable({ sex: ['M', ' Female', 'male'] })
    const { table, reports } = await applyRecipe(t, recipeOf(t, [{ id: 's', kind: 'standardize-text', columns: ['sex'], trim: true, case: 'lower', valueMap: { m: 'male' } }]))
    expect(cells(table).sex).toEqual(['male', 'female', 'male'])
    expect(reports[0].engine).toBe('core')
    expect(reports[0].details[0]).toBe('danfojs could not run (no danfojs here); the text was standardised in core instead')
  })
})
