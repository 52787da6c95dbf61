import { test, expect } from './fixtures'
import { SAMPLE_DIR } from './pages/StudioPage'

test('drop the Parkinson CSV, train, reload, find the run and download its model bundle', async ({ studio, page }) => {
  await studio.goto()
  // The sample is loaded on start; dropping a file replaces it with the dropped copy.
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.dropFile(`${SAMPLE_DIR}parkinsons.csv`, 'my-patients.csv')
  await studio.expectDataset('my-patients.csv', '2,105', '35')
  await expect(page.getByRole('table', { name: 'Column profile' }).getByRole('row', { name: /PatientID/ })).toContainText('identifier')

  await studio.chooseTarget('Diagnosis')
  await expect(page.getByLabel('Task')).toHaveValue('binary')
  await expect(page.getByLabel('Use PatientID as a feature')).not.toBeChecked()
  await expect(page.getByLabel('Use UPDRS as a feature')).toBeChecked()

  await studio.openSection('Train')
  await studio.train()
  const auc = await studio.metric('ROC AUC')
  expect(auc).toBeGreaterThan(0.5)
  expect(await studio.metric('Accuracy')).toBeGreaterThan(0.5)
  await expect(page.getByRole('img', { name: /ROC curve of the held-out rows/ })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Confusion matrix' })).toBeVisible()

  await page.reload()
  await studio.openSection('Runs')
  const row = studio.runsTable().getByRole('row').filter({ hasText: 'my-patients.csv' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('finished')
  await expect(row).toContainText(auc.toFixed(3))
  await expect(row).toContainText('Logistic regression')

  await row.getByRole('button', { name: /^Open the Logistic regression run/ }).click()
  // One download per panel: the run's details no longer repeat the results' "Download model bundle".
  await expect(page.getByRole('button', { name: /^Download model/ })).toHaveCount(1)
  const { name, text } = await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))
  expect(name).toBe('my-patients-Diagnosis-logistic.model.json')
  const bundle = JSON.parse(text)
  expect(bundle.format).toBe('clinical-ml-studio/model-bundle')
  expect(bundle.version).toBe(2)
  expect(bundle.task).toBe('binary')
  expect(bundle.target).toEqual({ name: 'Diagnosis', labels: ['0', '1'], positiveLabel: '1' })
  expect(bundle.inputSchema.map((c: { name: string }) => c.name)).not.toContain('PatientID')
  expect(bundle.inputSchema).toContainEqual(expect.objectContaining({ name: 'UPDRS', type: 'number', min: expect.any(Number), max: expect.any(Number) }))
  expect(bundle.pipeline.steps.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(['impute', 'scale']))
  expect(bundle.model.family).toBe('logistic')
  expect(bundle.model.coef).toHaveLength(bundle.pipeline.featureNames.length)
  expect(bundle.metrics.heldOut.auc).toBeCloseTo(auc, 3)
  // What serving and monitoring need travels too: ten golden cases and the training rows' reference statistics.
  expect(bundle.golden).toHaveLength(10)
  expect(bundle.reference.columns.map((c: { name: string }) => c.name)).toContain('UPDRS')
  expect(bundle.dataset).toMatchObject({ name: 'my-patients.csv', rows: 2105, columns: 35 })
})
