import { test, expect } from './fixtures'
import { RunsPage } from './pages/RunsPage'

test.setTimeout(240_000)

test('three runs compared, two versions registered and promoted in turn, everything kept across a reload and an export → clear → import', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')

  // Three logistic regressions that differ only in C.
  await studio.openSection('Train')
  for (const c of ['1', '0.1', '10']) {
    await page.getByLabel('Regularisation C').fill(c)
    await page.getByRole('button', { name: 'Train model' }).click()
    await expect(page.getByRole('list', { name: 'Runs in progress' })).toHaveCount(0, { timeout: 60_000 })
  }
  await studio.openSection('Runs')
  const table = studio.runsTable()
  await expect(table.getByRole('row')).toHaveCount(4)
  const runsPage = new RunsPage(page)
  const aucsBefore = (await runsPage.columnTexts('ROC AUC')).sort()
  expect(aucsBefore).toHaveLength(3)
  expect(await runsPage.columnTexts('Validation')).toEqual(['held-out 20%', 'held-out 20%', 'held-out 20%'])

  // Compare with only the differences: C differs, the seed does not.
  for (const box of await table.getByRole('checkbox', { name: /^Compare the/ }).all()) await box.check()
  await page.getByRole('button', { name: 'Compare 3 selected' }).click()
  const comparison = page.getByRole('table', { name: 'Run comparison' })
  await expect(comparison).toContainText('Seed')
  await page.getByLabel('Only show differences').check()
  await expect(comparison.getByRole('row', { name: /Parameters · C/ })).toBeVisible()
  await expect(comparison).not.toContainText('Seed')
  await page.getByRole('button', { name: 'Close comparison' }).click()

  // Register two of them as versions of one model.
  const openButtons = table.getByRole('button', { name: /^Open the Logistic regression run/ })
  for (const [i, expected] of [[0, 'version 1'], [1, 'version 2']] as const) {
    await openButtons.nth(i).click()
    await page.getByLabel('Register this model as').fill('Parkinson screening')
    await page.getByRole('button', { name: 'Register model' }).click()
    await expect(page.getByText(`Registered as ${expected} of "Parkinson screening"`)).toBeVisible()
  }

  // Promote version 1, then version 2: the second promotion asks to archive the first.
  await studio.openSection('Registry')
  await page.getByLabel('New stage for version 1 of Parkinson screening').selectOption('Production')
  await page.getByLabel('Comment for moving version 1 of Parkinson screening').fill('validated on 2025 cohort')
  await page.getByRole('button', { name: 'Move version 1 of Parkinson screening' }).click()
  await expect(page.getByText('Version 1 of "Parkinson screening" is now in Production.')).toBeVisible()
  await page.getByLabel('New stage for version 2 of Parkinson screening').selectOption('Production')
  await page.getByRole('button', { name: 'Move version 2 of Parkinson screening' }).click()
  await page.getByRole('button', { name: 'Archive version 1 and promote version 2' }).click()
  const versions = page.getByRole('table', { name: 'Versions of Parkinson screening' })
  await expect(versions.getByRole('row', { name: /^v2/ })).toContainText('Production')
  await expect(versions.getByRole('row', { name: /^v1/ })).toContainText('Archived')
  const history = page.getByRole('list', { name: 'History of Parkinson screening' }).getByRole('listitem')
  await expect(history).toHaveCount(3)
  await expect(history.last()).toContainText('version 1: None → Production')
  await expect(history.last()).toContainText('validated on 2025 cohort')
  const today = new Date().toISOString().slice(0, 10)
  await page.getByLabel('Which version was in Production on').fill(today)
  await expect(page.locator('output').filter({ hasText: 'version 2' })).toBeVisible()

  // Reload: everything is still there.
  await page.reload()
  await studio.openSection('Registry')
  await expect(versions.getByRole('row', { name: /^v2/ })).toContainText('Production')
  await expect(history).toHaveCount(3)

  // Export the experiment, clear all site data, import it back.
  await studio.openSection('Runs')
  await page.getByLabel('Experiment', { exact: true }).selectOption({ index: 1 })
  const { text } = await studio.downloadText(page.getByRole('button', { name: 'Export experiment' }))
  expect(JSON.parse(text)).toMatchObject({ format: 'clinical-ml-studio/experiment', version: 1 })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'all' })
  await page.reload()
  await studio.openSection('Runs')
  await expect(page.getByText('No runs yet.')).toBeVisible()
  await studio.openSection('Registry')
  await expect(page.getByText('No registered models yet.')).toBeVisible()

  await studio.openSection('Runs')
  await page.getByLabel('Import an experiment file').setInputFiles({ name: 'parkinsons.experiment.json', mimeType: 'application/json', buffer: Buffer.from(text) })
  await expect(page.getByText(/Imported 3 runs/)).toBeVisible()
  await expect(table.getByRole('row')).toHaveCount(4)
  expect((await runsPage.columnTexts('ROC AUC')).sort()).toEqual(aucsBefore)
  await studio.openSection('Registry')
  await expect(versions.getByRole('row', { name: /^v2/ })).toContainText('Production')
  await expect(history).toHaveCount(3)
})
