import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { generateWideCsv } from '../bench/generate-wide'
import { test, expect } from './fixtures'
import { PipelinesPage } from './pages/PipelinesPage'
import { PredictPage } from './pages/PredictPage'
import { SAMPLE_DIR } from './pages/StudioPage'

test.setTimeout(300_000)

/** WCAG 2.0 and 2.1, levels A and AA: the rules a clinical tool is held to. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * Runs axe-core on the page as it is now and returns the serious and critical
 * violations, one line per rule with the elements it found, so a failure says
 * what to fix.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} (${n.any[0]?.message ?? ''})`).join(' | ')}${v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : ''}`)
}

test('every page with the sample loaded has no serious or critical WCAG 2 A/AA violations', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await expect(page.getByRole('heading', { name: /Target\s+Diagnosis/ })).toBeVisible()
  const found: Record<string, string[]> = {}

  // Data, with one column's details open.
  await page.getByRole('button', { name: 'Age: show details' }).click()
  await expect(page.locator('.plot[aria-label="Distribution of Age"] svg').first()).toBeVisible()
  found.Data = await seriousViolations(page)

  await studio.openSection('Clean')
  await expect(page.getByRole('heading', { name: 'Suggested steps' })).toBeVisible()
  found.Clean = await seriousViolations(page)

  // Two runs (C = 1 and C = 0.1), to have something to compare later.
  await studio.openSection('Train')
  await studio.train()
  await page.getByLabel('Regularisation C').fill('0.1')
  await studio.train()
  await expect(page.getByRole('list', { name: 'Runs in progress' })).toHaveCount(0, { timeout: 60_000 })
  found['Train, after a run'] = await seriousViolations(page)

  await studio.openSection('Evaluate')
  await page.getByRole('button', { name: /^Cross-validate / }).click()
  await expect(page.getByRole('table', { name: 'Cross-validated metrics' })).toBeVisible({ timeout: 120_000 })
  found['Evaluate, after a cross-validation'] = await seriousViolations(page)

  await studio.openSection('Runs')
  const runs = studio.runsTable()
  await expect(runs.getByRole('checkbox', { name: /^Compare the/ })).toHaveCount(2)
  for (const box of await runs.getByRole('checkbox', { name: /^Compare the/ }).all()) await box.check()
  await page.getByRole('button', { name: 'Compare 2 selected' }).click()
  await expect(page.getByRole('table', { name: 'Run comparison' })).toBeVisible()
  found['Runs, with a comparison open'] = await seriousViolations(page)

  await page.getByRole('button', { name: 'Close comparison' }).click()
  await runs.getByRole('button', { name: /^Open the Logistic regression run/ }).first().click()
  await page.getByLabel('Register this model as').fill('Parkinson screening')
  await page.getByRole('button', { name: 'Register model' }).click()
  await expect(page.getByText('Registered as version 1 of "Parkinson screening"')).toBeVisible()
  await studio.openSection('Registry')
  await expect(page.getByRole('table', { name: 'Versions of Parkinson screening' })).toBeVisible()
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export version 1 of Parkinson screening for the server' }).click()])
  await expect(page.getByRole('region', { name: 'Serving Parkinson screening' })).toBeVisible()
  found['Registry, with a registered model exported for the server'] = await seriousViolations(page)

  // Predict: the form with an answer, its waterfall and the numbers behind it, and a scored file.
  await studio.openSection('Predict')
  const predict = new PredictPage(page)
  await predict.expectModelLoaded()
  const [header, row, ...more] = readFileSync(`${SAMPLE_DIR}parkinsons.csv`, 'utf8').split(/\r?\n/)
  const cells = row.split(',')
  await predict.fill(Object.fromEntries(header.split(',').map((name, i) => [name, cells[i]])))
  await predict.field('Age').fill('140') // shows the out-of-range warning
  await predict.predict()
  await expect(predict.waterfall().locator('svg').first()).toBeVisible()
  await predict.answer().getByText('The numbers behind the chart').click()
  await expect(predict.contributions()).toBeVisible()
  await predict.dropBatchFile('three.csv', Buffer.from([header, row, ...more.slice(0, 2)].join('\n')))
  await expect(predict.predictionsTable()).toBeVisible()
  found['Predict, with an answer and a scored file'] = await seriousViolations(page)

  // Pipelines: the run saved as a pipeline (its form open on the Runs page), then run twice on new
  // data — one run done through promote, one stopped at a stage — with a past run's stages open.
  await studio.openSection('Runs')
  const pipelines = new PipelinesPage(page)
  await page.getByRole('button', { name: 'Save as pipeline…' }).click()
  found['Runs, with the Save as pipeline form open'] = await seriousViolations(page)
  const pipeline = await pipelines.saveFromRun({ name: 'Parkinson nightly' })
  await studio.openSection('Pipelines')
  await pipelines.pickFile(pipeline, 'new.csv', Buffer.from([header, ...more.slice(0, 1500)].join('\n')))
  await pipelines.waitForRuns(pipeline, 1)
  await pipelines.pickFile(pipeline, 'no-target.csv', Buffer.from([header.replace('Diagnosis', 'Outcome'), ...more.slice(0, 50)].join('\n')))
  await pipelines.waitForRuns(pipeline, 2)
  await page.getByRole('button', { name: /^Stages of the run of .* on new\.csv$/ }).click()
  found['Pipelines, after a run done and a run failed'] = await seriousViolations(page)

  expect(found).toEqual({
    Data: [],
    Clean: [],
    'Train, after a run': [],
    'Evaluate, after a cross-validation': [],
    'Runs, with a comparison open': [],
    'Registry, with a registered model exported for the server': [],
    'Predict, with an answer and a scored file': [],
    'Runs, with the Save as pipeline form open': [],
    'Pipelines, after a run done and a run failed': [],
  })
})

test('the Data page showing cleaned data, the original, and a 500-column table has no serious or critical violations', async ({ studio, page }) => {
  await studio.goto()
  await page.getByRole('button', { name: 'Multiple sclerosis treatment response (synthetic)' }).click()
  await studio.expectDataset('ms-treatment.csv', '1,500', '10')
  await studio.openSection('Clean')
  await page.getByRole('button', { name: 'Add all suggestions' }).click()
  await expect(page.getByTestId('cleaned-size')).not.toHaveText(/^1,500 rows/)
  await studio.openSection('Data')
  await expect(page.getByRole('heading', { name: /Target\s+treatment_response/ })).toBeVisible()
  const found: Record<string, string[]> = { cleaned: await seriousViolations(page) }
  await studio.showDataVersion('Original')
  await expect(page.getByRole('group', { name: 'Target summary' })).toContainText('In the original data')
  found.original = await seriousViolations(page)
  await studio.pickFile('wide.csv', Buffer.from(generateWideCsv(300, 500)), 'text/csv')
  await studio.expectDataset('wide.csv', '300', '500')
  found['500 columns'] = await seriousViolations(page)
  expect(found).toEqual({ cleaned: [], original: [], '500 columns': [] })
})
