import * as ort from 'onnxruntime-node'
import { Predictor } from '../../src/core/bundle/predictor'
import { test, expect } from './fixtures'
import { RegistryPage } from './pages/RegistryPage'
import { RunsPage } from './pages/RunsPage'
import { watchCspViolations } from './support/csp-violations'

test.setTimeout(180_000)

interface Bundle {
  pipeline: { inputs: { name: string; type: 'number' | 'category' }[] }
  cleaning: { steps: unknown[] }
  target: { labels: string[] }
  golden: { input: Record<string, number | string | boolean | null>; output: { label: string; probabilities: Record<string, number> } }[]
}

/** Loads the downloaded model in onnxruntime-node, checks its inputs and outputs, and scores the bundle's golden cases with it. */
async function checkOnnx(bytes: Buffer, bundle: Bundle): Promise<void> {
  const session = await ort.InferenceSession.create(new Uint8Array(bytes))
  try {
    expect(session.inputNames).toEqual(bundle.pipeline.inputs.map((c) => c.name))
    expect(session.outputNames).toEqual(['label', 'probabilities'])
    // Without cleaning steps, a golden case's raw record is the graph's input as it is.
    expect(bundle.cleaning.steps).toEqual([])
    const cases = bundle.golden
    const feeds = Object.fromEntries(bundle.pipeline.inputs.map((c) => {
      const cells = cases.map((g) => g.input[c.name] ?? null)
      return [c.name, c.type === 'number'
        ? new ort.Tensor('float32', Float32Array.from(cells, (v) => (v === null ? NaN : Number(v))), [cases.length, 1])
        : new ort.Tensor('string', cells.map((v) => (v === null ? '' : String(v))), [cases.length, 1])]
    }))
    const out = await session.run(feeds)
    const labels = bundle.target.labels
    const proba = out.probabilities.data as Float32Array
    expect(out.probabilities.dims).toEqual([cases.length, labels.length])
    cases.forEach((g, i) => {
      labels.forEach((label, c) => expect(Math.abs(proba[i * labels.length + c] - g.output.probabilities[label])).toBeLessThan(1e-5))
      expect((out.label.data as string[])[i]).toBe(g.output.label)
    })
  } finally {
    await session.release()
  }
}

test('Download ONNX saves a model onnxruntime loads, from a run’s results and from a registry version', async ({ studio, page }) => {
  // The protobuf writer is static code: exporting needs no eval under the page's Content-Security-Policy.
  const violations = await watchCspViolations(page)
  await studio.goto()
  await studio.expectDataset('parkinsons.csv', '2,105', '35')
  await studio.openSection('Train')
  await studio.train()
  const { text } = await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))
  const bundle = JSON.parse(text) as Bundle
  expect(bundle.golden.length).toBeGreaterThan(0)

  const fromRun = await studio.downloadBytes(studio.onnxButton())
  expect(fromRun.name).toMatch(/^parkinsons-Diagnosis-[a-z]+\.onnx$/)
  await checkOnnx(fromRun.bytes, bundle)

  await studio.openSection('Runs')
  await new RunsPage(page).register(0, 'Parkinson diagnosis', 1)
  await studio.openSection('Registry')
  const registry = new RegistryPage(page)
  const fromRegistry = await studio.downloadBytes(registry.onnxButton('Parkinson diagnosis', 1))
  expect(fromRegistry.name).toBe('Parkinson-diagnosis-v1.onnx')
  await checkOnnx(fromRegistry.bytes, bundle)
  await expect(studio.errorAlert()).toHaveCount(0)
  expect(violations).toEqual([])
})

test('A model whose cleaning ONNX cannot do exactly: Download ONNX names the step and offers the graph for cleaned inputs', async ({ studio, page }) => {
  await studio.goto()
  await page.getByRole('button', { name: 'Multiple sclerosis treatment response (synthetic)' }).click()
  await studio.expectDataset('ms-treatment.csv', '1,500', '10')
  await studio.openSection('Clean')
  await page.getByRole('button', { name: 'Add all suggestions' }).click()
  await expect(page.getByTestId('cleaned-size')).not.toHaveText(/^1,500 rows/)
  await studio.openSection('Data')
  await expect(page.getByLabel('Task')).toHaveValue('binary')
  await studio.openSection('Train')
  await studio.train()
  const { text } = await studio.downloadText(page.getByRole('button', { name: 'Download model bundle' }))
  const predictor = Predictor.fromBundle(JSON.parse(text))
  const bundle = predictor.bundle

  // The proposed recipe trims spaces: no exact ONNX form, so the export is refused, naming the step and its column.
  await expect(studio.onnxButton(true)).toHaveCount(0)
  await studio.onnxButton().click()
  const refusal = studio.results().getByRole('alert')
  await expect(refusal).toContainText('standardize-text "gender"): trims spaces')
  await expect(refusal).toContainText('Download ONNX for cleaned inputs')

  // The offered export: the graph after cleaning, fed the studio's cleaned golden records, gives the studio's answers.
  const download = await studio.downloadBytes(studio.onnxButton(true))
  expect(download.name).toMatch(/^ms-treatment-treatment_response-[a-z]+\.onnx$/)
  const cases = bundle.golden
  const cleaned = predictor.cleanRecords({ columns: bundle.inputSchema.map((c) => c.name), rows: cases.map((g) => bundle.inputSchema.map((c) => g.input[c.name] ?? null)) })
  expect(Array.from(cleaned.kept)).toEqual(cases.map((_, i) => i))
  const session = await ort.InferenceSession.create(new Uint8Array(download.bytes))
  try {
    expect(session.inputNames).toEqual(bundle.pipeline.inputs.map((c) => c.name))
    const feeds = Object.fromEntries(bundle.pipeline.inputs.map((c) => {
      const column = cleaned.table.columns.find((x) => x.name === c.name)!
      return [c.name, column.type === 'number'
        ? new ort.Tensor('float32', Float32Array.from(column.values), [cases.length, 1])
        : new ort.Tensor('string', Array.from(column.codes, (k) => (k < 0 ? '' : column.levels[k])), [cases.length, 1])]
    }))
    const out = await session.run(feeds)
    const labels = bundle.target.labels
    const proba = out.probabilities.data as Float32Array
    cases.forEach((g, i) => labels.forEach((label, c) => expect(Math.abs(proba[i * labels.length + c] - (g.output.probabilities?.[label] as number))).toBeLessThan(1e-5)))
  } finally {
    await session.release()
  }
})
