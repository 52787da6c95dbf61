import { readFileSync } from 'node:fs'
import { test, expect } from './fixtures'
import { SAMPLE_DIR } from './pages/StudioPage'

test('the hidden file input is no tab stop, and "Choose a file…" still opens a file', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  const choose = page.getByRole('button', { name: 'Choose a file…' })
  await choose.focus()
  await page.keyboard.press('Tab')
  // Straight from the button to the URL field: nothing invisible in between.
  await expect(page.getByLabel(/Or open a URL/)).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(choose).toBeFocused()

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')])
  await chooser.setFiles({ name: 'ms-treatment.csv', mimeType: 'text/csv', buffer: readFileSync(`${SAMPLE_DIR}ms-treatment.csv`) })
  await studio.expectDataset('ms-treatment.csv', '1,500', '10')
})

test('changing step moves focus to the new page heading: "Continue to training" and the step tabs', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  const next = page.getByRole('button', { name: 'Continue to training →' })
  await next.focus()
  await page.keyboard.press('Enter')
  const trainHeading = page.getByRole('heading', { name: 'Train a model' })
  await expect(trainHeading).toBeFocused()
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Train a model')
  // Tab from the heading goes on into the Train page, not back to the top.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Change' })).toBeFocused()

  await studio.openSection('Evaluate')
  await expect(page.getByRole('heading', { name: 'Evaluate and compare' })).toBeFocused()
  // The Train page's "Change" link goes back to the Data page's first heading.
  await studio.openSection('Train')
  await page.getByRole('button', { name: 'Change' }).click()
  await expect(page.getByRole('heading', { name: 'Open a dataset' })).toBeFocused()
})
