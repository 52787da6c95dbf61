import type { ModelSummary } from '../../services/predict-client'
import { checkBatchDrift } from '../../state/monitor-store'
import { batchDownload, scoreBatchFile, usePredictStore } from '../../state/predict-store'
import { Alert } from '../common/Alert'
import { FileDropZone } from '../common/FileDropZone'
import { downloadBytes, safeFileName } from '../common/download'
import { formatNumber } from '../common/format'
import { ProgressBar } from '../common/ProgressBar'
import { BatchIssues } from './BatchIssues'
import { BatchTable } from './BatchTable'

/** Score a file: drop or pick it, read the answers a page at a time, see the rows validation refused, download the lot. */
export function BatchScoring({ model }: { model: ModelSummary }) {
  const batch = usePredictStore((s) => s.batch)
  const progress = usePredictStore((s) => s.batchProgress)
  const error = usePredictStore((s) => s.batchError)
  const batchFile = usePredictStore((s) => s.batchFile)
  const choice = usePredictStore((s) => s.choice)
  const busy = progress !== null
  const download = async (format: 'csv' | 'parquet') => {
    const bytes = await batchDownload(format)
    if (!bytes || !batch) return
    const base = safeFileName(`${batch.fileName.replace(/\.(csv|tsv|txt|parquet|xlsx)(\.gz)?$/i, '')}-predictions`)
    downloadBytes(`${base}.${format}`, bytes, format === 'csv' ? 'text/csv' : 'application/vnd.apache.parquet')
  }
  return (
    <section className="card" aria-labelledby="batch-title">
      <h2 id="batch-title">Many patients: score a file</h2>
      <FileDropZone label="Drop a CSV, Parquet or Excel file to score" inputLabel="Score a CSV, Parquet or Excel file" disabled={busy} onFile={(file) => void scoreBatchFile(file)}>
        {(choose) => (
          <>
            <p className="dropzone-title">Drop a CSV, Parquet or Excel (.xlsx) file to score</p>
            <p className="muted">
              It needs the model's {model.inputSchema.length} input columns by name; other columns are kept in the download and ignored by the model.
            </p>
            <button type="button" className="primary" onClick={choose} disabled={busy}>
              Choose a file to score…
            </button>
          </>
        )}
      </FileDropZone>
      {progress && (
        <ProgressBar
          label="Scoring the file"
          value={progress.total > 0 ? progress.done : null}
          max={Math.max(1, progress.total)}
          text={progress.total > 0 ? `${progress.stage}: ${formatNumber(progress.done)} of ${formatNumber(progress.total)}` : progress.stage}
        />
      )}
      {error && <Alert tone="error">{error}</Alert>}
      {batch && (
        <>
          <p data-testid="batch-summary" role="status">
            <strong>{batch.fileName}</strong>: {formatNumber(batch.rows)} row{batch.rows === 1 ? '' : 's'}, {formatNumber(batch.rows - batch.refused)} scored
            {batch.refused > 0 ? `, ${formatNumber(batch.refused)} refused by validation (listed below)` : ''}.
          </p>
          {batch.warnings.length > 0 && (
            <ul className="warnings" aria-label="Notes on this file">
              {batch.warnings.map((w, k) => (
                <li key={k}>{w}</li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button type="button" onClick={() => void download('csv')}>
              Download predictions as CSV
            </button>
            <button type="button" onClick={() => void download('parquet')}>
              Download predictions as Parquet
            </button>
            {batchFile && (
              <button type="button" onClick={() => void checkBatchDrift(batchFile, choice)} aria-describedby="check-drift-help">
                Check drift
              </button>
            )}
          </div>
          {batchFile && (
            <p className="help muted" id="check-drift-help">
              Check drift opens the Monitor page to compare this file with the data the model was trained on.
            </p>
          )}
          <BatchTable model={model} rows={batch.rows} />
          <BatchIssues />
        </>
      )}
    </section>
  )
}
