import { useEffect } from 'react'
import { FAMILIES } from '../../core/model/registry'
import type { RunRecord } from '../../services/storage'
import { openRun, refreshRuns, removeRun, useRunsStore } from '../../state/runs-store'
import { Alert } from '../common/Alert'
import { downloadRunBundle } from '../common/download-bundle'
import { formatDate, formatDuration, formatMetric, formatNumber } from '../common/format'
import { RunResults } from '../train/RunResults'


/** Every run kept in this browser, newest first. */
export function RunsPage() {
  const runs = useRunsStore((s) => s.runs)
  const loaded = useRunsStore((s) => s.loaded)
  const error = useRunsStore((s) => s.error)
  const openId = useRunsStore((s) => s.openRunId)
  useEffect(() => {
    void refreshRuns()
  }, [])
  const open = runs.find((r) => r.id === openId) ?? null
  return (
    <div className="page">
      <section className="card" aria-labelledby="runs-title">
        <div className="card-head">
          <h2 id="runs-title">Runs</h2>
          <span className="muted">{loaded ? `${runs.length} run${runs.length === 1 ? '' : 's'} kept in this browser (IndexedDB)` : 'Reading…'}</span>
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        {loaded && runs.length === 0 && <p className="muted">No runs yet. Train a model and it will be listed here, even after a reload.</p>}
        {runs.length > 0 && (
          <div className="table-scroll">
            <table className="data-table runs-table" aria-label="Runs">
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col">Dataset</th>
                  <th scope="col">Target</th>
                  <th scope="col">Model and parameters</th>
                  <th scope="col" className="num">Accuracy</th>
                  <th scope="col" className="num">ROC AUC</th>
                  <th scope="col" className="num">F1</th>
                  <th scope="col" className="num">Log loss</th>
                  <th scope="col" className="num">RMSE</th>
                  <th scope="col" className="num">R²</th>
                  <th scope="col" className="num">Duration</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <RunRow key={run.id} run={run} isOpen={run.id === openId} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {open && open.status === 'finished' && (
        <section className="card" aria-label={`Run of ${formatDate(open.startedAt)}`}>
          <RunResults run={open} />
        </section>
      )}
    </div>
  )
}

function RunRow({ run, isOpen }: { run: RunRecord; isOpen: boolean }) {
  const when = formatDate(run.startedAt)
  return (
    <tr className={isOpen ? 'selected' : undefined}>
      <td>
        <time dateTime={run.startedAt}>{when}</time>
      </td>
      <td>
        <span className={`status status-${run.status}`} title={run.error ?? undefined}>
          {run.status}
        </span>
      </td>
      <td>
        <div>{run.dataset.name}</div>
        <div className="muted mono small" title="Content fingerprint">
          {run.dataset.fingerprint} · {formatNumber(run.dataset.rows)} × {run.dataset.columns}
        </div>
      </td>
      <td>{run.target}</td>
      <td>
        <div>{FAMILIES[run.family]?.label ?? run.family}</div>
        <div className="muted small">{describeParams(run)}</div>
      </td>
      <td className="num">{formatMetric(run.metrics.accuracy)}</td>
      <td className="num">{formatMetric(run.metrics.auc)}</td>
      <td className="num">{formatMetric(run.metrics.f1)}</td>
      <td className="num">{formatMetric(run.metrics.logLoss)}</td>
      <td className="num">{run.task === 'regression' ? formatMetric(run.metrics.rmse) : '—'}</td>
      <td className="num">{run.task === 'regression' ? formatMetric(run.metrics.r2) : '—'}</td>
      <td className="num">{formatDuration(run.durationMs)}</td>
      <td className="actions-cell">
        {run.status === 'finished' && (
          <button type="button" className="ghost small" aria-pressed={isOpen} onClick={() => openRun(isOpen ? null : run.id)} aria-label={`Show results of the run of ${when}`}>
            {isOpen ? 'Hide' : 'Show'}
          </button>
        )}
        {run.bundle && (
          <button type="button" className="ghost small" onClick={() => downloadRunBundle(run)} aria-label={`Download the model of the run of ${when}`}>
            Model
          </button>
        )}
        <button
          type="button"
          className="ghost small danger-text"
          aria-label={`Delete the run of ${when}`}
          onClick={() => {
            if (window.confirm(`Delete the run of ${when} and its model? This cannot be undone.`)) void removeRun(run.id)
          }}
        >
          Delete
        </button>
      </td>
    </tr>
  )
}

function describeParams(run: RunRecord): string {
  const params = Object.entries(run.params).map(([k, v]) => `${k}=${String(v)}`)
  return [...params, `seed=${run.seed}`, `test=${Math.round(run.testShare * 100)}%`].join(', ')
}
