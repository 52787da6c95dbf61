import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as studioTest, expect } from './fixtures'
import { SAMPLE_DIR } from './pages/StudioPage'
import { startVite, type SpawnedServer } from './support/servers'

/**
 * `npm start` on a fresh clone: the development server with an empty
 * dependency cache (its own temporary cacheDir, through STUDIO_VITE_CACHE_DIR).
 * Vite used to discover the workers' dependencies (the data worker's parsers,
 * tfjs' lazily imported wasm backend) only when they first loaded, and then
 * reloaded the page: once on the first load, and again in the middle of the
 * first neural-net run, which was marked failed and the user's data replaced by
 * the sample. Nothing may ever reload the page under a user.
 */
const test = studioTest.extend<object, { devServer: SpawnedServer }>({
  devServer: [
    async ({}, use) => {
      const cacheDir = mkdtempSync(join(tmpdir(), 'studio-vite-cache-'))
      const server = await startVite([], { STUDIO_VITE_CACHE_DIR: cacheDir })
      try {
        await use(server)
      } finally {
        await server.stop()
        rmSync(cacheDir, { recursive: true, force: true })
      }
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ devServer }, use) => use(devServer.origin),
})

test.setTimeout(360_000)

test('on a fresh dev server the page never reloads, and the first neural net trains on the first try', async ({ studio, page, devServer }) => {
  const navigations: string[] = []
  let reloaded: (reason: Error) => void = () => undefined
  // Settles (as a failure) the moment the page navigates again, so a reload fails the test at once.
  const reload = new Promise<never>((_, reject) => (reloaded = reject))
  reload.catch(() => undefined)
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return
    navigations.push(frame.url())
    if (navigations.length > 1) reloaded(new Error(`the page reloaded (${navigations.length} loads); server log:\n${devServer.log()}`))
  })
  const unlessReloaded = (step: Promise<void>): Promise<void> => Promise.race([step, reload])
  await studio.goto()
  // The first load pre-bundles every dependency, so this can take a while on a cold cache.
  await unlessReloaded(expect(page.getByRole('heading', { name: 'parkinsons.csv' })).toBeVisible({ timeout: 180_000 }))
  await page.evaluate(() => ((window as unknown as { studioMarker: string }).studioMarker = 'still the first page'))

  // The user's own data, which a reload would replace with the sample.
  await studio.dropFile(`${SAMPLE_DIR}parkinsons.csv`, 'my-patients.csv')
  await studio.expectDataset('my-patients.csv', '2,105', '35')
  await studio.chooseTarget('Diagnosis')
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Neural network (MLP)' })
  await page.getByRole('button', { name: 'Train model' }).click()
  await unlessReloaded(expect(page.getByRole('region', { name: 'Results' })).toBeVisible({ timeout: 240_000 }))
  expect(await studio.metric('ROC AUC')).toBeGreaterThan(0.8)

  await studio.openSection('Runs')
  const row = studio.runsTable().getByRole('row').filter({ hasText: 'Neural network' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('finished')
  await expect(row).toContainText('my-patients.csv')

  expect(await page.evaluate(() => (window as unknown as { studioMarker?: string }).studioMarker)).toBe('still the first page')
  expect(navigations).toHaveLength(1)
  expect(devServer.log()).not.toMatch(/reloading|new dependencies optimized/)
})
