import { useState } from 'react'
import { FAMILIES } from '../../core/model/registry'
import { plainMessage } from '../../core/user-message'
import type { RunRecord } from '../../services/storage/runs'
import { registerRun, useRegistryStore } from '../../state/registry-store'
import { openRun, removeRun, saveRunMeta, setFilters } from '../../state/runs-store'
import { Alert } from '../common/Alert'
import { hasBundle } from '../common/download-bundle'
import { formatDate, formatDuration } from '../common/format'
import { SavePipelineForm } from '../pipelines/SavePipelineForm'

/** Identity of an opened run, its tags and note, registering its model, downloading or deleting it. */
export function RunDetails({ run }: { run: RunRecord }) {
  const when = formatDate(run.startedAt)
  const [tags, setTags] = useState((run.tags ?? []).join(', '))
  const [note, setNote] = useState(run.note ?? '')
  const models = useRegistryStore((s) => s.models)
  const modelNames = models.map((m) => m.name)
  const registryError = useRegistryStore((s) => s.error)
  const registryNotice = useRegistryStore((s) => s.notice)
  const [modelName, setModelName] = useState('')
  const [comment, setComment] = useState('')
  const remove = async () => {
    if (!window.confirm(`Delete the run of ${when} and its model? This cannot be undone.`)) return
    const question = await removeRun(run.id)
    if (question && window.confirm(`${question.needsConfirmation}\n\nDelete it anyway? The registered version will point at a run that no longer exists.`)) await removeRun(run.id, true)
  }
  return (
    <div className="run-details">
      <div className="card-head">
        <h2>
          {FAMILIES[run.family]?.label ?? run.family} · {when}
        </h2>
        <div className="row">
          {/* The model is downloaded from the results below ("Download model bundle"): one button per panel. */}
          <button type="button" className="ghost small danger-text" aria-label={`Delete the run of ${when}`} onClick={() => void remove()}>
            Delete
          </button>
        </div>
      </div>
      <p className="muted small">
        <span className={`status status-${run.status}`}>{run.status}</span> · {run.dataset.name} (fingerprint <span className="mono">{run.dataset.fingerprint}</span>) · target {run.target} · {formatDuration(run.durationMs)}
        {/* Runs saved before errors were worded for people keep the old text: it is made plain here too. */}
        {run.error ? ` · ${plainMessage(run.error)}` : ''}
      </p>
      {run.search && (
        <p className="small">
          Best of a {run.search.method} search of {run.search.trials.length} trials by {run.search.metric}.{' '}
          <button type="button" className="link" onClick={() => setFilters({ parent: run.id })}>
            List its trials
          </button>
        </p>
      )}
      {run.kind === 'trial' && run.parentId && (
        <p className="small">
          A trial of a search.{' '}
          <button type="button" className="link" onClick={() => openRun(run.parentId!)}>
            Open the search's final model
          </button>
        </p>
      )}
      <form
        className="fields meta-form"
        onSubmit={(e) => {
          e.preventDefault()
          void saveRunMeta(run.id, { tags: tags.split(',').map((t) => t.trim()).filter(Boolean), note })
        }}
      >
        <div className="field">
          <label htmlFor={`tags-${run.id}`}>Tags (comma-separated)</label>
          <input id={`tags-${run.id}`} type="text" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="baseline, reviewed" />
        </div>
        <div className="field grow">
          <label htmlFor={`note-${run.id}`}>Note</label>
          <textarea id={`note-${run.id}`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="field end">
          <button type="submit">Save tags and note</button>
        </div>
      </form>
      {hasBundle(run) && run.status === 'finished' && (
        <form
          className="fields meta-form"
          onSubmit={async (e) => {
            e.preventDefault()
            if (await registerRun(modelName, run.id, comment)) setComment('')
          }}
        >
          <div className="field">
            <label htmlFor={`model-name-${run.id}`}>Register this model as</label>
            <input id={`model-name-${run.id}`} type="text" list={`model-names-${run.id}`} value={modelName} onChange={(e) => setModelName(e.target.value)} placeholder="e.g. Parkinson screening" required />
            <datalist id={`model-names-${run.id}`}>
              {modelNames.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </div>
          <div className="field grow">
            <label htmlFor={`register-comment-${run.id}`}>Comment</label>
            <input id={`register-comment-${run.id}`} type="text" value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
          <div className="field end">
            <button type="submit" className="primary">
              Register model
            </button>
          </div>
        </form>
      )}
      {run.status !== 'running' && <SavePipelineForm run={run} />}
      {registryError && <Alert tone="error">{registryError}</Alert>}
      {registryNotice && <Alert tone="info">{registryNotice}</Alert>}
    </div>
  )
}
