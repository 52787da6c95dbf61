import AxeBuilder from '@axe-core/playwright'
import { readFileSync } from 'node:fs'
import type { DriftReport } from '../../src/core/drift/types'
import { test, expect } from './fixtures'
import { MonitorPage } from './pages/MonitorPage'
import { PredictPage } from './pages/PredictPage'
import { SAMPLE_DIR } from './pages/StudioPage'

test.setTimeout(240_000)

/** A statistic as the page shows it: 4 significant digits, exponent form below 1e-4. */
function fourDigits(x: number): string {
  if (x === 0) return '0'
  return Math.abs(x) < 1e-4 ? x.toExponential(2) : String(Number(x.toPrecision(4)))
}

/** 600 Parkinson's patients with 16 of the 32 feature columns shifted (tests/fixtures/monitor/make_drifted.py). */
const DRIFTED = readFileSync(new URL('../fixtures/monitor/parkinsons-drifted.csv', import.meta.url))
const SHIFTED = [
  'Age', 'BMI', 'PhysicalActivity', 'DietQuality', 'SleepQuality', 'SystolicBP', 'DiastolicBP', 'CholesterolTotal',
  'UPDRS', 'MoCA', 'FunctionalAssessment', 'Smoking', 'Hypertension', 'Diabetes', 'Depression', 'Ethnicity',
].sort()

test('monitor: a drifted file against the trained model — verdict, drifted columns, a column chart, an override that changes the verdict, HTML and JSON downloads', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Logistic regression' })
  await studio.train()

  // Nothing registered: the newest run is the reference.
  await studio.openSection('Monitor')
  const monitor = new MonitorPage(page)
  await expect(monitor.referenceSummary()).toContainText('predicting Diagnosis')
  expect(await monitor.chosenModel()).toMatch(/^Logistic regression · parkinsons\.csv → Diagnosis/)

  await monitor.dropCurrentFile('parkinsons-drifted.csv', DRIFTED)
  await monitor.expectReport()
  await expect(monitor.currentSummary()).toHaveText('parkinsons-drifted.csv: 600 rows, 35 columns.')
  await expect(monitor.verdict()).toHaveText(
    'Dataset drift The data has drifted: 16 of 32 compared columns (50%) have drifted, at or above the 50% that counts as dataset drift.',
  )
  const rows = await monitor.rows()
  expect(rows).toHaveLength(32)
  expect(rows.filter((r) => r.verdict === 'Drifted').map((r) => r.name).sort()).toEqual(SHIFTED)
  // Most drifted first: every drifted row comes before every undrifted one.
  expect(rows.slice(0, 16).every((r) => r.verdict === 'Drifted')).toBe(true)
  // The model's answers are compared too; the current file has the outcome, so its metrics on it stand beside training's.
  await expect(page.getByRole('region', { name: "The model's predictions" })).toContainText('Drifted')
  await expect(monitor.performance().getByRole('row', { name: /^Accuracy / })).toHaveCount(1)

  // A column's distributions, opened with the keyboard.
  await monitor.openChart('Age')
  await expect(monitor.chart('Age')).toBeVisible()
  await expect(monitor.chart('Age').locator('svg').first()).toBeVisible()
  await expect(monitor.columnFacts('Age')).toContainText('Drifted — Wasserstein distance: ')
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([])

  // Age judged by a threshold it cannot reach: it no longer drifts, and with 15 of 32 neither does the dataset.
  await monitor.override('Age', { test: null, threshold: '1000' })
  await expect(monitor.verdict()).toHaveText(
    'No dataset drift No dataset drift: 15 of 32 compared columns (46.9%) have drifted, below the 50% that counts as dataset drift.',
  )
  await expect(monitor.row('Age')).toContainText('No drift')
  await expect(monitor.row('Age')).toContainText('(your choice)')

  // JSON: the report as the page shows it — the same columns, verdicts and numbers.
  const json = await monitor.download('JSON')
  expect(json.name).toBe('drift-parkinsons-drifted.json')
  const report = JSON.parse(json.text) as DriftReport
  expect(report.datasetDrift).toBe(false)
  expect(report.share).toBeCloseTo(15 / 32, 12)
  const shown = await monitor.rows()
  // Same columns in the same order (most drifted first), same verdicts, tests, numbers and PSI as the table shows.
  const byScore = [...report.columns].sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  expect(shown.map((r) => r.name)).toEqual(byScore.map((c) => c.name))
  for (const c of report.columns) {
    const row = shown.find((r) => r.name === c.name)!
    expect(row.verdict, c.name).toBe(c.drifted ? 'Drifted' : 'No drift')
    expect(row.test, c.name).toBe(`${c.test === 'wasserstein' ? 'Wasserstein' : 'Jensen–Shannon'}${c.overridden ? ' (your choice)' : ''}`)
    expect(row.result, c.name).toBe(`${fourDigits(c.distance!)} (drift from ${fourDigits(c.threshold)})`)
    expect(row.psi, c.name).toBe(fourDigits(c.psi!))
  }
  const age = report.columns.find((c) => c.name === 'Age')!
  expect(age).toMatchObject({ overridden: true, threshold: 1000, drifted: false })
  // HTML: one self-contained document, no script, the columns and the verdict in it.
  const html = await monitor.download('HTML')
  expect(html.name).toBe('drift-parkinsons-drifted.html')
  expect(html.text).toMatch(/^<!doctype html>/i)
  expect(html.text).not.toMatch(/<script/i)
  expect(html.text).not.toMatch(/(src|href)\s*=\s*["']?https?:/i)
  for (const name of SHIFTED) expect(html.text).toContain(name)
  expect(html.text).toContain('15 of 32 compared columns drifted (47%)') // the overridden report, as the page shows it

  await studio.expectPlainMessages()
})

test('monitor: “Check drift” on a scored batch opens Monitor with that file against the model that scored it', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Logistic regression' })
  await studio.train()

  await studio.openSection('Predict')
  const predict = new PredictPage(page)
  await predict.expectModelLoaded()
  await predict.dropBatchFile('parkinsons-drifted.csv', DRIFTED)
  await expect(predict.batchSummary()).toContainText('parkinsons-drifted.csv: 600 rows')
  await page.getByRole('button', { name: 'Check drift' }).click()

  const monitor = new MonitorPage(page)
  await expect(page.getByRole('navigation', { name: 'Studio sections' }).getByRole('button', { name: 'Monitor' })).toHaveAttribute('aria-current', 'page')
  await monitor.expectReport()
  await expect(monitor.currentSummary()).toHaveText('Scored on the Predict page: parkinsons-drifted.csv: 600 rows, 35 columns.')
  expect(await monitor.chosenModel()).toMatch(/^Logistic regression · parkinsons\.csv → Diagnosis/)
  await expect(monitor.verdict()).toContainText('16 of 32 compared columns')
  // The model's own answers on the batch are compared too.
  await expect(page.getByRole('region', { name: "The model's predictions" })).toBeVisible()
  await studio.expectPlainMessages()
})

test('monitor: against a reference file, a current file missing a column and with a column turned to text names both, and still reports the rest', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  // The drifted file without "Stroke", and with BMI written as words.
  const [header, ...lines] = DRIFTED.toString('utf8').trim().split('\n')
  const names = header.split(',')
  const stroke = names.indexOf('Stroke')
  const bmi = names.indexOf('BMI')
  const edit = (cells: string[]) => cells.map((cell, i) => (i === bmi && cells !== names ? (Number(cell) >= 30 ? 'high' : 'normal') : cell)).filter((_, i) => i !== stroke).join(',')
  const current = [edit(names), ...lines.map((line) => edit(line.split(',')))].join('\n') + '\n'

  await studio.openSection('Monitor')
  const monitor = new MonitorPage(page)
  await monitor.pickReferenceFile('parkinsons.csv', readFileSync(`${SAMPLE_DIR}parkinsons.csv`))
  await expect(monitor.referenceSummary()).toHaveText('parkinsons.csv: 2,105 rows, 35 columns.')
  await monitor.pickCurrentFile('edited.csv', Buffer.from(current))
  await monitor.expectReport()
  await expect(monitor.problemColumns()).toContainText('Missing from the current file: Stroke')
  await expect(monitor.problemColumns()).toContainText('Type changed (numbers in one file, text in the other): BMI')
  await expect(monitor.row('Stroke')).toContainText('Missing')
  await expect(monitor.row('BMI')).toContainText('Drifted')
  await expect(monitor.row('Age')).toContainText('Drifted')
  await expect(page.getByRole('list', { name: 'Notes on this report' })).toContainText('Stroke')
  // 34 compared (35 columns less Stroke; no target with a file as reference), BMI's changed type among the drifted.
  await expect(monitor.verdict()).toHaveText('No dataset drift No dataset drift: 16 of 34 compared columns (47.1%) have drifted, below the 50% that counts as dataset drift.')
  await studio.expectPlainMessages()
})
