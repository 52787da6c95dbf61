import { test, expect } from './fixtures'
import { RunsPage } from './pages/RunsPage'

test.setTimeout(240_000)

test.beforeEach(async ({ studio }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
})

test('results name the model and run, are marked as the previous run’s while the next trains, and a net without early stopping keeps no epoch', async ({ studio, page }) => {
  await studio.train()
  const title = page.getByRole('heading', { level: 2, name: /^(Previous run: )?(Logistic regression|Neural network)/ })
  await expect(title).toHaveText(/^Logistic regression · \d\d:\d\d:\d\d$/)
  await expect(studio.results().getByRole('button', { name: /^Download model/ })).toHaveCount(1)

  await page.getByLabel('Model family').selectOption({ label: 'Neural network (MLP)' })
  await page.getByLabel('Early-stopping patience').fill('0')
  await page.getByLabel('Maximum epochs').fill('60')
  await page.getByRole('button', { name: 'Train model' }).click()
  // While the net trains, the logistic regression's results are on screen only as the previous run's.
  await expect(page.getByRole('region', { name: 'Previous results', exact: true })).toBeVisible()
  await expect(title).toHaveText(/^Previous run: Logistic regression · /)
  await expect(page.getByText('A newer run is training. These are the results of the run before it')).toBeVisible()
  await expect(studio.results()).toHaveCount(0)

  await expect(studio.results()).toBeVisible({ timeout: 120_000 })
  await expect(title).toHaveText(/^Neural network \(MLP\) · \d\d:\d\d:\d\d$/)
  await expect(page.getByRole('region', { name: 'Previous results', exact: true })).toHaveCount(0)
  const smallPrint = studio.results().getByText(/^Fitted on /)
  await expect(smallPrint).toContainText('Fitted on')
  await expect(smallPrint).not.toContainText('early stopping')
  await expect(smallPrint).not.toContainText('kept')
})

test('the runs table marks held-out and cross-validated runs, and filters on it', async ({ studio, page }) => {
  await studio.train()
  await studio.openSection('Evaluate')
  await page.getByLabel('Method').selectOption('random')
  await page.getByLabel('Candidates').fill('2')
  await page.getByRole('button', { name: 'Start search' }).click()
  await expect(page.getByRole('button', { name: /^Open the run of Logistic regression \(trial \d\)/ })).toBeVisible({ timeout: 120_000 })

  await studio.openSection('Runs')
  const runs = new RunsPage(page)
  await expect(runs.rows()).toHaveCount(2)
  expect((await runs.columnTexts('Validation')).sort()).toEqual(['5-fold CV', 'held-out 20%'])
  await page.getByLabel('Validation method').selectOption({ label: 'Cross-validation' })
  await expect(runs.rows()).toHaveCount(1)
  expect(await runs.columnTexts('Validation')).toEqual(['5-fold CV'])
  await page.getByLabel('Validation method').selectOption({ label: 'Held-out split' })
  expect(await runs.columnTexts('Validation')).toEqual(['held-out 20%'])
  await page.getByLabel('Show search trials').check()
  await page.getByLabel('Validation method').selectOption({ label: 'Cross-validation' })
  await expect(runs.rows()).toHaveCount(3) // the search's final model and its two trials
})
