import { useDataStore } from '../../state/data-store'
import { formatBytes, formatDuration, formatNumber } from '../common/format'

/** Name, size and identity of the loaded dataset. */
export function DatasetSummary() {
  const dataset = useDataStore((s) => s.dataset)
  if (!dataset) return null
  const { table, profile, format, byteLength, fingerprint, sample, loadMs } = dataset
  const missingCells = profile.columns.reduce((sum, c) => sum + c.missing, 0)
  return (
    <section className="card summary" aria-labelledby="summary-title">
      <div className="summary-head">
        <h2 id="summary-title">
          <span className="dataset-name">{table.name}</span>
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
          <dd data-testid="row-count">{formatNumber(table.rowCount)}</dd>
        </div>
        <div>
          <dt>Columns</dt>
          <dd data-testid="column-count">{formatNumber(table.columns.length)}</dd>
        </div>
        <div>
          <dt>Missing cells</dt>
          <dd>{formatNumber(missingCells)}</dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>
            {format.toUpperCase()} · {formatBytes(byteLength)}
          </dd>
        </div>
        <div>
          <dt>Fingerprint</dt>
          <dd className="mono" title="A hash of the table's content: the same data gives the same fingerprint.">
            {fingerprint}
          </dd>
        </div>
        <div>
          <dt>Read in</dt>
          <dd>{formatDuration(loadMs)}</dd>
        </div>
      </dl>
    </section>
  )
}
