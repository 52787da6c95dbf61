import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { proposeRecipe } from '../../../../../src/core/clean/propose-recipe'
import { profileTable } from '../../../../../src/core/table/profile/profile'
import { cleanBothWays, studioRead } from './duckdb-run'

const bytes = new Uint8Array(readFileSync(new URL('../../../../../sample-data/ms-treatment.csv', import.meta.url)))

describe('recipe as SQL: the MS sample in DuckDB equals the studio', () => {
  it('the proposed recipe gives the same table, row by row and cell by cell', async () => {
    const { table } = await studioRead(bytes, 'ms-treatment.csv')
    const recipe = proposeRecipe(table, profileTable(table), 'treatment_response')
    expect(recipe.steps.length).toBeGreaterThan(2)
    const { studio, result, diff } = await cleanBothWays(bytes, 'ms-treatment.csv', recipe)
    expect(diff).toEqual([])
    expect(result.rows.length).toBe(studio.rowCount)
    expect(studio.rowCount).toBeLessThan(table.rowCount)
  })
})
