import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { readDataFile } from '../../src/core/table/read/read-file'
import { test, expect } from './fixtures'
import { SAMPLE_DIR } from './pages/StudioPage'

/** Missing cells of the raw MS file, counted here from the file itself. */
async function missingCellsInFile(): Promise<number> {
  const { table } = await readDataFile(new Uint8Array(readFileSync(`${SAMPLE_DIR}ms-treatment.csv`)), 'ms-treatment.csv')
  let missing = 0
  for (const column of table.columns) {
    if (column.type === 'number') for (const v of column.values) missing += Number.isNaN(v) ? 1 : 0
    else for (const code of column.codes) missing += code < 0 ? 1 : 0
  }
  return missing
}

const number = (text: string) => Number(text.replace(/[^\d.]/g, ''))

/** The sum of the column table's "Missing" cells (every row of a 10-column table is drawn). */
async function missingInColumnTable(page: Page): Promise<number> {
  const cells = await page.getByRole('table', { name: 'Column profile' }).locator('tbody tr[data-column] td:nth-of-type(3)').allInnerTexts()
  expect(cells).toHaveLength(10)
  return cells.reduce((sum, text) => sum + number(text.split(' ')[0]), 0)
}

test('after cleaning, every figure on the Data page comes from the version shown: cleaned by default, original on request', async ({ studio, page }) => {
  await studio.goto()
  await page.getByRole('button', { name: 'Multiple sclerosis treatment response (synthetic)' }).click()
  await studio.expectDataset('ms-treatment.csv', '1,500', '10')
  const fileMissing = await missingCellsInFile()
  await expect(page.getByTestId('missing-cells')).toHaveText(fileMissing.toLocaleString('en-US'))
  // Before any cleaning there is one version and nothing to choose.
  await expect(page.getByRole('radio', { name: 'Original' })).toHaveCount(0)

  await studio.openSection('Clean')
  await page.getByRole('button', { name: 'Add all suggestions' }).click()
  const cleanedSize = page.getByTestId('cleaned-size')
  await expect(cleanedSize).not.toHaveText(/^1,500 rows/)
  const cleanedRows = (await cleanedSize.innerText()).split(' ')[0]

  await studio.openSection('Data')
  // Cleaned by default: header, column table, first rows and target summary agree.
  await expect(page.getByRole('radio', { name: 'Cleaned' })).toBeChecked()
  await expect(page.getByTestId('cleaning-change')).toHaveText(`1,500 rows → ${cleanedRows} after cleaning`)
  await expect(page.getByTestId('row-count')).toHaveText(cleanedRows)
  const cleanedMissing = number(await page.getByTestId('missing-cells').innerText())
  expect(cleanedMissing).toBeLessThan(fileMissing)
  expect(await missingInColumnTable(page)).toBe(cleanedMissing)
  await expect(page.getByRole('heading', { name: 'First 20 rows of the cleaned data' })).toBeVisible()
  await expect(page.getByRole('heading', { name: /Columns · cleaned data/ })).toBeVisible()
  const balance = page.getByLabel('Class balance')
  await expect(balance).toHaveText(/^no: [\d,]+ \(\d+%\) · yes: [\d,]+ \(\d+%\)$/)
  const classRows = (await balance.innerText()).match(/: ([\d,]+) \(/g)!.map((m) => number(m))
  expect(classRows.reduce((a, b) => a + b, 0)).toBe(number(cleanedRows))

  // The original: the file's own figures everywhere.
  await studio.showDataVersion('Original')
  await expect(page.getByTestId('row-count')).toHaveText('1,500')
  await expect(page.getByTestId('missing-cells')).toHaveText(fileMissing.toLocaleString('en-US'))
  expect(await missingInColumnTable(page)).toBe(fileMissing)
  await expect(page.getByRole('heading', { name: 'First 20 rows of the original data' })).toBeVisible()
  await expect(page.getByRole('heading', { name: /Columns · original data/ })).toBeVisible()
  // The raw target has seven spellings of yes and no: its summary says so instead of showing the cleaned balance.
  const target = page.getByRole('group', { name: 'Target summary' })
  await expect(target).toContainText('In the original data, treatment_response cannot be summarised as binary classification')
  await expect(target).toContainText('7 classes')
  await expect(balance).toHaveCount(0)
  // Training still uses the cleaned data, whatever the page shows.
  await studio.openSection('Train')
  await expect(page.getByText(new RegExp(`from \\d+ feature columns? and ${cleanedRows} rows`))).toBeVisible()
  await studio.openSection('Data')
  await expect(page.getByRole('radio', { name: 'Original' })).toBeChecked()
  await studio.showDataVersion('Cleaned')
  await expect(page.getByTestId('row-count')).toHaveText(cleanedRows)
  await expect(balance).toHaveText(/^no: [\d,]+ \(\d+%\) · yes: [\d,]+ \(\d+%\)$/)
})
