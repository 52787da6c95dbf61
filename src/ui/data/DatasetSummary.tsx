import { useMemo } from 'react'
import { useDataStore } from '../../state/data-store'
import { isCleaned, showVersion, useShownVersion, useShownView } from '../../state/data-version'
import { formatBytes, formatDuration, formatNumber } from '../common/format'

/** Name, size and identity of the loaded dataset, in the version the page shows (original or cleaned). */
export function DatasetSummary() {
  const view = useShownView()
  const sample = useDataStore((s) => s.sample)
  const missingCells = useMemo(() => view?.profile.columns.reduce((sum, c) => sum + c.missing, 0) ?? 0, [view])
  if (!view) return null
  const { format, compression, byteLength, fingerprint, timings } = view
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
        <VersionSwitch />
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
          <dd data-testid="missing-cells">{formatNumber(missingCells)}</dd>
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

/**
 * Shown once a cleaning recipe has changed the data: what cleaning did to the
 * size, and a choice between the cleaned data (what training uses) and the
 * file as read.
 */
function VersionSwitch() {
  const cleaned = useDataStore((s) => isCleaned(s))
  const before = useDataStore((s) => s.originalView)
  const after = useDataStore((s) => s.view)
  const version = useShownVersion()
  if (!cleaned || !before || !after) return null
  const columnsChanged = before.columnNames.length !== after.columnNames.length
  return (
    <div className="version-switch">
      <p className="muted" data-testid="cleaning-change">
        {formatNumber(before.rowCount)} rows → {formatNumber(after.rowCount)} after cleaning
        {columnsChanged ? ` · ${formatNumber(before.columnNames.length)} columns → ${formatNumber(after.columnNames.length)}` : ''}
      </p>
      <fieldset className="segmented">
        <legend className="visually-hidden">Data shown on this page</legend>
        {(['original', 'cleaned'] as const).map((v) => (
          <label key={v} className={version === v ? 'checked' : undefined}>
            <input type="radio" name="data-version" value={v} checked={version === v} onChange={() => showVersion(v)} />
            {v === 'original' ? 'Original' : 'Cleaned'}
          </label>
        ))}
      </fieldset>
    </div>
  )
}
