import { readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import { test, expect } from './fixtures'
import { RegistryPage } from './pages/RegistryPage'
import { RunsPage } from './pages/RunsPage'
import { StudioPage } from './pages/StudioPage'

test.setTimeout(240_000)

test('a registered model saved as a registry folder zip imports into a fresh studio with its versions and history', async ({ studio, page, browser, baseURL }) => {
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
  await registry.move('Stroke risk', 1, { to: 'Production', comment: 'go live' })
  await registry.expectStage('Stroke risk', 1, 'Production')
  await registry.move('Stroke risk', 2, { to: 'Staging', comment: 'try it' })
  await registry.expectStage('Stroke risk', 2, 'Staging')

  // The zip: the registry directory format, as `npm run pipeline` writes it.
  const download = await registry.downloadFolder('Stroke risk')
  expect(download.suggestedFilename()).toBe('stroke-risk-registry.zip')
  const zip = readFileSync((await download.path())!)
  const files = unzipSync(new Uint8Array(zip))
  expect(Object.keys(files).sort()).toEqual(['stroke-risk/registry.json', 'stroke-risk/v1.json', 'stroke-risk/v2.json'])
  const model = JSON.parse(strFromU8(files['stroke-risk/registry.json']!))
  expect(model.name).toBe('Stroke risk')
  expect(model.versions.map((v: { version: number; stage: string }) => [v.version, v.stage])).toEqual([[1, 'Production'], [2, 'Staging']])
  expect(model.history.map((h: { comment: string }) => h.comment)).toEqual(['go live', 'try it'])
  expect(JSON.parse(strFromU8(files['stroke-risk/v1.json']!)).registry).toMatchObject({ name: 'Stroke risk', version: 1, stage: 'Production' })
  expect(JSON.parse(strFromU8(files['stroke-risk/v2.json']!)).registry).toMatchObject({ name: 'Stroke risk', version: 2, stage: 'Staging' })

  // Imported where the name is taken: refused in plain words, nothing changed.
  await registry.importFolder('stroke-risk-registry.zip', zip)
  await expect(studio.errorAlert()).toContainText('A model named "Stroke risk" is already registered, so nothing was imported')
  await expect(registry.versions('Stroke risk').getByRole('row')).toHaveCount(3)

  // A fresh studio (another browser profile) imports it with its versions, stages and history.
  const context = await browser.newContext({ baseURL, acceptDownloads: true })
  const errors: string[] = []
  try {
    const fresh = await context.newPage()
    fresh.on('pageerror', (error) => errors.push(error.message))
    const other = new StudioPage(fresh)
    await other.goto()
    await other.expectDataset('parkinsons.csv', '2,105', '35')
    await other.openSection('Registry')
    await expect(fresh.getByText('No registered models yet.')).toBeVisible()
    const imported = new RegistryPage(fresh)
    await imported.importFolder('stroke-risk-registry.zip', zip)
    await expect(fresh.getByText('Imported "Stroke risk" with 2 versions and its stage history.')).toBeVisible()
    await imported.expectStage('Stroke risk', 1, 'Production')
    await imported.expectStage('Stroke risk', 2, 'Staging')
    await expect(imported.history('Stroke risk')).toHaveCount(2)
    await expect(imported.history('Stroke risk').first()).toContainText('try it')
    // Each version has a run of its own on the Runs page.
    await expect(imported.versionRow('Stroke risk', 1)).toContainText('parkinsons.csv')
    await expect(imported.versionRow('Stroke risk', 1).getByRole('button', { name: 'Open run' })).toBeVisible()
  } finally {
    await context.close()
  }
  expect(errors).toEqual([])
})
