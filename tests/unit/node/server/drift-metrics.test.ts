/**
 * The live drift gauges on /metrics: their values for a known window equal
 * core's drift functions on the same rows cleaned by the bundle (so the
 * window holds what the reference describes), one window per model version
 * (a hot-swapped version starts empty), no gauges and one log line for a
 * version-1 bundle, the row limit from the server's options, and text that
 * passes `promtool check metrics` with the drift gauges in it.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ModelBundleV2 } from '../../../../src/core/bundle/bundle'
import { columnDriftVsReference } from '../../../../src/core/drift/column-drift'
import { driftReport } from '../../../../src/core/drift/report'
import { scoreDriftVsReference } from '../../../../src/core/drift/score-drift'
import type { Column } from '../../../../src/core/types'
import { DRIFT_METRICS } from '../../../../src/node/server/drift-metrics'
import { takeRows } from '../../../../src/core/table/access'
import { bundleJson, inputNames, root, sampleRecords, sampleTable } from './support/bundles'
import { serveBundles, withRegistryMeta, type TestServer } from './support/server'

const PROMTOOL = '/usr/bin/promtool'

let ms: Record<string, unknown>
let server: TestServer

beforeAll(async () => {
  ms = await bundleJson('ms')
  const v1 = JSON.parse(readFileSync(join(root, 'tests/golden/bundles/v1-logistic-ms.json'), 'utf8')) as Record<string, unknown>
  server = await serveBundles({ 'ms-1.json': withRegistryMeta(ms, 'ms', 1, 'Production'), 'ms-2.json': withRegistryMeta(ms, 'ms', 2, 'Staging'), 'old.json': v1 }, { processMetrics: true })
})
afterAll(() => server.close())

async function scrape(): Promise<{ text: string; value: (series: string) => number | undefined; series: (name: string) => string[] }> {
  const response = await server.app.inject({ method: 'GET', url: '/metrics' })
  expect(response.statusCode).toBe(200)
  const samples = new Map<string, number>()
  for (const line of response.body.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue
    const at = line.lastIndexOf(' ')
    samples.set(line.slice(0, at), Number(line.slice(at + 1)))
  }
  return { text: response.body, value: (s) => samples.get(s), series: (name) => [...samples.keys()].filter((k) => k.startsWith(`${name}{`)) }
}

const post = (url: string, records: Record<string, unknown>[]) => server.app.inject({ method: 'POST', url, payload: { dataframe_records: records } })

describe('live drift gauges', () => {
  it("equal core's drift of the same rows, cleaned by the bundle, per feature and for the scores", async () => {
    const records = sampleRecords('ms-treatment.csv', 120, inputNames(ms))
    // A few cells the cleaning and the reference must see as they do: a missing value, text with stray spaces.
    records[3] = { ...records[3], age: null }
    records[5] = { ...records[5], gender: ' Female ' }
    for (let i = 0; i < records.length; i += 40) expect((await post('/invocations?model=ms&version=1', records.slice(i, i + 40))).statusCode).toBe(200)
    const { value } = await scrape()

    const model = server.store.snapshot.resolve('ms', '1')!
    const bundle = model.predictor.bundle as ModelBundleV2
    const reference = bundle.reference!
    const columns = inputNames(ms)
    const cleaned = model.predictor.cleanRecords({ columns, rows: records.map((r) => columns.map((c) => r[c] ?? null)) }).table
    const l = 'model="ms",version="1"'
    expect(value(`${DRIFT_METRICS.windowRows}{${l}}`)).toBe(120)
    let drifted = 0
    for (const ref of reference.columns) {
      const column = cleaned.columns.find((c) => c.name === ref.name) as Column
      const expected = columnDriftVsReference(ref, reference.rows, column)
      const f = `${l},feature="${ref.name}"`
      expect(value(`${DRIFT_METRICS.featurePsi}{${f}}`), ref.name).toBe(expected.psi ?? undefined)
      expect(value(`${DRIFT_METRICS.featureStatistic}{${f},test="${expected.test}"}`), ref.name).toBe(expected.statistic ?? undefined)
      expect(value(`${DRIFT_METRICS.featureDrifted}{${f}}`), ref.name).toBe(expected.drifted ? 1 : 0)
      if (expected.drifted) drifted++
    }
    const share = drifted / reference.columns.length
    expect(value(`${DRIFT_METRICS.share}{${l}}`)).toBe(share)
    expect(value(`${DRIFT_METRICS.datasetDrift}{${l}}`)).toBe(share >= 0.5 ? 1 : 0)

    const proba = new Float64Array(records.length * bundle.target.labels.length)
    const answered = (await post('/invocations?model=ms&version=2', records)).json().predictions as { probabilities: Record<string, number> }[]
    answered.forEach((p, i) => bundle.target.labels.forEach((label, c) => (proba[i * bundle.target.labels.length + c] = p.probabilities[label])))
    const scores = scoreDriftVsReference(reference.scores, bundle.task, bundle.target.labels, proba)
    const after = await scrape()
    // Version 2 got the same rows in one request: the same scores, its own window.
    expect(after.value(`${DRIFT_METRICS.predictionPsi}{model="ms",version="2"}`)).toBe(scores.psi ?? undefined)
    expect(after.value(`${DRIFT_METRICS.predictionPsi}{${l}}`)).toBe(scores.psi ?? undefined)
    expect(after.value(`${DRIFT_METRICS.windowPredictionRows}{${l}}`)).toBe(120)
  })

  it('give the numbers of the drift report (npm run drift) for the same rows', async () => {
    const fresh = await serveBundles({ 'ms.json': ms })
    try {
      const table = takeRows(sampleTable('ms-treatment.csv'), Int32Array.from({ length: 300 }, (_, i) => 1499 - i))
      const records = sampleRecords('ms-treatment.csv', 1500, inputNames(ms)).slice(1200).reverse()
      expect((await fresh.app.inject({ method: 'POST', url: '/invocations', payload: { dataframe_records: records } })).statusCode).toBe(200)
      const text = (await fresh.app.inject({ method: 'GET', url: '/metrics' })).body
      const value = (series: string) => {
        const line = text.split('\n').find((l) => l.startsWith(`${series} `))
        return line === undefined ? undefined : Number(line.slice(series.length + 1))
      }
      const report = driftReport({ reference: { kind: 'bundle', bundle: fresh.store.snapshot.only()!.predictor.bundle }, current: table })
      const l = 'model="ms",version="1"'
      expect(report.columns.length).toBe(inputNames(ms).length)
      for (const c of report.columns) {
        expect(value(`${DRIFT_METRICS.featurePsi}{${l},feature="${c.name}"}`), c.name).toBe(c.psi ?? undefined)
        expect(value(`${DRIFT_METRICS.featureStatistic}{${l},feature="${c.name}",test="${c.test}"}`), c.name).toBe(c.statistic ?? undefined)
      }
      expect(value(`${DRIFT_METRICS.share}{${l}}`)).toBe(report.share)
      expect(value(`${DRIFT_METRICS.datasetDrift}{${l}}`)).toBe(report.datasetDrift ? 1 : 0)
      expect(value(`${DRIFT_METRICS.predictionPsi}{${l}}`)).toBe(report.prediction?.psi ?? undefined)
      expect(value(`${DRIFT_METRICS.predictionStatistic}{${l},test="${report.prediction?.test}"}`)).toBe(report.prediction?.statistic ?? undefined)
    } finally {
      await fresh.close()
    }
  })

  it('keeps one window per model version; a version swapped in starts empty', async () => {
    await post('/invocations?model=ms&version=2', sampleRecords('ms-treatment.csv', 7, inputNames(ms)))
    let { value } = await scrape()
    expect(value(`${DRIFT_METRICS.windowRows}{model="ms",version="1"}`)).toBe(120)
    expect(value(`${DRIFT_METRICS.windowRows}{model="ms",version="2"}`)).toBe(127)
    // ms-2.json now holds version 3: version 2 goes, version 3 starts with nothing.
    writeFileSync(join(server.dir, 'ms-2.json'), JSON.stringify(withRegistryMeta(ms, 'ms', 3, 'Staging')))
    await server.store.rescan()
    ;({ value } = await scrape())
    expect(value(`${DRIFT_METRICS.windowRows}{model="ms",version="2"}`)).toBeUndefined()
    expect(value(`${DRIFT_METRICS.windowRows}{model="ms",version="3"}`)).toBe(0)
    expect(value(`${DRIFT_METRICS.featurePsi}{model="ms",version="3",feature="age"}`)).toBeUndefined()
    expect(value(`${DRIFT_METRICS.windowRows}{model="ms",version="1"}`)).toBe(120)
  })

  it('has no drift gauges for a version-1 bundle, and says why once', async () => {
    const oldName = server.store.snapshot.all().find((m) => m.predictor.bundle.reference === null)!.name
    await post(`/invocations?model=${oldName}`, sampleRecords('ms-treatment.csv', 5))
    await scrape()
    const { text } = await scrape()
    const driftLines = text.split('\n').filter((l) => /^studio_(feature_drift|drift_|dataset_drift|prediction_drift|feature_drifted)/.test(l))
    expect(driftLines.length).toBeGreaterThan(0)
    expect(driftLines.filter((l) => l.includes(`model="${oldName}"`))).toEqual([])
    const said = server.logs.lines().filter((l) => String(l.msg).startsWith('no live drift for this model'))
    expect(said).toHaveLength(1)
    expect(said[0]).toMatchObject({ model: oldName, version: '1' })
    expect(String(said[0].msg)).toContain('re-export')
  })

  it('passes promtool check metrics with the drift gauges present', async () => {
    const { text } = await scrape()
    for (const name of Object.values(DRIFT_METRICS)) expect(text, name).toContain(`# TYPE ${name} gauge`)
    const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' })
    expect(check.stdout + check.stderr).toBe('')
    expect(check.status).toBe(0)
  })
})

describe('drift window limits', () => {
  it('keeps at most the rows the server was given', async () => {
    const small = await serveBundles({ 'ms.json': ms }, { driftWindow: { rows: 50, seconds: 3600 } })
    try {
      await small.app.inject({ method: 'POST', url: '/invocations', payload: { dataframe_records: sampleRecords('ms-treatment.csv', 80, inputNames(ms)) } })
      const text = (await small.app.inject({ method: 'GET', url: '/metrics' })).body
      expect(text).toContain(`${DRIFT_METRICS.windowRows}{model="ms",version="1"} 50`)
    } finally {
      await small.close()
    }
  })

  it('turns live drift off with 0 rows', async () => {
    const off = await serveBundles({ 'ms.json': ms }, { driftWindow: { rows: 0, seconds: 3600 } })
    try {
      await off.app.inject({ method: 'POST', url: '/invocations', payload: { dataframe_records: sampleRecords('ms-treatment.csv', 5, inputNames(ms)) } })
      const text = (await off.app.inject({ method: 'GET', url: '/metrics' })).body
      expect(text).not.toMatch(/^studio_drift_window_rows\{/m)
    } finally {
      await off.close()
    }
  })
})
