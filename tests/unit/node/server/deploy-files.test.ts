/**
 * deploy/'s monitoring files fit together: the Grafana dashboard uses the
 * provisioned datasource and has the panels the README promises, the
 * dashboard provider reads the folder docker compose mounts, and compose
 * mounts the Prometheus files where its flags look for them. (The queries
 * themselves run against a real Prometheus in prometheus-drift.test.ts.)
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { root } from './support/bundles'

const read = (path: string) => readFileSync(join(root, 'deploy', path), 'utf8')
const dashboard = JSON.parse(read('grafana/dashboards/model-server.json')) as {
  uid: string
  panels: { type: string; title: string; datasource?: { uid: string }; targets?: { datasource?: { uid: string }; expr: string }[] }[]
  templating: { list: { name: string; datasource?: { uid: string } }[] }
}
const compose = read('docker-compose.yml')

describe('deploy: Grafana and compose', () => {
  it('queries the provisioned Prometheus datasource everywhere', () => {
    const uid = /uid: (\S+)/.exec(read('grafana/provisioning/datasources/prometheus.yml'))![1]
    expect(read('grafana/provisioning/datasources/prometheus.yml')).toContain('url: http://prometheus:9090')
    const used = new Set([
      ...dashboard.panels.flatMap((p) => [p.datasource?.uid, ...(p.targets ?? []).map((t) => t.datasource?.uid)]),
      ...dashboard.templating.list.map((v) => v.datasource?.uid),
    ])
    used.delete(undefined)
    expect([...used]).toEqual([uid])
  })

  it('has panels for requests, latency, errors, drift per feature and the prediction distribution', () => {
    const exprs = (title: RegExp) => dashboard.panels.filter((p) => title.test(p.title)).flatMap((p) => (p.targets ?? []).map((t) => t.expr))
    expect(exprs(/^Requests/).join()).toContain('studio_http_requests_total')
    expect(exprs(/^Latency/).join()).toContain('histogram_quantile(0.99')
    expect(exprs(/^Errors/).join()).toContain('status=~"5.."')
    expect(exprs(/^PSI per feature/).join()).toContain('studio_feature_drift_psi')
    expect(exprs(/^Prediction score distribution/).join()).toContain('studio_prediction_score_bucket')
    expect(exprs(/^Dataset drift/).join()).toContain('studio_dataset_drift')
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['job', 'model', 'version'])
  })

  it('provisions the dashboards from the folder compose mounts', () => {
    const path = /path: (\S+)/.exec(read('grafana/provisioning/dashboards/dashboards.yml'))![1]
    expect(compose).toContain(`./grafana/dashboards:${path}:ro`)
    expect(compose).toContain('./grafana/provisioning:/etc/grafana/provisioning:ro')
  })

  it("mounts the Prometheus files where compose's flags look for them", () => {
    expect(compose).toContain('./prometheus:/etc/prometheus:ro')
    expect(compose).toContain('--config.file=/etc/prometheus/prometheus.yml')
    expect(read('prometheus/prometheus.yml')).toMatch(/rule_files:\n\s+- alerts\.yml/)
    // The server service is the Dockerfile's image, listening where the scrape config looks.
    expect(compose).toContain('dockerfile: deploy/Dockerfile')
    expect(read('prometheus/prometheus.yml')).toContain("targets: ['server:8080']")
    expect(compose).toMatch(/\n {2}server:\n/)
  })
})
