import { useState, type FormEvent } from 'react'
import type { DriftReport } from '../../core/drift/types'
import { driftCounts, parseDriftShare, problemGroups, verdictSentence } from '../../state/drift-view'
import { setDriftShare, useMonitorStore } from '../../state/monitor-store'
import { formatNumber, formatPercent } from '../common/format'

/** The verdict in words, the counts behind it, columns that could not be compared as usual, and the report's notes. */
export function DriftSummary({ report }: { report: DriftReport }) {
  const { drifted, compared } = driftCounts(report)
  const problems = problemGroups(report)
  return (
    <section className="card" aria-labelledby="drift-summary-title">
      <h2 id="drift-summary-title">Drift summary</h2>
      <p className={`drift-verdict ${report.datasetDrift ? 'drifted' : 'stable'}`} data-testid="drift-verdict" role="status">
        <span className={`badge ${report.datasetDrift ? 'warn' : 'info'}`}>{report.datasetDrift ? 'Dataset drift' : 'No dataset drift'}</span> {verdictSentence(report)}
      </p>
      <dl className="stats">
        <div>
          <dt>Drifted columns</dt>
          <dd data-testid="drifted-count">
            {drifted} of {compared}
          </dd>
        </div>
        <div>
          <dt>Share drifted</dt>
          <dd data-testid="drift-share">{formatPercent(report.share)}</dd>
        </div>
        <div>
          <dt>Reference</dt>
          <dd>
            {report.reference.name} ({formatNumber(report.reference.rows)} rows{report.reference.source === 'bundle' ? ', training summary' : ''})
          </dd>
        </div>
        <div>
          <dt>Current</dt>
          <dd>
            {report.current.name} ({formatNumber(report.current.rows)} rows)
          </dd>
        </div>
      </dl>
      <DriftShareField />
      {problems.length > 0 && (
        <div className="drift-problems">
          <h3>Columns that could not be compared as usual</h3>
          <ul aria-label="Problem columns">
            {problems.map((g) => (
              <li key={g.code}>
                <strong>{g.label}:</strong> {g.columns.join(', ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.extraColumns.length > 0 && (
        <p className="muted">
          Not in the reference, so not compared: {report.extraColumns.join(', ')}.
        </p>
      )}
      {report.warnings.length > 0 && (
        <ul className="warnings" aria-label="Notes on this report">
          {report.warnings.map((w, k) => (
            <li key={k}>{w}</li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** The share of drifted columns that counts as dataset drift, typed as a percentage and applied with Enter or the button. */
function DriftShareField() {
  const share = useMonitorStore((s) => s.driftShare)
  const [text, setText] = useState(String(Math.round(share * 1000) / 10))
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseDriftShare(text)
    if ('error' in parsed) return setError(parsed.error)
    setError(null)
    setDriftShare(parsed.share)
  }
  return (
    <form className="fields" onSubmit={submit} aria-label="Dataset drift rule">
      <div className="field">
        <label htmlFor="drift-share-input">Dataset drift when at least this % of columns drift</label>
        <input
          id="drift-share-input"
          type="number"
          min={1}
          max={100}
          step={1}
          value={text}
          aria-invalid={error !== null}
          aria-describedby="drift-share-help"
          onChange={(e) => setText(e.target.value)}
        />
        <small className="help" id="drift-share-help">
          {error ?? 'Half the columns by default.'}
        </small>
      </div>
      <div className="field end">
        <button type="submit">Apply</button>
      </div>
    </form>
  )
}
