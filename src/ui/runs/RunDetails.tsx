import { FAMILIES } from '../../core/model/registry'
import type { RunRecord } from '../../services/storage'
import { removeRun } from '../../state/runs-store'
import { downloadRunBundle, hasBundle } from '../common/download-bundle'
import { formatDate, formatDuration } from '../common/format'

/** Identity of an opened run and what can be done with it. */
export function RunDetails({ run }: { run: RunRecord }) {
  const when = formatDate(run.startedAt)
  return (
    <div className="run-details">
      <div className="card-head">
        <h2>
          {FAMILIES[run.family]?.label ?? run.family} · {when}
        </h2>
        <div className="row">
          {hasBundle(run) && (
            <button type="button" className="ghost small" onClick={() => void downloadRunBundle(run)} aria-label={`Download the model of the run of ${when}`}>
              Download model
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
        </div>
      </div>
      <p className="muted small">
        <span className={`status status-${run.status}`}>{run.status}</span> · {run.dataset.name} (fingerprint <span className="mono">{run.dataset.fingerprint}</span>) · target {run.target} · {formatDuration(run.durationMs)}
        {run.error ? ` · ${run.error}` : ''}
      </p>
    </div>
  )
}
