import type { Page, Route } from '@playwright/test'
import { test, expect } from './fixtures'
import { StudioPage } from './pages/StudioPage'

/**
 * A run belongs to the tab that started it. Another tab of the studio shows it
 * as running while that tab trains it, and sees its end; only a run whose tab
 * is gone (closed, reloaded) is marked failed.
 *
 * The training worker's script is held back in the first tab until the test
 * lets it through, so "still training" lasts exactly as long as the test needs.
 */

/** Holds the first tab's training worker script until `release()`; the run stays 'running' meanwhile. */
async function holdTrainingWorker(page: Page): Promise<{ requested: Promise<void>; release: () => void }> {
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => (release = resolve))
  let requested: () => void = () => undefined
  const seen = new Promise<void>((resolve) => (requested = resolve))
  await page.route(/\/train\.worker[^/]*\.js(\?.*)?$/, async (route: Route) => {
    requested()
    await released
    await route.continue().catch(() => undefined) // the tab may be closed by then
  })
  return { requested: seen, release }
}

/** A second tab of the same browser (same storage, same locks), watched for uncaught errors like the first. */
async function openSecondTab(page: Page, errors: string[]): Promise<StudioPage> {
  const tab = await page.context().newPage()
  tab.on('pageerror', (error) => errors.push(`tab 2 pageerror: ${error.message}`))
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(`tab 2 console.error: ${message.text()}`)
  })
  const studio = new StudioPage(tab)
  await studio.goto()
  return studio
}

function runRow(studio: StudioPage) {
  return studio.runsTable().getByRole('row').filter({ hasText: 'Logistic regression' })
}

test('a run training in one tab is shown as running in another, then as finished in both', async ({ studio, page }) => {
  const errors: string[] = []
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  const worker = await holdTrainingWorker(page)
  await studio.openSection('Train')
  await page.getByRole('button', { name: 'Train model' }).click()
  await worker.requested // stored as running, its worker on the way

  const second = await openSecondTab(page, errors)
  await second.openSection('Runs')
  await expect(runRow(second)).toHaveCount(1)
  await expect(runRow(second)).toContainText('running')
  // A reload of the second tab does not change that either.
  await second.page.reload()
  await second.openSection('Runs')
  await expect(runRow(second)).toContainText('running')

  worker.release()
  await expect(page.getByRole('region', { name: 'Results' })).toBeVisible({ timeout: 60_000 })
  await expect(runRow(second)).toContainText('finished')
  await studio.openSection('Runs')
  await expect(runRow(studio)).toContainText('finished')
  expect(errors).toEqual([])
})

test('a run whose tab closed is marked failed by the next tab, and by a tab that was watching it', async ({ studio, page }) => {
  const errors: string[] = []
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  const worker = await holdTrainingWorker(page)
  await studio.openSection('Train')
  await page.getByRole('button', { name: 'Train model' }).click()
  await worker.requested

  // Open while the run trains: running. Then its tab closes: failed, without a reload.
  const watching = await openSecondTab(page, errors)
  await watching.openSection('Runs')
  await expect(runRow(watching)).toContainText('running')
  const third = await page.context().newPage() // keeps the browser context open once the first tab closes
  await page.close()
  worker.release() // to a closed tab: nothing more loads
  await expect(runRow(watching)).toContainText('failed')
  await expect(runRow(watching).getByText('failed')).toHaveAttribute('title', /closed or reloaded while this run was training/)

  // A tab opened afterwards sees it failed too.
  const next = new StudioPage(third)
  await next.goto()
  await next.openSection('Runs')
  await expect(runRow(next)).toContainText('failed')
  expect(errors).toEqual([])
})
