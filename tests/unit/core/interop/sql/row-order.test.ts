import { describe, expect, it } from 'vitest'
import { RECIPE_FORMAT, recipeVersion, type CleaningRecipe, type CleaningStep } from '../../../../../src/core/clean/types'
import { cleanBothWays } from './duckdb-run'
import { random } from './dirty-data'

/**
 * Row order on a file big enough for DuckDB to read in parallel: the query
 * reads a view straight over read_csv (as the README shows), with 4 threads,
 * and the cleaned rows must come out in the file's order, as in the studio.
 */
describe('recipe as SQL: file order survives a parallel read in DuckDB', () => {
  it('100,000 rows through text, validation and dedupe come out in file order', async () => {
    const next = random(11)
    const lines = ['id,group,value,target']
    for (let i = 0; i < 100_000; i++) {
      const group = ['a', ' A', 'b', 'B ', 'NA', 'c'][Math.floor(next() * 6)]
      lines.push(`${i},${group},${Math.floor(next() * 1000)},${next() < 0.05 ? '' : next() < 0.5 ? 'yes' : 'no'}`)
    }
    const steps: CleaningStep[] = [
      { id: 't', kind: 'drop-missing-target', column: 'target' },
      { id: 'g', kind: 'standardize-text', columns: ['group'], trim: true, case: 'lower', valueMap: {} },
      { id: 'v', kind: 'validate', rules: [{ id: 'r', column: 'value', kind: 'range', min: 10, max: 990, action: 'drop-row' }] },
      { id: 'd', kind: 'dedupe', columns: ['group', 'value', 'target'] },
    ]
    const recipe: CleaningRecipe = { format: RECIPE_FORMAT, version: recipeVersion(steps), sourceColumns: ['id', 'group', 'value', 'target'], steps }
    const file = new TextEncoder().encode(lines.join('\n') + '\n')
    const { studio, diff } = await cleanBothWays(file, 'big.csv', recipe, { view: true, threads: 4, table: 'patients' })
    expect(studio.rowCount).toBeGreaterThan(2500)
    expect(diff).toEqual([])
  })
})
