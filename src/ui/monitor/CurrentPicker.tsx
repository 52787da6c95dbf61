import { readMonitorFile, useMonitorStore } from '../../state/monitor-store'
import { FileDropZone } from '../common/FileDropZone'
import { formatNumber } from '../common/format'
import { ReadingProgress } from './ReadingProgress'

/** The data to check: a dropped or picked file, or the file scored last on the Predict page. */
export function CurrentPicker() {
  const current = useMonitorStore((s) => s.current)
  const reading = useMonitorStore((s) => s.reading)
  return (
    <fieldset className="monitor-side">
      <legend>Current: the data to check</legend>
      <FileDropZone
        label="Drop the current data file"
        inputLabel="Open a current CSV, Parquet or Excel file"
        disabled={reading !== null}
        onFile={(f) => void readMonitorFile('current', f)}
        className="compact"
      >
        {(choose) => (
          <>
            <p className="dropzone-title">Drop recent patients' data (CSV, Parquet or Excel)</p>
            <p className="muted">Or score a file on the Predict page and choose “Check drift”.</p>
            <button type="button" className="primary" onClick={choose} disabled={reading !== null}>
              Choose a current file…
            </button>
          </>
        )}
      </FileDropZone>
      <ReadingProgress slot="current" />
      {current && (
        <>
          <p className="hint" data-testid="current-summary">
            {current.source === 'batch' ? 'Scored on the Predict page: ' : ''}
            <strong>{current.fileName}</strong>: {formatNumber(current.rows)} row{current.rows === 1 ? '' : 's'}, {current.columns.length} columns.
          </p>
          {current.warnings.length > 0 && (
            <ul className="warnings" aria-label="Notes on the current file">
              {current.warnings.map((w, k) => (
                <li key={k}>{w}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </fieldset>
  )
}
