import { useRef } from 'react'
import type { CleaningStep } from '../../core/clean/types'
import { addStep, clearRecipe, cleanedBytes, currentRecipe, importRecipe, useCleanStore } from '../../state/clean-store'
import { useDataStore } from '../../state/data-store'
import { Alert } from '../common/Alert'
import { downloadBytes, downloadText, safeFileName } from '../common/download'
import { formatDuration, formatNumber } from '../common/format'
import { SqlDownload } from './SqlDownload'
import { StepCard } from './StepCard'
import { STEP_KINDS } from './step-text'
import { Suggestions } from './Suggestions'

export function CleanPage() {
  const original = useDataStore((s) => s.originalView)
  const view = useDataStore((s) => s.view)
  const target = useDataStore((s) => s.target)
  const steps = useCleanStore((s) => s.steps)
  const reports = useCleanStore((s) => s.reports)
  const applying = useCleanStore((s) => s.applying)
  const error = useCleanStore((s) => s.error)
  const notice = useCleanStore((s) => s.notice)
  const cleanMs = useCleanStore((s) => s.cleanMs)
  const fileInput = useRef<HTMLInputElement>(null)
  if (!original || !view) {
    return (
      <div className="page">
        <section className="card">
          <h2>Clean the data</h2>
          <p className="muted">Load a dataset first.</p>
        </section>
      </div>
    )
  }
  const base = safeFileName(original.name.replace(/\.[^.]+$/, ''))
  const columns = original.columnNames
  return (
    <div className="page">
      <section className="card" aria-labelledby="clean-title">
        <div className="card-head">
          <h2 id="clean-title">Cleaning recipe</h2>
          <div className="row">
            <button type="button" className="ghost small" onClick={() => fileInput.current?.click()}>
              Import recipe…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              aria-label="Import a cleaning recipe"
              onChange={async (e) => {
                const file = e.target.files?.[0]
                e.target.value = ''
                if (file) await importRecipe(await file.text())
              }}
            />
            <button type="button" className="ghost small" disabled={steps.length === 0} onClick={() => downloadText(`${base}.recipe.json`, JSON.stringify(currentRecipe(), null, 2))}>
              Export recipe
            </button>
            <SqlDownload baseName={base} disabled={steps.length === 0} />
            <button type="button" className="ghost small danger-text" disabled={steps.length === 0} onClick={clearRecipe}>
              Clear
            </button>
          </div>
        </div>
        <p className="lede" aria-live="polite">
          <strong>{original.name}</strong>: {formatNumber(original.rowCount)} rows × {original.columnNames.length} columns
          {' → '}
          <strong data-testid="cleaned-size">
            {formatNumber(view.rowCount)} rows × {view.columnNames.length} columns
          </strong>{' '}
          after {steps.length} step{steps.length === 1 ? '' : 's'}
          {applying ? ' (applying…)' : cleanMs !== null && steps.length > 0 ? ` (${formatDuration(cleanMs)})` : ''}. The file itself is never changed.
        </p>
        {notice && <Alert tone="info">{notice}</Alert>}
        {error && (
          <Alert tone="error" title="The recipe was not applied">
            <p className="error-message">{error}</p>
            <p className="muted">Nothing was changed: the data stays as it was after the last recipe that worked.</p>
          </Alert>
        )}
        {steps.length === 0 ? (
          <p className="muted">No cleaning steps yet: training uses the file as it was read. Add suggested steps below or your own.</p>
        ) : (
          <ol className="steps" aria-label="Recipe steps">
            {steps.map((step, i) => (
              <StepCard key={step.id} step={step} index={i} count={steps.length} report={reports.find((r) => r.stepId === step.id)} columns={columns} />
            ))}
          </ol>
        )}
        <div className="actions">
          <label htmlFor="add-step">Add a step</label>
          <select id="add-step" value="" onChange={(e) => e.target.value && addStep(newStep(e.target.value as CleaningStep['kind'], columns, target))}>
            <option value="">— choose —</option>
            {STEP_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          <span className="grow" />
          <button type="button" onClick={async () => downloadBytes(`${base}.cleaned.csv`, await cleanedBytes('csv'), 'text/csv')}>
            Download cleaned CSV
          </button>
          <button type="button" onClick={async () => downloadBytes(`${base}.cleaned.parquet`, await cleanedBytes('parquet'), 'application/vnd.apache.parquet')}>
            Download cleaned Parquet
          </button>
        </div>
      </section>
      <Suggestions />
    </div>
  )
}

function newStep(kind: CleaningStep['kind'], columns: string[], target: string | null): CleaningStep {
  const id = `${kind}-${Date.now().toString(36)}`
  switch (kind) {
    case 'drop-columns':
      return { id, kind, columns: [] }
    case 'drop-missing-target':
      return { id, kind, column: target ?? columns[0] }
    case 'drop-sparse-rows':
    case 'drop-sparse-columns':
      return { id, kind, maxMissingShare: 0.5 }
    case 'validate':
      return { id, kind, rules: [] }
    case 'convert':
      return { id, kind, column: columns[0], to: 'number' }
    case 'split':
      return { id, kind, column: columns[0], separator: '/', into: [`${columns[0]}_1`, `${columns[0]}_2`] }
    case 'standardize-text':
      return { id, kind, columns: [], trim: true, case: 'lower', valueMap: {} }
    case 'dedupe':
      return { id, kind, columns: null }
  }
}
