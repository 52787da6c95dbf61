import { Predictor } from '../../src/core/bundle/predictor'
import { test, expect } from './fixtures'

test.setTimeout(180_000)

test('the threshold chosen on the Evaluate page and the cross-validated metrics travel in the final model’s bundle', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Evaluate')
  await page.getByRole('button', { name: /^Cross-validate / }).click()
  const threshold = page.getByLabel(/^Call a row "1" when its probability is at least/)
  await expect(threshold).toBeVisible({ timeout: 120_000 })
  await threshold.fill('0.3')
  await expect(page.locator('output[for="threshold"]')).toHaveText('0.30')
  await page.getByRole('button', { name: 'Train the final Logistic regression model' }).click()
  await page.getByRole('button', { name: 'Open the run of Logistic regression (trial 1)' }).click({ timeout: 60_000 })
  const { text } = await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))
  const predictor = Predictor.fromBundle(JSON.parse(text))
  const { bundle } = predictor
  expect(bundle.threshold).toBe(0.3)
  expect(bundle.metrics.crossValidated?.auc?.mean).toBeGreaterThan(0.8)
  expect(bundle.golden).toHaveLength(10)
  expect(bundle.reference?.scores.source).toBe('training')
  // Labels follow the chosen threshold.
  const answer = predictor.predictRecords({ columns: bundle.golden.length ? Object.keys(bundle.golden[0].input) : [], rows: bundle.golden.map((g) => Object.values(g.input)) })
  for (const row of answer.rows) expect(row!.label).toBe(row!.probabilities!['1'] >= 0.3 ? '1' : '0')
})
