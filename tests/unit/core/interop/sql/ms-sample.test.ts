import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { proposeRecipe } from '../../../../../src/core/clean/propose-recipe'
import { profileTable } from '../../../../../src/core/table/profile/profile'
import { fileURLToPath } from 'node:url'
import { applyRecipe } from '../../../../../src/core/clean/apply-recipe'
import { recipeToSql, sourceSchema } from '../../../../../src/core/interop/sql'
import { cleanBothWays, differences, duckdbConnection, runQuery, studioRead } from './duckdb-run'

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

  it('the Parquet copy (typed DOUBLE columns, cast to text by the query) gives the same table as the studio reading the Parquet file', async () => {
    const parquet = new Uint8Array(readFileSync(new URL('../../../../../sample-data/ms-treatment.parquet', import.meta.url)))
    const { table } = await studioRead(parquet, 'ms-treatment.parquet')
    const recipe = proposeRecipe(table, profileTable(table), 'treatment_response')
    const studio = await applyRecipe(table, recipe, { textEngine: 'core' })
    const sql = recipeToSql(recipe, sourceSchema(table.columns), { dialect: 'duckdb' })
    const con = await duckdbConnection()
    const path = fileURLToPath(new URL('../../../../../sample-data/ms-treatment.parquet', import.meta.url))
    await con.run(`CREATE VIEW input AS SELECT * FROM read_parquet('${path}')`)
    expect(differences(studio.table, await runQuery(con, sql))).toEqual([])
    con.closeSync()
  })

  it('refuses a source table named like one of the query\'s own steps', async () => {
    const { table } = await studioRead(bytes, 'ms-treatment.csv')
    const recipe = proposeRecipe(table, profileTable(table), 'treatment_response')
    expect(() => recipeToSql(recipe, sourceSchema(table.columns), { dialect: 'duckdb', table: 'source' })).toThrow(expect.objectContaining({ code: 'sql/table-name' }))
    expect(() => recipeToSql(recipe, sourceSchema(table.columns), { dialect: 'spark', table: 'raw patients' })).toThrow(expect.objectContaining({ code: 'sql/table-name' }))
  })
})
