import { useState } from 'react'
import { CLASSIFICATION_METRIC_NAMES, METRIC_LABELS, REGRESSION_METRIC_NAMES } from '../../core/eval/metric-direction'
import type { RunRecord } from '../../services/storage/runs'
import { pipelineDefaults, savePipelineFromRun } from '../../state/pipelines-store'
import { useRegistryStore } from '../../state/registry-store'
import { showPage } from '../../state/ui-store'
import { Alert } from '../common/Alert'

/**
 * "Save as pipeline" for a run (Runs page details, Train page results): the
 * run's data, recipe, features, pipeline and model become a pipeline that can
 * re-run on new data; the user names it, the registry model it feeds and the
 * rule that promotes a new model.
 */
export function SavePipelineForm({ run }: { run: RunRecord }) {
  const [open, setOpen] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  return (
    <div className="save-pipeline">
      <button type="button" className="ghost" aria-expanded={open} aria-controls={`save-pipeline-${run.id}`} onClick={() => setOpen(!open)}>
        Save as pipeline…
      </button>
      {saved && !open && (
        <Alert tone="info">
          Saved pipeline “{saved}”.{' '}
          <button type="button" className="link" onClick={() => showPage('pipelines')}>
            Open the Pipelines page
          </button>
        </Alert>
      )}
      {open && (
        <SaveFields
          run={run}
          onSaved={(name) => {
            setSaved(name)
            setOpen(false)
          }}
        />
      )}
    </div>
  )
}

function SaveFields({ run, onSaved }: { run: RunRecord; onSaved: (name: string) => void }) {
  const defaults = pipelineDefaults(run)
  const [name, setName] = useState(defaults.name)
  const [modelName, setModelName] = useState(defaults.modelName)
  const [metric, setMetric] = useState(defaults.promotion.metric)
  const [minGain, setMinGain] = useState(String(defaults.promotion.minGain))
  const [requireGolden, setRequireGolden] = useState(defaults.promotion.requireGolden)
  const [error, setError] = useState<string | null>(null)
  const models = useRegistryStore((s) => s.models)
  const metrics = metricChoices(run, defaults.promotion.metric)
  const id = (field: string) => `pipeline-${field}-${run.id}`
  return (
    <form
      id={`save-pipeline-${run.id}`}
      className="fields meta-form"
      aria-label="Save as pipeline"
      onSubmit={async (e) => {
        e.preventDefault()
        const gain = minGain.trim() === '' ? NaN : Number(minGain)
        const result = await savePipelineFromRun(run, { name, modelName, promotion: { metric, minGain: gain, requireGolden } })
        if (result.saved) onSaved(name.trim())
        else setError(result.error)
      }}
    >
      <div className="field">
        <label htmlFor={id('name')}>Pipeline name</label>
        <input id={id('name')} type="text" value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={id('model')}>Registry model name</label>
        <input id={id('model')} type="text" list={id('models')} value={modelName} onChange={(e) => setModelName(e.target.value)} required />
        <datalist id={id('models')}>
          {models.map((m) => (
            <option key={m.name} value={m.name} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={id('metric')}>Promote by</label>
        <select id={id('metric')} value={metric} onChange={(e) => setMetric(e.target.value)}>
          {metrics.map((m) => (
            <option key={m} value={m}>
              {METRIC_LABELS[m] ?? m}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('gain')}>Minimum gain over Production</label>
        <input id={id('gain')} type="number" min={0} step={0.001} value={minGain} onChange={(e) => setMinGain(e.target.value)} />
      </div>
      <div className="field checkbox-field">
        <label>
          <input type="checkbox" checked={requireGolden} onChange={(e) => setRequireGolden(e.target.checked)} /> Golden cases must reproduce
        </label>
      </div>
      <div className="field end">
        <button type="submit" className="primary">
          Save pipeline
        </button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </form>
  )
}

/** The task's metrics the run has a value for (a metric undefined for the task, e.g. PR AUC with several classes, cannot decide), the default always among them. */
function metricChoices(run: RunRecord, preferred: string): string[] {
  const all = run.task === 'regression' ? REGRESSION_METRIC_NAMES : CLASSIFICATION_METRIC_NAMES
  const measured = all.filter((m) => typeof run.metrics[m] === 'number' || m === preferred)
  return measured.length > 1 ? measured : all
}
