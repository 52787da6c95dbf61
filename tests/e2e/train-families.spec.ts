import { test, expect } from './fixtures'

test.setTimeout(240_000)

test.beforeEach(async ({ studio }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
})

test('a random forest and gradient boosting train in workers and report their extras', async ({ studio, page }) => {
  await page.getByLabel('Model family').selectOption({ label: 'Random forest' })
  await studio.train()
  expect(await studio.metric('ROC AUC')).toBeGreaterThan(0.8)
  await expect(page.getByText(/out-of-bag accuracy 0\.\d{3}/)).toBeVisible()

  await page.getByLabel('Model family').selectOption({ label: 'Gradient boosting' })
  await page.getByRole('button', { name: 'Train model' }).click()
  await expect(page.getByRole('img', { name: /Loss per round/ })).toBeVisible({ timeout: 60_000 })
  expect(await studio.metric('ROC AUC')).toBeGreaterThan(0.8)

  await studio.openSection('Runs')
  await expect(studio.runsTable().getByRole('row').filter({ hasText: 'Random forest' })).toContainText('finished')
  await expect(studio.runsTable().getByRole('row').filter({ hasText: 'Gradient boosting' })).toContainText('finished')
})

test('two long runs train side by side, each with its own progress bar, and Cancel stops each', async ({ studio, page }) => {
  await page.getByLabel('Model family').selectOption({ label: 'Gradient boosting' })
  await page.getByLabel('Boosting rounds').fill('10000')
  await page.getByLabel('Learning rate').fill('0.001')
  await page.getByRole('button', { name: 'Train model' }).click()
  await page.getByRole('button', { name: 'Train model' }).click()
  const active = page.getByRole('list', { name: 'Runs in progress' }).getByRole('listitem')
  await expect(active).toHaveCount(2)
  const bars = page.getByRole('progressbar', { name: /Training progress of Gradient boosting/ })
  await expect(bars).toHaveCount(2)
  // The first run reports rounds as it goes.
  await expect(bars.first()).toHaveAttribute('aria-valuetext', /Round \d+ of 10000/, { timeout: 30_000 })

  await active.first().getByRole('button', { name: /^Cancel/ }).click()
  await expect(active).toHaveCount(1)
  await active.first().getByRole('button', { name: /^Cancel/ }).click()
  await expect(active).toHaveCount(0)
  await expect(page.getByText('Training cancelled')).toBeVisible()

  await studio.openSection('Runs')
  await expect(studio.runsTable().getByRole('row').filter({ hasText: 'cancelled' })).toHaveCount(2)
})
