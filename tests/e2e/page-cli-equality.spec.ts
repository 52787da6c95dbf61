/**
 * The page and the CLI are two front ends of one runner (src/core/experiment):
 * the same data, recipe, settings and seed give the same model bundle,
 * byte for byte once the times are set aside (createdAt, durations). The page
 * trains in its worker pool and the bundle is downloaded; the CLI
 * (`npm run train`) runs as its own process on the same file.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect } from './fixtures'
import { SAMPLE_DIR } from './pages/StudioPage'

test.setTimeout(240_000)

const root = new URL('../../', import.meta.url).pathname
let work: string
test.beforeAll(() => void (work = mkdtempSync(join(tmpdir(), 'studio-equality-'))))
test.afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs `npm run train -- <args>` (tsx directly, so no npm wrapper outlives it) and resolves with its exit code and stderr. */
function trainCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/node/cli/train.ts'), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

/** The bundle's text with what differs between two runs of the same work left out: the times. */
function timeless(text: string): string {
  return JSON.stringify(JSON.parse(text), (key, value) => (key === 'createdAt' || key === 'durationMs' || key === 'exportedAt' ? undefined : value), 2)
}

test('gradient boosting on the Parkinson sample: the page’s bundle equals the CLI’s for the same settings and seed', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Gradient boosting' })
  await page.getByLabel('Boosting rounds').fill('30')
  await page.getByLabel('Learning rate').fill('0.2')
  await page.getByLabel('Random seed').fill('7')
  // The page (cross-origin isolated) builds histograms on every core; the CLI below on one: the same bits.
  const cores = await page.evaluate(() => Math.min(4, navigator.hardwareConcurrency))
  if (cores > 1) await expect(page.getByText(`Tree models (gradient boosting, random forest, decision tree) train on ${cores} cores.`)).toBeVisible()
  await studio.train()
  const fromPage = (await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))).text

  const out = join(work, 'gbdt.json')
  const cli = await trainCli(['--data', join(SAMPLE_DIR, 'parkinsons.csv'), '--target', 'Diagnosis', '--model', 'gbdt', '--params', '{"nRounds": 30, "learningRate": 0.2}', '--seed', '7', '--threads', '1', '--out', out])
  expect(cli.code, cli.stderr).toBe(0)
  const fromCli = readFileSync(out, 'utf8')
  expect(JSON.parse(fromPage).model.params).toMatchObject({ nRounds: 30, learningRate: 0.2, seed: 7 })
  expect(timeless(fromPage)).toBe(timeless(fromCli))
})

test('a random forest on the Parkinson sample: the page grows trees on every core, the CLI on one, and the bundles are equal', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Random forest' })
  await page.getByLabel('Number of trees').fill('24')
  await page.getByLabel('Random seed').fill('11')
  await studio.train()
  const fromPage = (await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))).text

  const out = join(work, 'forest.json')
  const cli = await trainCli(['--data', join(SAMPLE_DIR, 'parkinsons.csv'), '--target', 'Diagnosis', '--model', 'forest', '--params', '{"nTrees": 24}', '--seed', '11', '--threads', '1', '--out', out])
  expect(cli.code, cli.stderr).toBe(0)
  expect(JSON.parse(fromPage).model.params).toMatchObject({ nTrees: 24, seed: 11 })
  expect(timeless(readFileSync(out, 'utf8'))).toBe(timeless(fromPage))
})

test('the neural net on the Parkinson sample: the page’s bundle (tfjs wasm in a Web Worker) equals the CLI’s (tfjs wasm in Node)', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
  await page.getByLabel('Model family').selectOption({ label: 'Neural network (MLP)' })
  await page.getByLabel('Maximum epochs').fill('12')
  await page.getByLabel('Random seed').fill('7')
  await studio.train()
  // Headless Chromium has no WebGPU adapter, so the page trains on wasm, as Node does.
  await expect(studio.results()).toContainText('tfjs backend: wasm')
  const fromPage = (await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))).text

  const out = join(work, 'mlp.json')
  const cli = await trainCli(['--data', join(SAMPLE_DIR, 'parkinsons.csv'), '--target', 'Diagnosis', '--model', 'mlp', '--params', '{"epochs": 12}', '--seed', '7', '--out', out])
  expect(cli.code, cli.stderr).toBe(0)
  const fromCli = readFileSync(out, 'utf8')
  expect(JSON.parse(fromPage).model.params).toMatchObject({ epochs: 12, seed: 7 })
  // Same wasm binary, one thread on both sides: the same weights, bit for bit.
  expect(timeless(fromPage)).toBe(timeless(fromCli))
})

test('logistic regression on the MS sample with the proposed recipe: the page’s bundle equals the CLI’s with the exported recipe', async ({ studio, page }) => {
  await studio.goto()
  await page.getByRole('button', { name: 'Multiple sclerosis treatment response (synthetic)' }).click()
  await studio.expectDataset('ms-treatment.csv', '1,500', '10')
  await studio.openSection('Clean')
  await page.getByRole('button', { name: 'Add all suggestions' }).click()
  await expect(page.getByTestId('cleaned-size')).not.toHaveText(/^1,500 rows/)
  const recipe = (await studio.downloadText(page.getByRole('button', { name: 'Export recipe' }))).text
  await studio.openSection('Data')
  await expect(page.getByLabel('Task')).toHaveValue('binary')
  await studio.openSection('Train')
  await studio.train()
  const fromPage = (await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))).text

  const recipeFile = join(work, 'recipe.json')
  writeFileSync(recipeFile, recipe)
  const out = join(work, 'ms.json')
  const cli = await trainCli(['--data', join(SAMPLE_DIR, 'ms-treatment.csv'), '--target', 'treatment_response', '--model', 'logreg', '--recipe', recipeFile, '--out', out])
  expect(cli.code, cli.stderr).toBe(0)
  const fromCli = readFileSync(out, 'utf8')
  expect(JSON.parse(fromPage).cleaning.steps.length).toBeGreaterThan(0)
  expect(timeless(fromPage)).toBe(timeless(fromCli))
})

test('a random search on the Evaluate page refits the same model as `npm run train --search random`', async ({ studio, page }) => {
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Evaluate')
  await page.getByLabel('Locked test split').selectOption('0.2')
  await page.getByLabel('Method').selectOption('random')
  await page.getByLabel('Candidates').fill('4')
  await page.getByLabel('Folds (k)').fill('3')
  await page.getByRole('button', { name: 'Start search' }).click()
  const open = page.getByRole('button', { name: /^Open the run of Logistic regression \(trial \d\)/ })
  await expect(open).toBeVisible({ timeout: 120_000 })
  await open.click()
  const fromPage = (await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))).text

  const out = join(work, 'search.json')
  const cli = await trainCli(['--data', join(SAMPLE_DIR, 'parkinsons.csv'), '--target', 'Diagnosis', '--model', 'logreg', '--search', 'random', '--trials', '4', '--folds', '3', '--test-size', '0.2', '--out', out])
  expect(cli.code, cli.stderr).toBe(0)
  const fromCli = readFileSync(out, 'utf8')
  // The cross-validation behind the choice travels in both bundles.
  expect(Object.keys(JSON.parse(fromPage).metrics.crossValidated)).toContain('auc')
  expect(timeless(fromPage)).toBe(timeless(fromCli))
})
