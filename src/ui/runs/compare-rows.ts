import { METRIC_LABELS } from '../../core/eval/metric-direction'
import { FAMILIES } from '../../core/model/registry'
import type { RunRecord } from '../../services/storage/runs'
import { formatDate, formatMetric } from '../common/format'

/** One line of the comparison: a label and each run's value as text. */
export interface CompareRow {
  group: 'Run' | 'Parameters' | 'Metrics'
  label: string
  values: string[]
}

/** Builds the side-by-side rows of 2–10 runs: identity, every parameter any of them has, every metric. */
export function compareRows(runs: RunRecord[]): CompareRow[] {
  const rows: CompareRow[] = [
    { group: 'Run', label: 'Started', values: runs.map((r) => formatDate(r.startedAt)) },
    { group: 'Run', label: 'Model', values: runs.map((r) => FAMILIES[r.family]?.label ?? r.family) },
    { group: 'Run', label: 'Dataset', values: runs.map((r) => `${r.dataset.name} (${r.dataset.fingerprint.slice(0, 8)})`) },
    { group: 'Run', label: 'Target', values: runs.map((r) => r.target) },
    { group: 'Run', label: 'Features', values: runs.map((r) => String(r.features.length)) },
    { group: 'Run', label: 'Seed', values: runs.map((r) => String(r.seed)) },
    { group: 'Run', label: 'Test share', values: runs.map((r) => `${Math.round(r.testShare * 100)}%`) },
  ]
  const params = [...new Set(runs.flatMap((r) => Object.keys(r.params)))]
  for (const p of params) rows.push({ group: 'Parameters', label: p, values: runs.map((r) => (p in r.params ? formatValue(r.params[p]) : '—')) })
  const metrics = [...new Set(runs.flatMap((r) => [...Object.keys(r.metrics), ...Object.keys(r.cv?.summary ?? {})]))].filter((m) => METRIC_LABELS[m])
  for (const m of metrics) {
    rows.push({
      group: 'Metrics',
      label: METRIC_LABELS[m],
      values: runs.map((r) => {
        const held = r.metrics[m]
        if (typeof held === 'number') return formatMetric(held)
        const cv = r.cv?.summary[m]
        return cv && cv.mean !== null ? `${cv.mean.toFixed(3)} ± ${(cv.std ?? 0).toFixed(3)} (CV)` : '—'
      }),
    })
  }
  return rows
}

/** Rows whose values are not all the same. */
export function onlyDifferences(rows: CompareRow[]): CompareRow[] {
  return rows.filter((r) => new Set(r.values).size > 1)
}

function formatValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)))
  if (v === null || v === undefined) return '—'
  if (Array.isArray(v)) return v.join(', ')
  return String(v)
}
