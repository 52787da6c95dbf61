import { readFileSync } from 'node:fs'
import { test, expect } from './fixtures'
import { PredictPage } from './pages/PredictPage'
import { RegistryPage } from './pages/RegistryPage'
import { RunsPage } from './pages/RunsPage'
import { SAMPLE_DIR } from './pages/StudioPage'

test.setTimeout(240_000)

/** The first data row of a sample CSV as a record (column name → text). */
function firstRecord(file: string): Record<string, string> {
  const [header, row] = readFileSync(`${SAMPLE_DIR}${file}`, 'utf8').split(/\r?\n/)
  const names = header.split(',')
  const cells = row.split(',')
  return Object.fromEntries(names.map((n, i) => [n, cells[i]]))
}

test('the Predict page opens on the Production version; the form answers with a class, a probability against the threshold and a waterfall', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Gradient boosting' })
  await studio.train()
  await page.getByLabel('Model family').selectOption({ label: 'Logistic regression' })
  await studio.train()

  // Two versions; the older (gradient boosting) goes to Production, so "newest" would be the wrong default.
  await studio.openSection('Runs')
  const runs = new RunsPage(page)
  await runs.register(1, 'Parkinson screening', 1)
  await runs.register(0, 'Parkinson screening', 2)
  await studio.openSection('Registry')
  const registry = new RegistryPage(page)
  await registry.move('Parkinson screening', 1, { to: 'Production' })
  await registry.expectStage('Parkinson screening', 1, 'Production')

  await studio.openSection('Predict')
  const predict = new PredictPage(page)
  await predict.expectModelLoaded()
  expect(await predict.chosenModel()).toBe('Parkinson screening · version 1 · Production')
  await expect(page.getByTestId('model-summary')).toContainText('Gradient boosting predicting Diagnosis')
  await expect(predict.threshold()).toHaveValue('0.5')

  // Every field is labelled with its column; a value outside the training range is flagged, not refused.
  const fields = await predict.fieldNames()
  expect(fields).toContain('Age')
  expect(fields).not.toContain('Diagnosis')
  const record = firstRecord('parkinsons.csv')
  await predict.fill(record)
  await predict.field('Age').fill('140')
  await expect(predict.field('Age')).toHaveAccessibleDescription(/140 is above the training range/)
  await predict.field('Age').fill(record.Age)
  await expect(predict.field('Age')).not.toHaveAccessibleDescription(/above the training range/)

  // Enter in a field sends the form, as a keyboard user expects.
  await predict.field('Age').press('Enter')
  await expect(predict.predictedClass()).toHaveText(/^[01]$/)
  const probability = Number(await predict.probability().innerText())
  expect(probability).toBeGreaterThanOrEqual(0)
  expect(probability).toBeLessThanOrEqual(1)
  await expect(predict.predictedClass()).toHaveText(probability >= 0.5 ? '1' : '0')
  await expect(predict.decision()).toContainText('the threshold of 0.5')
  await expect(predict.waterfall().locator('svg').first()).toBeVisible()
  await expect(predict.answer().getByTestId('explanation-method')).toHaveText('exact TreeSHAP')

  // Moving the threshold past the probability flips the class, with no new request to the model.
  await predict.threshold().fill(probability >= 0.5 ? '0.999' : '0.001')
  await expect(predict.predictedClass()).toHaveText(probability >= 0.5 ? '0' : '1')
  await studio.expectPlainMessages()

  // A file larger than a page of the table is read a page at a time.
  const lines = readFileSync(`${SAMPLE_DIR}parkinsons.csv`, 'utf8').split(/\r?\n/)
  await predict.pickBatchFile('first-120.csv', Buffer.from(`${lines.slice(0, 121).join('\n')}\n`))
  await expect(predict.batchSummary()).toHaveText('first-120.csv: 120 rows, 120 scored.')
  const pages = page.getByRole('navigation', { name: 'Pages of predictions' })
  await expect(pages.getByRole('status')).toHaveText('Rows 1–50 of 120')
  await expect(predict.predictionsTable().locator('tbody').getByRole('row')).toHaveCount(50)
  await pages.getByRole('button', { name: 'Next rows' }).click()
  await pages.getByRole('button', { name: 'Next rows' }).click()
  await expect(pages.getByRole('status')).toHaveText('Rows 101–120 of 120')
  await expect(predict.predictionsTable().locator('tbody').getByRole('row')).toHaveCount(20)
  await expect(predict.predictionsTable().locator('tbody').getByRole('rowheader').first()).toHaveText('101')
  await expect(pages.getByRole('button', { name: 'Next rows' })).toBeDisabled()
})
