import { useMemo } from 'react'
import { METRIC_LABELS } from '../../core/eval/metric-direction'
import { FAMILIES } from '../../core/model/registry'
import { VALIDATION_KINDS, type ValidationKind } from '../../core/tracking/run-validation'
import { RUN_COLUMNS } from '../../state/run-query'
import { clearFilters, setComparing, setFilters, toggleColumn, useRunsStore, visibleRuns } from '../../state/runs-store'
import { formatNumber } from '../common/format'

const FILTER_METRICS = ['auc', 'accuracy', 'f1', 'logLoss', 'prAuc', 'rmse', 'r2']

/** Every tag in use, A→Z. Rows read from storage share their tag lists, so each distinct list is looked at once. */
function tagsOf(runs: readonly { tags?: string[] }[]): string[] {
  const lists = new Set<string[]>()
  for (const r of runs) if (r.tags && r.tags.length > 0) lists.add(r.tags)
  const tags = new Set<string>()
  for (const list of lists) for (const t of list) tags.add(t)
  return [...tags].sort()
}

/** Search, filters, the column chooser and the way into comparison. */
export function RunsToolbar() {
  const filters = useRunsStore((s) => s.filters)
  const runs = useRunsStore((s) => s.runs)
  const shownCount = useRunsStore((s) => visibleRuns(s).length)
  const columns = useRunsStore((s) => s.columns)
  const tags = useMemo(() => tagsOf(runs), [runs])
  return (
    <div className="runs-toolbar">
      <div className="fields">
        <div className="field grow">
          <label htmlFor="runs-search">Search runs</label>
          <input id="runs-search" type="text" placeholder="dataset, target, model, tag, note…" value={filters.text} onChange={(e) => setFilters({ text: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="runs-family">Model</label>
          <select id="runs-family" value={filters.family ?? ''} onChange={(e) => setFilters({ family: e.target.value || null })}>
            <option value="">All models</option>
            {Object.values(FAMILIES).map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="runs-status">Status</label>
          <select id="runs-status" value={filters.status ?? ''} onChange={(e) => setFilters({ status: e.target.value || null })}>
            <option value="">Any status</option>
            {['finished', 'running', 'failed', 'cancelled'].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="runs-validation">Validation method</label>
          <select id="runs-validation" value={filters.validation ?? ''} onChange={(e) => setFilters({ validation: (e.target.value || null) as ValidationKind | null })}>
            <option value="">Any validation</option>
            {VALIDATION_KINDS.map((v) => (
              <option key={v.kind} value={v.kind}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="runs-tag">Tag</label>
          <select id="runs-tag" value={filters.tag ?? ''} onChange={(e) => setFilters({ tag: e.target.value || null })}>
            <option value="">Any tag</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="runs-metric">Metric at least / at most</label>
          <div className="row nowrap">
            <select id="runs-metric" aria-label="Metric to filter on" value={filters.metric ?? ''} onChange={(e) => setFilters({ metric: e.target.value || null })}>
              <option value="">—</option>
              {FILTER_METRICS.map((m) => (
                <option key={m} value={m}>
                  {METRIC_LABELS[m]}
                </option>
              ))}
            </select>
            <input type="number" step="any" aria-label="Metric at least" placeholder="min" value={filters.min ?? ''} onChange={(e) => setFilters({ min: e.target.value === '' ? null : Number(e.target.value) })} />
            <input type="number" step="any" aria-label="Metric at most" placeholder="max" value={filters.max ?? ''} onChange={(e) => setFilters({ max: e.target.value === '' ? null : Number(e.target.value) })} />
          </div>
        </div>
      </div>
      <div className="row">
        <span className="muted" aria-live="polite">
          Showing {formatNumber(shownCount)} of {formatNumber(runs.length)} runs
        </span>
        <label>
          <input type="checkbox" checked={filters.showTrials} onChange={(e) => setFilters({ showTrials: e.target.checked })} /> Show search trials
        </label>
        {filters.parent && <span className="badge info">Trials of one search</span>}
        <button type="button" className="ghost small" onClick={clearFilters}>
          Clear filters
        </button>
        <details className="column-chooser">
          <summary>Columns</summary>
          <div className="checklist" role="group" aria-label="Visible columns">
            {RUN_COLUMNS.map((c) => (
              <label key={c.id}>
                <input type="checkbox" checked={columns.includes(c.id)} onChange={() => toggleColumn(c.id)} /> {c.label}
              </label>
            ))}
          </div>
        </details>
        <span className="grow" />
        <CompareButton />
      </div>
    </div>
  )
}

/** Its own component, so ticking a run redraws this button and that run's row, not the whole toolbar. */
function CompareButton() {
  const count = useRunsStore((s) => s.selected.length)
  return (
    <button type="button" className="primary" disabled={count < 2} onClick={() => setComparing(true)}>
      Compare {count} selected
    </button>
  )
}
