import { readFileSync } from 'node:fs'
import { Predictor } from '../../src/core/bundle/predictor'
import { readDataFile } from '../../src/core/table/read/read-file'
import type { Table } from '../../src/core/types'
import { test, expect } from './fixtures'
import { SAMPLE_DIR } from './pages/StudioPage'

/** Rows of the raw MS file that break the proposed clinical rules, counted here independently of the studio. */
async function countImpossibleRows(): Promise<number> {
  const { table } = await readDataFile(new Uint8Array(readFileSync(`${SAMPLE_DIR}ms-treatment.csv`)), 'ms-treatment.csv')
  const values = (t: Table, name: string) => (t.columns.find((c) => c.name === name) as { values: Float64Array }).values
  const age = values(table, 'age'), edss = values(table, 'edss'), lesions = values(table, 'lesion_count')
  const lesionVolume = values(table, 'lesion_volume_ml'), brain = values(table, 'whole_brain_volume_ml')
  let bad = 0
  for (let i = 0; i < table.rowCount; i++) {
    if (age[i] < 18 || age[i] > 120 || edss[i] < 0 || edss[i] > 10 || lesions[i] < 0 || lesionVolume[i] < 0 || brain[i] <= 0) bad++
  }
  return bad
}

test('MS sample: accept the proposed rules, see invalid rows removed, train, download the cleaned Parquet', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await page.getByRole('button', { name: 'Multiple sclerosis treatment response (synthetic)' }).click()
  await studio.expectDataset('ms-treatment.csv', '1,500', '10')

  await studio.openSection('Clean')
  const impossible = await countImpossibleRows()
  expect(impossible).toBeGreaterThan(10)
  await page.getByRole('button', { name: /^Add: Check \d+ validation rules/ }).click()
  const cleanedSize = page.getByTestId('cleaned-size')
  await expect(cleanedSize).toHaveText(`${(1500 - impossible).toLocaleString('en-US')} rows × 10 columns`)
  const rules = page.getByRole('table', { name: 'Validation rules' })
  await expect(rules.getByRole('row')).toHaveCount(6) // header + 5 proposed rules
  await page.getByRole('button', { name: /Show affected rows/ }).click()
  await expect(page.getByRole('table', { name: /Rows affected by step 1/ })).toContainText('row removed')

  // Accept the rest (spellings, rows without a target), so treatment_response has two classes.
  await page.getByRole('button', { name: 'Add all suggestions' }).click()
  await expect(page.getByRole('list', { name: 'Recipe steps' }).getByRole('listitem').filter({ has: page.locator(':scope > .step-head') })).not.toHaveCount(1)
  await expect(cleanedSize).not.toHaveText(`${(1500 - impossible).toLocaleString('en-US')} rows × 10 columns`)
  const cleanedRows = Number((await cleanedSize.innerText()).split(' ')[0].replace(/,/g, ''))
  expect(cleanedRows).toBeLessThan(1500 - impossible)

  await studio.openSection('Data')
  await expect(page.getByLabel('Task')).toHaveValue('binary')
  await studio.openSection('Train')
  await studio.train()
  expect(await studio.metric('ROC AUC')).toBeGreaterThan(0.5)
  // The model bundle carries the recipe's row-level steps, so a raw record "M" or EDSS 12 is cleaned as training rows were.
  const { text: bundleText } = await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))
  const predictor = Predictor.fromBundle(JSON.parse(bundleText))
  expect(predictor.bundle.cleaning.steps.map((s) => s.kind).sort()).toEqual(['standardize-text', 'standardize-text', 'standardize-text', 'validate'])
  const record = (gender: string, edss: number) => [41, gender, 'RRMS', 'Fingolimod', 26, 5.72, 1360.4, edss]
  const answer = predictor.predictRecords({ columns: predictor.inputSchema.map((c) => c.name), rows: [record('M', 3.5), record('Male', 3.5), record('Male', 12)] })
  expect(answer.rows[0]).toEqual(answer.rows[1])
  expect(answer.rows[2]).toBeNull()

  await studio.openSection('Clean')
  const download = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download cleaned Parquet' }).click()])
  expect(download[0].suggestedFilename()).toBe('ms-treatment.cleaned.parquet')
  const bytes = new Uint8Array(readFileSync(await download[0].path()))
  const { table } = await readDataFile(bytes, 'cleaned.parquet')
  expect(table.rowCount).toBe(cleanedRows)
  const edss = (table.columns.find((c) => c.name === 'edss') as { values: Float64Array }).values
  expect(Array.from(edss).every((v) => Number.isNaN(v) || (v >= 0 && v <= 10))).toBe(true)
  const response = table.columns.find((c) => c.name === 'treatment_response') as { levels: string[] }
  expect([...response.levels].sort()).toEqual(['no', 'yes'])
})

test('a recipe is kept for the same data after a reload, and a recipe for other data is refused', async ({ studio, page }) => {
  await studio.goto()
  await page.getByRole('button', { name: 'Multiple sclerosis treatment response (synthetic)' }).click()
  await studio.expectDataset('ms-treatment.csv', '1,500', '10')
  await studio.openSection('Clean')
  await page.getByRole('button', { name: 'Add all suggestions' }).click()
  const cleanedSize = page.getByTestId('cleaned-size')
  await expect(cleanedSize).not.toHaveText(/^1,500 rows/)
  const size = await cleanedSize.innerText()
  const { text: recipeText } = await studio.downloadText(page.getByRole('button', { name: 'Export recipe' }))
  expect(JSON.parse(recipeText)).toMatchObject({ format: 'clinical-ml-studio/cleaning-recipe', version: 1 })

  await page.reload()
  await page.getByRole('button', { name: 'Multiple sclerosis treatment response (synthetic)' }).click()
  // The recipe is restored as soon as the file is read, so the Data page settles on the cleaned rows
  // (it shows the cleaned version whenever there is one); catching the 1,500 raw rows first would be a race.
  const [, rowsAfter, columnsAfter] = /^([\d,]+) rows × (\d+) columns/.exec(size)!
  await studio.expectDataset('ms-treatment.csv', rowsAfter, columnsAfter)
  await studio.openSection('Clean')
  await expect(page.getByText(/Restored the cleaning recipe/)).toBeVisible()
  await expect(cleanedSize).toHaveText(size)

  // The MS recipe does not fit the Parkinson data: refused with the missing columns named, nothing applied.
  await studio.openSection('Data')
  await page.getByRole('button', { name: "Parkinson's disease (synthetic)" }).click()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Clean')
  await page.getByLabel('Import a cleaning recipe').setInputFiles({ name: 'ms.recipe.json', mimeType: 'application/json', buffer: Buffer.from(recipeText) })
  await expect(studio.errorAlert()).toContainText('edss')
  await expect(cleanedSize).toHaveText('2,105 rows × 35 columns')
})
