import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { test, expect } from './fixtures'
import { PredictPage } from './pages/PredictPage'
import { RunsPage } from './pages/RunsPage'
import { SAMPLE_DIR } from './pages/StudioPage'
import { startModelServer } from './support/model-server'

test.setTimeout(300_000)

/** The header and the first `n` data rows of a sample CSV. */
function sampleRows(file: string, n: number): { names: string[]; rows: string[][]; csv: string } {
  const lines = readFileSync(`${SAMPLE_DIR}${file}`, 'utf8').split(/\r?\n/)
  const names = lines[0].split(',')
  const rows = lines.slice(1, n + 1).map((l) => l.split(','))
  return { names, rows, csv: `${lines.slice(0, n + 1).join('\n')}\n` }
}

/** A CSV cell as JSON: a number when it reads as one (as the page's reader reads it), else the text. */
function jsonCell(cell: string): number | string | null {
  if (cell === '') return null
  const n = Number(cell)
  return Number.isFinite(n) ? n : cell
}

test('the model server, started from the exported file, gives the probabilities the Predict page gave (1e-12)', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Gradient boosting' })
  await studio.train()
  await studio.openSection('Runs')
  await new RunsPage(page).register(0, 'Parkinson screening', 1)

  // Export for server: the bundle with its registry metadata, and the two commands that serve it.
  await studio.openSection('Registry')
  const dir = mkdtempSync(join(tmpdir(), 'studio-serve-'))
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export version 1 of Parkinson screening for the server' }).click()])
  expect(download.suggestedFilename()).toBe('Parkinson-screening-v1.json')
  const modelFile = join(dir, download.suggestedFilename())
  await download.saveAs(modelFile)
  const exported = JSON.parse(readFileSync(modelFile, 'utf8'))
  expect(exported.registry).toMatchObject({ name: 'Parkinson screening', version: 1, stage: 'None' })
  const commands = page.getByRole('region', { name: 'Serving Parkinson screening' })
  await expect(commands).toContainText('npm run serve -- --model Parkinson-screening-v1.json')
  await expect(commands).toContainText('docker run')

  // The Predict page scores one record in the form and twenty in a file.
  await studio.openSection('Predict')
  const predict = new PredictPage(page)
  await predict.expectModelLoaded()
  expect(await predict.chosenModel()).toBe('Parkinson screening · version 1')
  const { names, rows, csv } = sampleRows('parkinsons.csv', 20)
  await predict.fill(Object.fromEntries(names.map((n, i) => [n, rows[0][i]])))
  await predict.predict()
  const formProbability = Number(await predict.probability().innerText())
  await predict.dropBatchFile('twenty.csv', Buffer.from(csv))
  await expect(predict.batchSummary()).toContainText('twenty.csv: 20 rows, 20 scored')
  const scored = Papa.parse<Record<string, string>>((await predict.download('CSV')).bytes.toString('utf8'), { header: true, skipEmptyLines: true }).data
  expect(scored).toHaveLength(20)

  const server = await startModelServer(modelFile)
  try {
    const response = await fetch(`${server.origin}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dataframe_split: { columns: names, data: rows.map((r) => r.map(jsonCell)) } }),
    })
    expect(response.status, server.log()).toBe(200)
    const { predictions } = (await response.json()) as { predictions: { label: string; probabilities: Record<string, number> }[] }
    expect(predictions).toHaveLength(20)
    predictions.forEach((p, i) => {
      for (const label of ['0', '1']) expect(Math.abs(p.probabilities[label] - Number(scored[i][`proba_${label}`]))).toBeLessThanOrEqual(1e-12)
    })
    // The form's answer for the first record, as shown (4 decimals).
    expect(Math.abs(predictions[0].probabilities['1'] - formProbability)).toBeLessThanOrEqual(5e-5)
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
