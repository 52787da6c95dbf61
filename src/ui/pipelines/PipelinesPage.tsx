import { useEffect } from 'react'
import { importPipelineText, refreshPipelines, usePipelinesStore } from '../../state/pipelines-store'
import { refreshRegistry } from '../../state/registry-store'
import { Alert } from '../common/Alert'
import { FilePickButton } from '../common/FilePickButton'
import { PipelineCard } from './PipelineCard'
import './pipelines.css'

/** Saved pipelines: each drawn as its eight stages, run again on new data, with the history of its runs. */
export function PipelinesPage() {
  const pipelines = usePipelinesStore((s) => s.pipelines)
  const runs = usePipelinesStore((s) => s.runs)
  const live = usePipelinesStore((s) => s.live)
  const loaded = usePipelinesStore((s) => s.loaded)
  const error = usePipelinesStore((s) => s.error)
  const notice = usePipelinesStore((s) => s.notice)
  useEffect(() => {
    void refreshPipelines()
    void refreshRegistry()
  }, [])
  return (
    <div className="page">
      <section className="card" aria-labelledby="pipelines-title">
        <h2 id="pipelines-title">Pipelines</h2>
        <p className="lede">
          A pipeline re-makes a model on new data: load → validate → clean → features → train → evaluate → register → promote. The new model is registered in Staging and
          scored beside the Production version on the same held-out rows of the new data; it replaces it only when the pipeline's rule holds.
        </p>
        <div className="row">
          <FilePickButton inputLabel="Pipeline JSON file" accept=".json,application/json" onFile={async (file) => importPipelineText(await file.text())}>
            Import a pipeline (JSON)…
          </FilePickButton>
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        {notice && <Alert tone="info">{notice}</Alert>}
        {loaded && pipelines.length === 0 && <p className="muted">No pipelines yet. Open a finished run on the Runs page, or train one, and choose “Save as pipeline”.</p>}
      </section>
      {pipelines.map((p) => (
        <PipelineCard key={p.name} pipeline={p} runs={runs[p.name] ?? []} live={live[p.name]} />
      ))}
    </div>
  )
}
