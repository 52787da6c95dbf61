import { readFileSync } from 'node:fs'
import { test, expect } from './fixtures'
import { SAMPLE_DIR } from './pages/StudioPage'

test('pick the Parkinson Parquet file, train, reload, find the run and download its bundle', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  const csvFingerprint = await page.getByText(/^[0-9a-f]{16}$/).innerText()
  await studio.pickFile('parkinsons.parquet', readFileSync(`${SAMPLE_DIR}parkinsons.parquet`))
  await studio.expectDataset('parkinsons.parquet', '2,105', '35')
  await expect(page.getByText(/^PARQUET ·/)).toBeVisible()
  // Same content as the CSV sample, so the same fingerprint.
  await expect(page.getByText(/^[0-9a-f]{16}$/)).toHaveText(csvFingerprint)

  await studio.chooseTarget('Diagnosis')
  await studio.openSection('Train')
  await studio.train()
  const auc = await studio.metric('ROC AUC')
  expect(auc).toBeGreaterThan(0.5)

  await page.reload()
  await studio.openSection('Runs')
  const row = studio.runsTable().getByRole('row').filter({ hasText: 'parkinsons.parquet' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(auc.toFixed(3))
  await row.getByRole('button', { name: /^Open the Logistic regression run/ }).click()
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('group', { name: 'ROC AUC' })).toContainText(auc.toFixed(3))
  const { text } = await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))
  const bundle = JSON.parse(text)
  expect(bundle).toMatchObject({ format: 'clinical-ml-studio/model-bundle', version: 2, dataset: { name: 'parkinsons.parquet' } })
  expect(bundle.inputSchema.length).toBe(32)
})
