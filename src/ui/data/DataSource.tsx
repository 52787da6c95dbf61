import { useRef, useState, type DragEvent, type FormEvent } from 'react'
import { loadFile, loadSample, loadUrl, useDataStore } from '../../state/data-store'
import { SAMPLES } from '../../state/samples'

/** Where data comes from: a dropped or picked file, a URL, or a bundled sample. */
export function DataSource() {
  const loading = useDataStore((s) => s.loading)
  const [dragging, setDragging] = useState(false)
  const [url, setUrl] = useState('')
  const input = useRef<HTMLInputElement>(null)

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const file = event.dataTransfer.files[0]
    if (file) void loadFile(file)
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (url.trim()) void loadUrl(url)
  }

  return (
    <section className="card source" aria-labelledby="source-title">
      <h2 id="source-title">Open a dataset</h2>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        role="region"
        aria-label="Drop a CSV, Parquet or Excel file here"
        onDragEnter={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="dropzone-title">Drop a CSV, Parquet or Excel (.xlsx) file here</p>
        <p className="muted">It is read by this page on your computer and never uploaded.</p>
        <button type="button" className="primary" onClick={() => input.current?.click()} disabled={loading !== null}>
          Choose a file…
        </button>
        {/* Reached through the button above, so not a tab stop of its own (it is invisible). */}
        <input
          ref={input}
          type="file"
          tabIndex={-1}
          className="visually-hidden"
          aria-label="Open a CSV, Parquet or Excel file"
          accept=".csv,.tsv,.txt,.parquet,.xlsx,.gz,text/csv,application/gzip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            const file = e.target.files?.[0]
            if (file) void loadFile(file)
            e.target.value = ''
          }}
        />
      </div>
      <form className="url-form" onSubmit={onSubmit}>
        <label htmlFor="data-url">Or open a URL (public or pre-signed S3 link)</label>
        <div className="row">
          <input id="data-url" type="url" inputMode="url" placeholder="https://…/patients.csv" value={url} onChange={(e) => setUrl(e.target.value)} />
          <button type="submit" disabled={loading !== null || url.trim() === ''}>
            Open URL
          </button>
        </div>
      </form>
      <div className="samples">
        <span className="muted">Synthetic samples:</span>
        {SAMPLES.map((sample) => (
          <button key={sample.id} type="button" className="ghost" onClick={() => void loadSample(sample)} disabled={loading !== null} title={sample.description}>
            {sample.title}
          </button>
        ))}
      </div>
    </section>
  )
}
