import * as ort from 'onnxruntime-node'
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

  const fromRun = await studio.downloadBytes(page.getByRole('button', { name: 'Download ONNX of the model' }))
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
