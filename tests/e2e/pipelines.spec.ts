import { readFileSync } from 'node:fs'
import { test, expect } from './fixtures'
import { PipelinesPage } from './pages/PipelinesPage'
import { RegistryPage } from './pages/RegistryPage'
import { RunsPage } from './pages/RunsPage'
import { SAMPLE_DIR } from './pages/StudioPage'

test.setTimeout(240_000)

/** The Parkinson's sample as lines: other files for a pipeline to run on are cut from it. */
const [HEADER, ...ROWS] = readFileSync(`${SAMPLE_DIR}parkinsons.csv`, 'utf8').trim().split(/\r?\n/)

/** Rows `from`–`to` of the sample as a CSV file. */
function slice(from: number, to: number): string {
  return [HEADER, ...ROWS.slice(from, to)].join('\n')
}

/** The same rows without column `drop`. */
function without(text: string, drop: string): string {
  const lines = text.split('\n')
  const index = lines[0].split(',').indexOf(drop)
  if (index < 0) throw new Error(`no column ${drop}`)
  return lines.map((line) => line.split(',').filter((_, i) => i !== index).join(',')).join('\n')
}

test('a run saved as a pipeline re-runs on new files: every stage done, the decisions in the registry history', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
  await studio.train()
  const pipelines = new PipelinesPage(page)
  const name = await pipelines.saveFromRun()
  expect(name).toBe('Diagnosis from parkinsons')

  await page.getByRole('button', { name: 'Open the Pipelines page' }).click()
  await expect(pipelines.card(name)).toContainText('Not run yet')
  await expect(pipelines.card(name)).toContainText('ROC AUC is higher than Production\'s by at least 0.005, and its golden cases reproduce')
  await pipelines.expectAllStages(name, 'Waiting')

  // First run, on rows the model was not saved from: nothing in Production yet, so the challenger is promoted.
  await pipelines.dropFile(name, 'parkinsons-spring.csv', slice(500, 2105))
  await pipelines.waitForRuns(name, 1)
  await pipelines.expectAllStages(name, 'Done')
  await expect(pipelines.stage(name, 'Load')).toContainText('1,605 rows')
  await expect(pipelines.stage(name, 'Register')).toContainText('Registered as version 1 of "Diagnosis from parkinsons"')
  await expect(pipelines.history(name).first()).toContainText('Promoted')
  await expect(page.getByRole('status').filter({ hasText: 'version 1 of "Diagnosis from parkinsons" is now in Production' })).toBeVisible()

  // Second run: the challenger is scored beside version 1 on the same test rows, and the rule decides.
  await pipelines.chooseFileWithKeyboard(name, 'parkinsons-autumn.csv', Buffer.from(slice(0, 1600)))
  await pipelines.waitForRuns(name, 2)
  await pipelines.expectAllStages(name, 'Done')
  await expect(pipelines.stage(name, 'Evaluate')).toContainText('Production version 1')
  const decision = (await pipelines.history(name).first().getByRole('cell').nth(3).innerText()).trim()
  expect(decision).toMatch(/^(promoted|kept version 1): AUC \d\.\d{3} vs \d\.\d{3}, [+−-]\d\.\d{3} (≥|<) 0\.005$/i)

  // Third run, on the sample's Parquet copy: read in the worker like any other file, and known as the data it was saved from.
  await pipelines.pickFile(name, 'parkinsons.parquet', readFileSync(`${SAMPLE_DIR}parkinsons.parquet`), 'application/octet-stream')
  await pipelines.waitForRuns(name, 3)
  await pipelines.expectAllStages(name, 'Done')
  await expect(pipelines.stage(name, 'Load')).toContainText('(Parquet)')
  await expect(pipelines.stage(name, 'Load')).toContainText('This is the same data the pipeline was saved from')

  await studio.openSection('Registry')
  const registry = new RegistryPage(page)
  const model = 'Diagnosis from parkinsons'
  await expect(registry.versions(model)).toBeVisible()
  const history = (await registry.history(model).allInnerTexts()).join('\n')
  expect(history).toMatch(/version 1: Staging → Production · “promoted: /)
  expect(history).toContain(decision)
  await expect(registry.versions(model).locator('tbody').getByRole('row')).toHaveCount(3)
  if (decision.startsWith('kept')) await registry.expectStage(model, 2, 'Staging')
  else await registry.expectStage(model, 1, 'Archived')
  await studio.expectPlainMessages()

  // The pipeline as JSON (what `npm run pipeline -- --spec` reads): downloaded, deleted, imported back.
  await studio.openSection('Pipelines')
  const file = await studio.downloadText(page.getByRole('button', { name: `Download ${name} as JSON` }))
  expect(file.name).toMatch(/\.pipeline\.json$/)
  const spec = JSON.parse(file.text)
  expect(spec).toMatchObject({ format: 'clinical-ml-studio/pipeline', version: 1, name, target: 'Diagnosis', task: 'binary', model: { family: 'logistic' }, registry: { modelName: model }, promotion: { metric: 'auc', minGain: 0.005, requireGolden: true } })
  page.once('dialog', (dialog) => void dialog.accept())
  await page.getByRole('button', { name: `Delete the pipeline ${name}` }).click()
  await expect(page.getByText('No pipelines yet.')).toBeVisible()
  await pipelines.importFile('pipeline.json', file.text)
  await expect(pipelines.card(name)).toContainText('Not run yet')
  await pipelines.importFile('pipeline.json', file.text)
  await expect(studio.errorAlert()).toContainText(`A pipeline named "${name}" is already saved`)
})

test('a file missing a column the recipe needs stops the run at the clean stage with its message; the registry is unchanged', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Clean')
  await page.getByRole('button', { name: 'Add all suggestions' }).click()
  await expect(page.getByTestId('cleaned-size')).toBeVisible()
  await studio.openSection('Train')
  await studio.train()
  await studio.openSection('Runs')
  const runs = new RunsPage(page)
  await runs.register(0, 'Parkinson screening', 1)
  const pipelines = new PipelinesPage(page)
  // The model name offered is the registered model the run is in.
  await page.getByRole('button', { name: 'Save as pipeline…' }).click()
  await expect(page.getByRole('form', { name: 'Save as pipeline' }).getByLabel('Registry model name')).toHaveValue('Parkinson screening')
  const name = await pipelines.saveFromRun({ name: 'Screening nightly' })

  await studio.openSection('Registry')
  const registry = new RegistryPage(page)
  await expect(registry.versions('Parkinson screening').getByRole('row')).toHaveCount(2)
  const historyBefore = await registry.history('Parkinson screening').allInnerTexts()

  await studio.openSection('Pipelines')
  await expect(pipelines.card(name)).toContainText('a recipe of 2 steps')
  // While another tab runs a pipeline for the same registry model (it holds the model's lock), a run is refused.
  await page.evaluate(() => {
    void navigator.locks.request('studio-pipeline-model:Parkinson screening', () => new Promise<void>((resolve) => ((window as unknown as { releaseModel: () => void }).releaseModel = resolve)))
  })
  await pipelines.dropFile(name, 'parkinsons.csv', slice(0, 1000))
  await expect(studio.errorAlert()).toContainText('Another pipeline run for the registry model "Parkinson screening" is going on')
  await expect(pipelines.history(name)).toHaveCount(0)
  await page.evaluate(() => (window as unknown as { releaseModel: () => void }).releaseModel())
  await pipelines.dropFile(name, 'no-ethnicity.csv', without(slice(0, 1000), 'Ethnicity'))
  await pipelines.waitForRuns(name, 1)
  for (const stage of ['Load', 'Validate'] as const) await expect(pipelines.stage(name, stage)).toContainText('Done')
  await expect(pipelines.stage(name, 'Clean')).toContainText('Failed')
  await expect(pipelines.stage(name, 'Clean')).toContainText('Ethnicity')
  for (const stage of ['Features', 'Train', 'Evaluate', 'Register', 'Promote'] as const) await expect(pipelines.stage(name, stage)).toContainText('Skipped')
  await expect(pipelines.history(name).first()).toContainText('Failed')
  await expect(studio.errorAlert()).toContainText('stopped at the clean stage')
  await expect(studio.errorAlert()).toContainText('The registry was not changed.')
  await studio.expectPlainMessages()

  await studio.openSection('Registry')
  await expect(registry.versions('Parkinson screening').getByRole('row')).toHaveCount(2)
  expect(await registry.history('Parkinson screening').allInnerTexts()).toEqual(historyBefore)
})
