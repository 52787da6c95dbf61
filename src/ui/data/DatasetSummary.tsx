import { useDataStore } from '../../state/data-store'
import { formatBytes, formatDuration, formatNumber } from '../common/format'

/** Name, size and identity of the loaded dataset. */
export function DatasetSummary() {
  const view = useDataStore((s) => s.originalView)
  const sample = useDataStore((s) => s.sample)
  if (!view) return null
  const { profile, format, compression, byteLength, fingerprint, timings } = view
  const missingCells = profile.columns.reduce((sum, c) => sum + c.missing, 0)
  return (
    <section className="card summary" aria-labelledby="summary-title">
      <div className="summary-head">
        <h2 id="summary-title">
          <span className="dataset-name">{view.name}</span>
        </h2>
        {sample && (
          <span className="badge synthetic" title={sample.description}>
            Synthetic sample — not real patients
          </span>
        )}
      </div>
      <dl className="stats">
        <div>
          <dt>Rows</dt>
          <dd data-testid="row-count">{formatNumber(view.rowCount)}</dd>
        </div>
        <div>
          <dt>Columns</dt>
          <dd data-testid="column-count">{formatNumber(view.columnNames.length)}</dd>
        </div>
        <div>
          <dt>Missing cells</dt>
          <dd>{formatNumber(missingCells)}</dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>
            {format.toUpperCase()}
            {compression ? ` (${compression})` : ''} · {formatBytes(byteLength)}
          </dd>
        </div>
        <div>
          <dt>Fingerprint</dt>
          <dd className="mono" title="A hash of the table's content: the same data gives the same fingerprint.">
            {fingerprint}
          </dd>
        </div>
        <div>
          <dt>Read · profiled in</dt>
          <dd>
            {formatDuration(timings.readMs)} · {formatDuration(timings.profileMs)}
          </dd>
        </div>
      </dl>
    </section>
  )
}
