import { test, expect } from './fixtures'
import { RegistryPage } from './pages/RegistryPage'
import { RunsPage } from './pages/RunsPage'

test.setTimeout(180_000)

test('the stage picker offers the next stage after every move, and a second promotion offers to archive the first', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
  for (const c of ['1', '0.1']) {
    await page.getByLabel('Regularisation C').fill(c)
    await studio.train()
  }
  await studio.openSection('Runs')
  const runs = new RunsPage(page)
  await runs.register(0, 'Stroke risk', 1)
  await runs.register(1, 'Stroke risk', 2)

  await studio.openSection('Registry')
  const registry = new RegistryPage(page)
  // Version 1: None → Staging with the picker as offered.
  await expect(registry.stagePicker('Stroke risk', 1)).toHaveValue('Staging')
  await registry.move('Stroke risk', 1)
  await registry.expectStage('Stroke risk', 1, 'Staging')
  // The picker moved on with the version: it offers Production, not a stale "Staging" shown as "None".
  await expect(registry.stagePicker('Stroke risk', 1)).toHaveValue('Production')
  await expect(registry.stagePicker('Stroke risk', 1).locator('option')).toHaveText(['None', 'Production', 'Archived'])
  await registry.move('Stroke risk', 1)
  await registry.expectStage('Stroke risk', 1, 'Production')
  await expect(page.getByText('Version 1 of "Stroke risk" is now in Production.')).toBeVisible()
  await expect(studio.errorAlert()).toHaveCount(0)

  // Version 2 up to Production while version 1 is there: refused, and the way out offered as a button.
  await registry.move('Stroke risk', 2)
  await registry.expectStage('Stroke risk', 2, 'Staging')
  await registry.move('Stroke risk', 2)
  const conflict = page.getByRole('status').filter({ hasText: 'Another version is in Production' })
  await expect(conflict).toContainText('Version 1 of "Stroke risk" is in Production, and only one version can be in Production at a time.')
  const lines = await studio.expectPlainMessages()
  expect(lines.length).toBeGreaterThan(0)
  await page.getByRole('button', { name: 'Archive version 1 and promote version 2' }).click()
  await registry.expectStage('Stroke risk', 2, 'Production')
  await registry.expectStage('Stroke risk', 1, 'Archived')
  await expect(registry.history('Stroke risk')).toHaveCount(5)
  await expect(registry.stagePicker('Stroke risk', 2)).toHaveValue('Archived')
  await studio.expectPlainMessages()
})
