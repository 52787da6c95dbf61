import { useRef, useState, type DragEvent } from 'react'
import { cancelPipelineRun, runOnNewData } from '../../state/pipelines-store'

/** "Run on new data": drop or pick a CSV, Parquet or Excel file; every stage re-runs on it in a worker. */
export function NewDataDrop({ name, running }: { name: string; running: boolean }) {
  const [dragging, setDragging] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const file = event.dataTransfer.files[0]
    if (file && !running) void runOnNewData(name, file)
  }
  return (
    <div
      className={`dropzone pipeline-drop${dragging ? ' dragging' : ''}`}
      role="region"
      aria-label={`Drop new data for ${name} here`}
      onDragEnter={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragOver={(e) => e.preventDefault()}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p className="dropzone-title">Run on new data</p>
      <p className="muted">Drop a CSV, Parquet or Excel (.xlsx) file: every stage runs again on it, in this browser.</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => input.current?.click()} disabled={running}>
          Choose a file for {name}…
        </button>
        {running && (
          <button type="button" className="ghost" onClick={() => cancelPipelineRun(name)}>
            Cancel the run
          </button>
        )}
      </div>
      {/* Reached through the button above, so not a tab stop of its own (it is invisible). */}
      <input
        ref={input}
        type="file"
        tabIndex={-1}
        className="visually-hidden"
        aria-label={`New data file for ${name}`}
        accept=".csv,.tsv,.txt,.parquet,.xlsx,.gz,text/csv,application/gzip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) void runOnNewData(name, file)
          e.target.value = ''
        }}
      />
    </div>
  )
}
