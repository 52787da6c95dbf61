import { test, expect } from './fixtures'

test.setTimeout(300_000)

test.beforeEach(async ({ studio }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
})

test('a 5-fold random search of 8 trials advances, and a second search cancelled midway keeps its finished trials', async ({ studio, page }) => {
  await studio.openSection('Evaluate')
  await expect(page.getByLabel('Scheme')).toHaveValue('stratified')
  await expect(page.getByLabel('Folds (k)')).toHaveValue('5')
  await page.getByLabel('Method').selectOption('random')
  await page.getByLabel('Candidates').fill('8')
  await page.getByRole('button', { name: 'Start search' }).click()
  const progress = page.getByRole('progressbar', { name: 'Progress of the search' })
  await expect(progress).toHaveAttribute('aria-valuenow', '8', { timeout: 120_000 })
  const trials = page.getByRole('table', { name: 'Trials' }).getByRole('row')
  await expect(trials).toHaveCount(9)
  await expect(page.getByRole('table', { name: 'Trials' })).not.toContainText('queued')
  await expect(page.getByRole('table', { name: 'Cross-validated metrics' })).toContainText('ROC AUC')
  // The best trial is refitted as a run.
  await expect(page.getByRole('button', { name: /^Open the run of Logistic regression \(trial \d\)/ })).toBeVisible({ timeout: 60_000 })

  // A slower search (boosting), cancelled once a trial has finished.
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Gradient boosting' })
  await page.getByLabel('Boosting rounds').fill('2000')
  await studio.openSection('Evaluate')
  await page.getByRole('button', { name: 'Start search' }).click()
  await expect(page.getByRole('heading', { name: 'Random search of Gradient boosting' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Trials' })
  const status = (text: string) => table.getByRole('cell', { name: text, exact: true })
  await expect(status('done').first()).toBeVisible({ timeout: 180_000 })
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(progress).toHaveAttribute('aria-valuetext', /cancelled/)
  const done = await status('done').count()
  expect(done).toBeGreaterThanOrEqual(1)
  expect(done).toBeLessThan(8)
  expect(await status('cancelled').count()).toBe(8 - done)
  // The first search's trials are kept as child runs of its final model.
  await studio.openSection('Runs')
  await expect(studio.runsTable().getByRole('row')).toHaveCount(2) // header + the search's final model
  await page.getByLabel('Show search trials').check()
  await expect(studio.runsTable().getByRole('row')).toHaveCount(10) // + 8 trials
  await studio.openSection('Evaluate')
  // Finished trials keep their scores.
  await expect(table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'done', exact: true }) }).first()).toContainText(/0\.\d{3} ± 0\.\d{3}/)
})

test('the leaderboard ranks every family that can classify', async ({ studio, page }) => {
  await studio.openSection('Evaluate')
  await page.getByRole('button', { name: 'Run the leaderboard' }).click()
  const progress = page.getByRole('progressbar', { name: 'Progress of the leaderboard' })
  await expect(progress).toHaveAttribute('aria-valuetext', /finished/, { timeout: 240_000 })
  const rows = page.getByRole('table', { name: 'Leaderboard' }).getByRole('row')
  await expect(rows).toHaveCount(6) // header + logistic, tree, forest, boosting, neural net
  for (const family of ['Logistic regression', 'Decision tree', 'Random forest', 'Gradient boosting', 'Neural network']) {
    await expect(page.getByRole('table', { name: 'Leaderboard' })).toContainText(family)
  }
  // Ranked: the AUC column is sorted from best to worst.
  const aucs = await rows.locator('td:nth-child(4)').allInnerTexts()
  const means = aucs.map((t) => Number(t.split(' ')[0]))
  expect(means).toEqual([...means].sort((a, b) => b - a))
  expect(means[0]).toBeGreaterThan(0.8)
  // Every entry is kept as a cross-validated run that its row opens.
  await page.getByRole('button', { name: 'Open the run of Random forest' }).click()
  await expect(page.getByRole('group', { name: 'ROC AUC cross-validated' })).toBeVisible()
})

test('folds the data cannot support are refused before any training, with the reason core gives the CLI too (no locked test split here, so all 4 "Yes" rows count)', async ({ studio, page }) => {
  await page.getByRole('button', { name: 'Multiple sclerosis treatment response (synthetic)' }).click()
  await studio.expectDataset('ms-treatment.csv', '1,500', '10')
  await studio.openSection('Evaluate')
  await page.getByRole('button', { name: /^Cross-validate / }).click()
  const refusal = page.getByRole('alert').filter({ hasText: 'Not started' })
  await expect(refusal).toContainText('The number of folds (5) is larger than the smallest class (class "Yes" has 4 rows); use at most 4 folds.', { timeout: 60_000 })
  await expect(page.getByRole('progressbar', { name: 'Progress of the cross-validation' })).toHaveCount(0)
})
