/**
 * Live drift end to end, with the real components: the model server as the
 * README starts it (`npm run serve`) and Debian's Prometheus
 * (/usr/bin/prometheus; .ci/run installs it) started with the flags of
 * deploy/docker-compose.yml on a copy of deploy/prometheus/prometheus.yml
 * (1 s scrape and evaluation, scraping the server on 127.0.0.1) and of
 * alerts.yml (its `for:` durations shortened to seconds). Undrifted traffic,
 * then drifted traffic; the drift gauges are read back through Prometheus's
 * query API, equal to the server's own /metrics, and the drift alerts show
 * up pending or firing in /api/v1/alerts. Both processes are stopped
 * (process group and all) whatever happens.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, spawnServer, type SpawnedServer } from '../../../e2e/support/servers'
import { bundleJson, inputNames, root, sampleRecords, tempDir } from './support/bundles'

const PROMETHEUS = '/usr/bin/prometheus'
/** --drift-window-rows; each phase sends more rows than this, so the flag's cap shows. */
const WINDOW_ROWS = 300
const SENT_ROWS = 400
const MODEL = 'ms'

const work = tempDir('prometheus-drift')
let server: SpawnedServer | null = null
let prometheus: SpawnedServer | null = null
let records: Record<string, unknown>[] = []
let dashboardExpressions: string[] = []

/** Prometheus's flags from deploy/docker-compose.yml, with this test's paths and address. */
function composePrometheusFlags(compose: string, replace: Record<string, string>): string[] {
  const service = compose.slice(compose.indexOf('\n  prometheus:'))
  const block = service.slice(service.indexOf('command:'), service.indexOf('volumes:'))
  const flags = [...block.matchAll(/^\s+- (--[\w.-]+)=(\S+)$/gm)].map((m) => [m[1], m[2]] as const)
  expect(flags.map(([flag]) => flag)).toEqual(expect.arrayContaining(Object.keys(replace)))
  return flags.map(([flag, value]) => `${flag}=${replace[flag] ?? value}`)
}

/** `text` with `from` replaced by `to`, which must occur. */
function swap(text: string, from: string | RegExp, to: string): string {
  expect(text).toMatch(from)
  return text.replace(from, to)
}

beforeAll(async () => {
  const ms = await bundleJson(MODEL)
  const models = join(work.dir, 'models')
  mkdirSync(models)
  writeFileSync(join(models, `${MODEL}.json`), JSON.stringify(ms))
  records = sampleRecords('ms-treatment.csv', SENT_ROWS, inputNames(ms))

  const serverPort = await freePort()
  server = await spawnServer(
    'the model server',
    'npm',
    ['run', '--silent', 'serve', '--', '--model', models, '--host', '127.0.0.1', '--port', String(serverPort), '--drift-window-rows', String(WINDOW_ROWS), '--log-level', 'warn'],
    {},
    `http://127.0.0.1:${serverPort}`,
    (r) => r.ok,
    '/ping',
  )

  // The deployed configuration, pointed at this server, every second, with the rules' `for:` in seconds.
  const deploy = join(root, 'deploy')
  let config = readFileSync(join(deploy, 'prometheus/prometheus.yml'), 'utf8')
  config = swap(config, 'scrape_interval: 15s', 'scrape_interval: 1s')
  config = swap(config, 'evaluation_interval: 15s', 'evaluation_interval: 1s')
  config = swap(config, "targets: ['server:8080']", `targets: ['127.0.0.1:${serverPort}']`)
  config = swap(config, '  - alerts.yml', `  - ${join(work.dir, 'alerts.yml')}`)
  writeFileSync(join(work.dir, 'prometheus.yml'), config)
  const rules = readFileSync(join(deploy, 'prometheus/alerts.yml'), 'utf8')
  writeFileSync(join(work.dir, 'alerts.yml'), swap(rules, /for: \d+m/g, 'for: 2s'))

  const promPort = await freePort()
  const flags = composePrometheusFlags(readFileSync(join(deploy, 'docker-compose.yml'), 'utf8'), {
    '--config.file': join(work.dir, 'prometheus.yml'),
    '--storage.tsdb.path': join(work.dir, 'data'),
    '--web.listen-address': `127.0.0.1:${promPort}`,
  })
  prometheus = await spawnServer('prometheus', PROMETHEUS, flags, {}, `http://127.0.0.1:${promPort}`, (r) => r.ok, '/-/ready')

  const dashboard = JSON.parse(readFileSync(join(deploy, 'grafana/dashboards/model-server.json'), 'utf8')) as { panels: { targets?: { expr: string }[] }[] }
  dashboardExpressions = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr))
}, 180_000)

afterAll(async () => {
  await prometheus?.stop()
  await server?.stop()
  work.remove()
})

/** Sends `rows` to the server in requests of 50 rows. */
async function send(rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50) {
    const response = await fetch(`${server!.origin}/invocations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dataframe_records: rows.slice(i, i + 50) }),
    })
    expect(response.status, await response.text()).toBe(200)
  }
}

interface Sample {
  metric: Record<string, string>
  value: [number, string]
}

/** An instant query through Prometheus's HTTP API. */
async function query(expr: string): Promise<Sample[]> {
  const response = await fetch(`${prometheus!.origin}/api/v1/query?query=${encodeURIComponent(expr)}`)
  const body = (await response.json()) as { status: string; error?: string; data: { result: Sample[] } }
  expect(body.status, `${expr}: ${body.error}`).toBe('success')
  return body.data.result
}

/** Polls `probe` until it returns a value (the test's timeout bounds the wait). */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** The server's own /metrics as "name{labels}" → value. */
async function serverSamples(): Promise<Map<string, number>> {
  const text = await (await fetch(`${server!.origin}/metrics`)).text()
  const samples = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue
    const at = line.lastIndexOf(' ')
    samples.set(line.slice(0, at), Number(line.slice(at + 1)))
  }
  return samples
}

/** The drifted version of a record: numbers moved far off, every category the same value. */
function drifted(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) out[key] = typeof value === 'number' ? value * 3 + 40 : value === null ? null : 'Other'
  return out
}

const sel = `model="${MODEL}",version="1"`

describe('live drift through a real Prometheus', () => {
  it('shows no dataset drift for traffic like the training data', async () => {
    await send(records)
    // The first scrape after the traffic: the window is full, at the server's --drift-window-rows.
    const rows = await until(async () => {
      const [sample] = await query(`studio_drift_window_rows{${sel}}`)
      return sample && Number(sample.value[1]) === WINDOW_ROWS ? sample : undefined
    })
    expect(rows.metric.job).toBe('clinical-ml-studio-server')
    const [dataset] = await query(`studio_dataset_drift{${sel}}`)
    expect(Number(dataset.value[1])).toBe(0)
    const psi = await query(`studio_feature_drift_psi{${sel}}`)
    expect(psi.map((s) => s.metric.feature).sort()).toEqual(expect.arrayContaining(['age', 'lesion_count']))
    for (const s of psi) expect(Number(s.value[1]), s.metric.feature).toBeLessThan(0.2)
    const alerts = (await (await fetch(`${prometheus!.origin}/api/v1/alerts`)).json()) as { data: { alerts: { labels: Record<string, string> }[] } }
    expect(alerts.data.alerts.filter((a) => a.labels.alertname === 'ModelDatasetDrift')).toEqual([])
  }, 120_000)

  it('reads the drift gauges back after drifted traffic, equal to /metrics, and raises the drift alerts', async () => {
    await send(records.map(drifted))
    const dataset = await until(async () => {
      const [sample] = await query(`studio_dataset_drift{${sel}} == 1`)
      return sample
    })
    expect(dataset.metric.model).toBe(MODEL)
    // Once the window holds only drifted rows, Prometheus holds what the server says.
    await until(async () => {
      const [sample] = await query(`studio_drift_share{${sel}}`)
      return sample && Number(sample.value[1]) === 1 ? sample : undefined
    })
    const own = await serverSamples()
    const psi = await until(async () => {
      const found = await query(`studio_feature_drift_psi{${sel}}`)
      return found.every((s) => Number(s.value[1]) === own.get(`studio_feature_drift_psi{${sel},feature="${s.metric.feature}"}`)) && found.length > 0 ? found : undefined
    })
    for (const s of psi) expect(Number(s.value[1]), s.metric.feature).toBeGreaterThan(0.2)
    const [prediction] = await query(`studio_prediction_drift_psi{${sel}}`)
    expect(Number(prediction.value[1])).toBe(own.get(`studio_prediction_drift_psi{${sel}}`))

    const alerts = await until(async () => {
      const body = (await (await fetch(`${prometheus!.origin}/api/v1/alerts`)).json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } }
      const names = new Set(body.data.alerts.filter((a) => a.state === 'pending' || a.state === 'firing').map((a) => a.labels.alertname))
      return names.has('ModelDatasetDrift') && names.has('ModelFeaturePsiHigh') ? body.data.alerts : undefined
    })
    const datasetAlert = alerts.find((a) => a.labels.alertname === 'ModelDatasetDrift')!
    expect(datasetAlert.labels).toMatchObject({ model: MODEL, version: '1', severity: 'warning' })
    expect(['pending', 'firing']).toContain(datasetAlert.state)
  }, 120_000)

  it("answers every query of the Grafana dashboard", async () => {
    const vars: Record<string, string> = { $job: '.*', $model: MODEL, $version: '.*', $__rate_interval: '5s', $__range: '5m' }
    expect(dashboardExpressions.length).toBeGreaterThan(10)
    for (const expr of dashboardExpressions) {
      const concrete = expr.replace(/\$\w+/g, (v) => vars[v] ?? v)
      await query(concrete)
    }
    // The drift panels have data.
    expect((await query(`studio_feature_drift_statistic{${sel}}`)).length).toBeGreaterThan(0)
  }, 60_000)

  it('names in the alert rules and the dashboard only metrics the server exports', async () => {
    const text = await (await fetch(`${server!.origin}/metrics`)).text()
    const exported = new Set([...text.matchAll(/^# TYPE (\w+) (\w+)$/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name])))
    const rules = readFileSync(join(root, 'deploy/prometheus/alerts.yml'), 'utf8')
    const used = new Set([...`${rules}\n${dashboardExpressions.join('\n')}`.matchAll(/\bstudio_\w+/g)].map((m) => m[0]))
    expect(used.size).toBeGreaterThan(10)
    expect([...used].filter((name) => !exported.has(name))).toEqual([])
  })
})
