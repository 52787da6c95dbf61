import { readFileSync } from 'node:fs'
import { applyRecipe } from '../../src/core/clean/apply-recipe'
import { parseRecipe } from '../../src/core/clean/parse-recipe'
import { recipeToSql } from '../../src/core/interop/sql'
import { readDataFile } from '../../src/core/table/read/read-file'
import { differences, duckdbWithFile, runQuery } from '../unit/core/interop/sql/duckdb-run'
import { test, expect } from './fixtures'
import { CleanPage } from './pages/CleanPage'
import { SAMPLE_DIR } from './pages/StudioPage'

test('Clean page: download the recipe as SQL, run it with DuckDB on the raw MS sample, get the page’s cleaned table', async ({ studio, page }) => {
  await studio.goto()
  await page.getByRole('button', { name: 'Multiple sclerosis treatment response (synthetic)' }).click()
  await studio.expectDataset('ms-treatment.csv', '1,500', '10')
  await studio.openSection('Clean')
  const clean = new CleanPage(page)
  await clean.addAllSuggestions()
  await expect(clean.cleanedSize()).not.toHaveText(/^1,500 rows/)
  const cleanedRows = Number((await clean.cleanedSize().innerText()).split(' ')[0].replace(/,/g, ''))
  const recipe = parseRecipe((await studio.downloadText(page.getByRole('button', { name: 'Export recipe' }))).text)
  // The exported recipe records how the page read each column, so `npm run export -- --recipe … --sql …` needs no --data.
  expect(recipe.sourceSchema?.map((c) => c.name)).toEqual(recipe.sourceColumns)
  expect(recipe.sourceSchema?.find((c) => c.name === 'age')?.type).toBe('number')

  const duck = await clean.downloadSql('DuckDB')
  expect(duck.name).toBe('ms-treatment.duckdb.sql')
  const bytes = new Uint8Array(readFileSync(`${SAMPLE_DIR}ms-treatment.csv`))
  const con = await duckdbWithFile(bytes)
  const result = await runQuery(con, duck.text)
  con.closeSync()
  expect(result.rows.length).toBe(cleanedRows)
  const { table } = await readDataFile(bytes, 'ms-treatment.csv')
  const studioTable = (await applyRecipe(table, recipe, { textEngine: 'core' })).table
  expect(differences(studioTable, result)).toEqual([])
  expect(recipeToSql(recipe, undefined, { dialect: 'duckdb' })).toBe(duck.text)

  const spark = await clean.downloadSql('Spark SQL')
  expect(spark.name).toBe('ms-treatment.spark.sql')
  expect(spark.text).toContain('monotonically_increasing_id()')

  // A step with no SQL form is refused by name, on the page as in the CLI.
  await clean.addStep('Remove mostly-empty columns')
  await expect(clean.steps().getByRole('listitem').filter({ has: page.locator(':scope > .step-head') })).toHaveCount(recipe.steps.length + 1)
  await page.getByRole('button', { name: 'Download SQL' }).click()
  const refusal = page.getByRole('alert').filter({ hasText: 'No SQL for this recipe' })
  await expect(refusal).toContainText('removing mostly-empty columns decides from the data which columns remain')
  await refusal.getByRole('button', { name: 'Dismiss message' }).click()
  await expect(refusal).toHaveCount(0)
})
