import { useEffect, useState } from 'react'
import type { Stage } from '../../core/tracking/registry'
import type { RegisteredModel } from '../../services/storage/registry'
import { confirmPending, dismissPending, moveVersion, pendingActionLabel, productionOn, refreshRegistry, useRegistryStore, versionBundle } from '../../state/registry-store'
import { openRun, refreshRuns, useRunsStore } from '../../state/runs-store'
import { showPage } from '../../state/ui-store'
import { Alert } from '../common/Alert'
import { downloadText, safeFileName } from '../common/download'
import { formatDate, formatMetric } from '../common/format'
import { DownloadXGBoostButton } from '../common/DownloadXGBoostButton'
import { ExportForServerButton, ServeInstructions } from './ExportForServer'
import { DownloadOnnxButton } from '../common/DownloadOnnxButton'
import { versionOnnx } from '../../state/onnx-export'
import { DownloadRegistryFolderButton, ImportRegistryFolder } from './RegistryFolder'

const STAGES: Stage[] = ['None', 'Staging', 'Production', 'Archived']

/** Registered models, their versions and stages, every transition, and "what was in Production then". */
export function RegistryPage() {
  const models = useRegistryStore((s) => s.models)
  const loaded = useRegistryStore((s) => s.loaded)
  const error = useRegistryStore((s) => s.error)
  const notice = useRegistryStore((s) => s.notice)
  const pending = useRegistryStore((s) => s.pending)
  useEffect(() => {
    void refreshRegistry()
    void refreshRuns()
  }, [])
  return (
    <div className="page">
      <section className="card" aria-labelledby="registry-title">
        <h2 id="registry-title">Model registry</h2>
        <p className="lede">Named models with numbered versions, each pointing at the run that trained it. One version per model can be in Production; it is the default model for prediction and monitoring.</p>
        <ImportRegistryFolder />
        {pending && (
          <Alert tone="warning" title="Another version is in Production">
            <p>{pending.message}</p>
            <div className="row">
              <button type="button" className="primary" onClick={() => void confirmPending()}>
                {pendingActionLabel(pending)}
              </button>
              <button type="button" className="ghost" onClick={dismissPending}>
                Keep things as they are
              </button>
            </div>
          </Alert>
        )}
        {error && <Alert tone="error">{error}</Alert>}
        {notice && <Alert tone="info">{notice}</Alert>}
        {loaded && models.length === 0 && <p className="muted">No registered models yet. Open a finished run on the Runs page and register its model.</p>}
      </section>
      {models.map((m) => (
        <ModelCard key={m.name} model={m} />
      ))}
    </div>
  )
}

function ModelCard({ model }: { model: RegisteredModel }) {
  const runs = useRunsStore((s) => s.runs)
  const [day, setDay] = useState('')
  const answer = day ? productionOn(model, day) : null
  const production = model.versions.find((v) => v.stage === 'Production')
  return (
    <section className="card" aria-labelledby={`model-${safeFileName(model.name)}`}>
      <div className="card-head">
        <h2 id={`model-${safeFileName(model.name)}`}>{model.name}</h2>
        <span className="muted">
          {model.versions.length} version{model.versions.length === 1 ? '' : 's'} · {production ? `version ${production.version} in Production` : 'nothing in Production'}
        </span>
      </div>
      <div className="table-scroll">
        <table className="data-table" aria-label={`Versions of ${model.name}`}>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Stage</th>
              <th scope="col">Run</th>
              <th scope="col" className="num">Score</th>
              <th scope="col">Registered</th>
              <th scope="col">Move to stage</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {model.versions.map((v) => {
              const run = runs.find((r) => r.id === v.runId)
              return (
                <tr key={v.version}>
                  <th scope="row">v{v.version}</th>
                  <td>
                    <span className={`stage stage-${v.stage.toLowerCase()}`}>{v.stage}</span>
                  </td>
                  <td>{run ? `${run.dataset.name} · ${formatDate(run.startedAt)}` : <span className="muted">run no longer stored</span>}</td>
                  <td className="num">{run ? formatMetric(run.metrics.auc ?? run.metrics.rmse ?? run.cv?.summary.auc?.mean ?? null) : '—'}</td>
                  <td>
                    {formatDate(v.createdAt)}
                    {v.comment && <div className="muted small">{v.comment}</div>}
                  </td>
                  <td>
                    {/* Keyed by the stage: after a move the form starts afresh, offering the stages the version can go to now. */}
                    <StageForm key={v.stage} model={model.name} version={v.version} current={v.stage} />
                  </td>
                  <td className="actions-cell">
                    {run && (
                      <button
                        type="button"
                        className="ghost small"
                        onClick={() => {
                          openRun(run.id)
                          showPage('runs')
                        }}
                      >
                        Open run
                      </button>
                    )}
                    <button
                      type="button"
                      className="ghost small"
                      aria-label={`Download version ${v.version} of ${model.name}`}
                      onClick={async () => {
                        const bundle = await versionBundle(v.runId)
                        if (bundle) downloadText(`${safeFileName(model.name)}-v${v.version}.model.json`, JSON.stringify(bundle, null, 1))
                      }}
                    >
                      Download
                    </button>
                    {run && <ExportForServerButton model={model.name} version={v.version} />}
                    {run && (
                      <DownloadOnnxButton
                        fileName={`${safeFileName(model.name)}-v${v.version}.onnx`}
                        label={`Download ONNX of version ${v.version} of ${model.name}`}
                        make={(afterCleaning) => versionOnnx(model.name, v.version, afterCleaning)}
                      />
                    )}
                    <DownloadXGBoostButton bundle={() => versionBundle(v.runId)} fileBase={`${model.name}-v${v.version}`} label={`Download version ${v.version} of ${model.name} as XGBoost JSON`} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="row">
        <DownloadRegistryFolderButton model={model.name} />
      </div>
      <ServeInstructions model={model.name} />
      <h3 className="sub">History</h3>
      {model.history.length === 0 ? (
        <p className="muted">No stage changes yet.</p>
      ) : (
        <ol className="history" aria-label={`History of ${model.name}`}>
          {[...model.history].reverse().map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{formatDate(h.at)}</time> — version {h.version}: {h.from} → <strong>{h.to}</strong>
              {h.comment && <span className="muted"> · “{h.comment}”</span>}
            </li>
          ))}
        </ol>
      )}
      <div className="row when-query">
        <label htmlFor={`day-${safeFileName(model.name)}`}>Which version was in Production on</label>
        <input id={`day-${safeFileName(model.name)}`} type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        {answer && <output>{'error' in answer ? answer.error : answer.production === null ? 'none' : `version ${answer.production}`}</output>}
      </div>
    </section>
  )
}

/** The stage a version usually goes to next: None → Staging → Production → Archived (an archived one back to Staging). */
const NEXT_STAGE: Record<Stage, Stage> = { None: 'Staging', Staging: 'Production', Production: 'Archived', Archived: 'Staging' }

function StageForm({ model, version, current }: { model: string; version: number; current: Stage }) {
  const [to, setTo] = useState<Stage>(NEXT_STAGE[current])
  const [comment, setComment] = useState('')
  return (
    <form
      className="row nowrap"
      onSubmit={async (e) => {
        e.preventDefault()
        if (await moveVersion(model, version, to, comment)) setComment('')
      }}
    >
      <select aria-label={`New stage for version ${version} of ${model}`} value={to} onChange={(e) => setTo(e.target.value as Stage)}>
        {STAGES.filter((s) => s !== current).map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <input type="text" aria-label={`Comment for moving version ${version} of ${model}`} placeholder="comment" value={comment} onChange={(e) => setComment(e.target.value)} />
      <button type="submit" className="small" aria-label={`Move version ${version} of ${model}`}>
        Move
      </button>
    </form>
  )
}
