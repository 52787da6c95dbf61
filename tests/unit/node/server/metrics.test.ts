/**
 * /metrics: Prometheus text that counts what was asked and answered, per
 * route and per model version, checked value by value, and accepted by
 * `promtool check metrics` (Debian's prometheus package; .ci/run installs it).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleJson, inputNames, sampleRecords } from './support/bundles'
import { serveBundles, type TestServer } from './support/server'

const PROMTOOL = '/usr/bin/promtool'

let server: TestServer
let ms: Record<string, unknown>
let parkinsons: Record<string, unknown>

beforeAll(async () => {
  ms = await bundleJson('ms')
  parkinsons = await bundleJson('parkinsons')
  const edss = await bundleJson('edss')
  server = await serveBundles({ 'ms.json': ms, 'parkinsons.json': parkinsons, 'edss.json': edss })
})
afterAll(() => server.close())

/** Parsed samples: "name{labels}" → value. */
async function scrape(app = server.app): Promise<{ text: string; value: (series: string) => number | undefined }> {
  const response = await app.inject({ method: 'GET', url: '/metrics' })
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
  const text = response.body
  const samples = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue
    const at = line.lastIndexOf(' ')
    samples.set(line.slice(0, at), Number(line.slice(at + 1)))
  }
  return { text, value: (series) => samples.get(series) }
}

const post = (url: string, payload: unknown) => server.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> })

describe('/metrics', () => {
  it('counts requests by route and status, with latency histograms', async () => {
    const records = sampleRecords('ms-treatment.csv', 2)
    await post('/invocations?model=ms', { dataframe_records: records })
    await post('/invocations?model=ms', { dataframe_records: records })
    await post('/invocations?model=ms', { nope: 1 })
    await server.app.inject({ method: 'GET', url: '/v2/models/nope' })
    const { value } = await scrape()
    expect(value('studio_http_requests_total{method="POST",route="/invocations",status="200"}')).toBe(2)
    expect(value('studio_http_requests_total{method="POST",route="/invocations",status="400"}')).toBe(1)
    expect(value('studio_http_requests_total{method="GET",route="/v2/models/:name",status="404"}')).toBe(1)
    expect(value('studio_http_request_duration_seconds_count{method="POST",route="/invocations"}')).toBe(3)
    expect(value('studio_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/invocations"}')).toBe(3)
  })

  it('counts rows, classes and positive-class scores per model version', async () => {
    const records = sampleRecords('parkinsons.csv', 25, inputNames(parkinsons))
    const predictions = (await post('/invocations?model=parkinsons', { dataframe_records: records })).json().predictions as { label: string; probabilities: Record<string, number> }[]
    const { value } = await scrape()
    const labels = { model: 'parkinsons', version: '1' }
    const l = `model="${labels.model}",version="${labels.version}"`
    expect(value(`studio_predicted_rows_total{${l}}`)).toBe(25)
    const counts = new Map<string, number>()
    for (const p of predictions) counts.set(p.label, (counts.get(p.label) ?? 0) + 1)
    for (const [label, count] of counts) expect(value(`studio_predicted_class_total{${l},class="${label}"}`)).toBe(count)
    expect(value(`studio_prediction_score_count{${l}}`)).toBe(25)
    // Binary: the score is the positive class's probability.
    const positive = (parkinsons.target as { positiveLabel: string | null; labels: string[] }).positiveLabel ?? '1'
    const sum = predictions.reduce((s, p) => s + p.probabilities[positive], 0)
    expect(value(`studio_prediction_score_sum{${l}}`)).toBeCloseTo(sum, 9)
    const below = predictions.filter((p) => p.probabilities[positive] <= 0.5).length
    expect(value(`studio_prediction_score_bucket{le="0.5",${l}}`)).toBe(below)
  })

  it('counts missing, out-of-training-range and unseen-category inputs per feature', async () => {
    const records = sampleRecords('ms-treatment.csv', 4, inputNames(ms))
    records[0] = { ...records[0], lesion_volume_ml: null }
    records[1] = { ...records[1], age: 400 }
    records[2] = { ...records[2], age: -3, lesion_volume_ml: null }
    records[3] = { ...records[3], treatment: 'Placebo-X' }
    const response = await post('/invocations?model=ms', { dataframe_records: records })
    expect(response.statusCode).toBe(200)
    const { value } = await scrape()
    const l = 'model="ms",version="1"'
    expect(value(`studio_input_missing_total{${l},feature="lesion_volume_ml"}`)).toBe(2)
    expect(value(`studio_input_out_of_range_total{${l},feature="age"}`)).toBe(2)
    expect(value(`studio_input_unseen_category_total{${l},feature="treatment"}`)).toBe(1)
    expect(value(`studio_input_missing_total{${l},feature="age"}`)).toBeUndefined()
  })

  it('observes regression values and lists the models served', async () => {
    await post('/invocations?model=edss', { dataframe_records: sampleRecords('ms-treatment.csv', 3) })
    const { value, text } = await scrape()
    expect(value('studio_predicted_value_count{model="edss",version="1"}')).toBe(3)
    expect(text).toMatch(/studio_model_info\{model="edss",version="1",stage="",family="linreg",task="regression"\} 1/)
    expect(text).toMatch(/studio_model_info\{model="ms",version="1",stage="",family="logistic",task="multiclass"\} 1/)
  })

  it.skipIf(!existsSync(PROMTOOL))('passes promtool check metrics, process metrics included', async () => {
    const full = await serveBundles({ 'ms.json': ms, 'edss.json': await bundleJson('edss') }, { processMetrics: true })
    try {
      for (const model of ['ms', 'edss']) {
        const records = sampleRecords('ms-treatment.csv', 3)
        records[0] = { ...records[0], age: null, treatment: 'Placebo-X' }
        await full.app.inject({ method: 'POST', url: `/invocations?model=${model}`, payload: { dataframe_records: records } })
      }
      const { text } = await scrape(full.app)
      for (const name of ['process_cpu_seconds_total', 'studio_prediction_score_bucket', 'studio_predicted_value_count', 'studio_input_missing_total', 'studio_model_info']) expect(text).toContain(name)
      const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' })
      expect(check.stdout + check.stderr).toBe('')
      expect(check.status).toBe(0)
    } finally {
      await full.close()
    }
  })
})
