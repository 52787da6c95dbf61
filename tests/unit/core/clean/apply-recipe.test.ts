import { describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import type { CleaningStep } from '../../../../src/core/clean/types'
import { CancelledError, StudioError } from '../../../../src/core/errors'
import { cells, makeTable, recipeOf, snapshot } from './tables'

const steps: CleaningStep[] = [
  { id: 'text', kind: 'standardize-text', columns: ['sex'], trim: true, case: 'lower', valueMap: { m: 'male', f: 'female' } },
  { id: 'v', kind: 'validate', rules: [{ id: 'edss', column: 'edss', kind: 'range', min: 0, max: 10, action: 'set-missing' }] },
  { id: 'num', kind: 'convert', column: 'dose', to: 'number' },
  { id: 'dups', kind: 'dedupe', columns: null },
]

const source = () => makeTable({ sex: ['M', 'F', ' female', 'M'], edss: [2, 12, 3, 2], dose: ['1', '2', 'x', '1'] })

describe('applyRecipe: all or nothing', () => {
  it.each(['core', 'danfojs'] as const)('never writes into the input table (%s)', async (textEngine) => {
    const t = source()
    const before = snapshot(t)
    const arrays = t.columns.map((c) => (c.type === 'number' ? c.values : c.codes))
    const result = await applyRecipe(t, recipeOf(t, steps), { textEngine })
    expect(snapshot(t)).toEqual(before)
    expect(cells(result.table)).toEqual({ sex: ['male', 'female', 'female'], edss: [2, null, 3], dose: [1, 2, null] })
    // The result shares no buffer with the input.
    for (const c of result.table.columns) {
      const data = c.type === 'number' ? c.values : c.codes
      expect(arrays.some((a) => a.buffer === data.buffer)).toBe(false)
    }
  })

  it('a failing last step leaves the input untouched and returns no partial result', async () => {
    const t = source()
    const before = snapshot(t)
    // Passes the static checks; fails only when run, after the first four steps have run.
    const failing: CleaningStep = { id: 'kill', kind: 'validate', rules: [{ id: 'all', column: 'sex', kind: 'allowed', values: ['other'], action: 'drop-row' }] }
    const error = await applyRecipe(t, recipeOf(t, [...steps, failing])).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StudioError)
    expect((error as StudioError).code).toBe('recipe-removes-everything')
    expect((error as Error).message).toBe('recipe: step 5 (validate): removes every remaining row (3 of 3); nothing would be left to train on. Check its rules')
    expect(snapshot(t)).toEqual(before)
  })

  it('names the step and kind of a problem found while running', async () => {
    const t = makeTable({ a: [1, 2, null], b: [null, null, 1] })
    await expect(applyRecipe(t, recipeOf(t, [{ id: 'c', kind: 'drop-sparse-columns', maxMissingShare: 0.1 }]))).rejects.toThrow(
      'recipe: step 1 (drop-sparse-columns): every column has more than 10% of its cells missing; nothing would be left',
    )
  })

  it('checks a hand-made recipe object like a parsed one', async () => {
    const t = source()
    const bad = { ...recipeOf(t, []), steps: [{ id: 'x', kind: 'drop-sparse-rows', maxMissingShare: 2 }] } as never
    await expect(applyRecipe(t, bad)).rejects.toThrow('recipe: step 1 (drop-sparse-rows): field "maxMissingShare" must be a number from 0 to 1 (a share of cells), got 2')
  })

  it('cancels through the signal, returning nothing', async () => {
    const t = source()
    const controller = new AbortController()
    const seen: string[] = []
    const run = applyRecipe(t, recipeOf(t, steps), {
      signal: controller.signal,
      textEngine: 'core',
      onProgress: (p) => {
        seen.push(p.message ?? '')
        if (p.done === 1) controller.abort()
      },
    })
    await expect(run).rejects.toBeInstanceOf(CancelledError)
    expect(seen).toEqual(['step 1 (standardize-text)', 'step 2 (validate)'])
  })

  it('reports progress per step and a final count', async () => {
    const t = source()
    const progress: [number, number][] = []
    await applyRecipe(t, recipeOf(t, steps), { textEngine: 'core', onProgress: (p) => progress.push([p.done, p.total]) })
    expect(progress).toEqual([[0, 4], [1, 4], [2, 4], [3, 4], [4, 4]])
  })

  it('an empty recipe returns a copy with every row', async () => {
    const t = source()
    const { table, reports, sourceRows } = await applyRecipe(t, recipeOf(t, []))
    expect(cells(table)).toEqual(cells(t))
    expect(reports).toEqual([])
    expect(Array.from(sourceRows)).toEqual([1, 2, 3, 4])
  })
})
