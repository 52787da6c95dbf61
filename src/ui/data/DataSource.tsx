import { useState, type FormEvent } from 'react'
import { loadFile, loadSample, loadUrl, useDataStore } from '../../state/data-store'
import { SAMPLES } from '../../state/samples'
import { FileDropZone } from '../common/FileDropZone'

/** Where data comes from: a dropped or picked file, a URL, or a bundled sample. */
export function DataSource() {
  const loading = useDataStore((s) => s.loading)
  const [url, setUrl] = useState('')
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (url.trim()) void loadUrl(url)
  }

  return (
    <section className="card source" aria-labelledby="source-title">
      <h2 id="source-title">Open a dataset</h2>
      <FileDropZone label="Drop a CSV, Parquet or Excel file here" inputLabel="Open a CSV, Parquet or Excel file" disabled={false} onFile={(file) => void loadFile(file)}>
        {(choose) => (
          <>
            <p className="dropzone-title">Drop a CSV, Parquet or Excel (.xlsx) file here</p>
            <p className="muted">It is read by this page on your computer and never uploaded.</p>
            <button type="button" className="primary" onClick={choose} disabled={loading !== null}>
              Choose a file…
            </button>
          </>
        )}
      </FileDropZone>
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
