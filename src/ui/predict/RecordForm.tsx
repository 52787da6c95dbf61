import type { FormEvent } from 'react'
import type { ModelSummary } from '../../services/predict-client'
import { clearForm, fillExample, predictForm, setValue, usePredictStore } from '../../state/predict-store'
import { Alert } from '../common/Alert'
import { formatNumber } from '../common/format'

type InputColumn = ModelSummary['inputSchema'][number]

/** One field per input column of the model, built from its input schema; Predict sends the record to the worker. */
export function RecordForm({ model }: { model: ModelSummary }) {
  const predicting = usePredictStore((s) => s.predicting)
  const formError = usePredictStore((s) => s.formError)
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void predictForm()
  }
  return (
    <form aria-label="Patient record" onSubmit={onSubmit} noValidate>
      <p className="hint">Numbers show the range seen in training. Fields marked “may be left blank” are filled in by the model as it was trained to.</p>
      <div className="fields record-fields">
        {model.inputSchema.map((column) => (
          <RecordField key={column.name} column={column} />
        ))}
      </div>
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="actions">
        <button type="submit" className="primary" disabled={predicting}>
          Predict
        </button>
        {model.example && (
          <button type="button" className="ghost" onClick={fillExample}>
            Fill with an example
          </button>
        )}
        <button type="button" className="ghost" onClick={clearForm}>
          Clear
        </button>
        {predicting && (
          <span className="status-line" role="status">
            <span className="spinner" aria-hidden="true" /> Predicting…
          </span>
        )}
      </div>
    </form>
  )
}

/** A stable id for a column's field (column names may hold spaces and punctuation). */
function fieldId(name: string): string {
  return `predict-field-${Array.from(name, (ch) => (/[A-Za-z0-9_-]/.test(ch) ? ch : `_${ch.codePointAt(0)}`)).join('')}`
}

function RecordField({ column }: { column: InputColumn }) {
  const text = usePredictStore((s) => s.values[column.name] ?? '')
  const blank = usePredictStore((s) => s.blanks.includes(column.name))
  const id = fieldId(column.name)
  const help = fieldHelp(column)
  const outside = column.type === 'number' ? outsideRange(column, text) : null
  const describedBy = [`${id}-help`, outside ? `${id}-warning` : null].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{column.name}</label>
      {column.type === 'number' ? (
        <input id={id} type="number" step="any" inputMode="decimal" value={text} aria-invalid={blank || undefined} aria-describedby={describedBy} onChange={(e) => setValue(column.name, e.target.value)} />
      ) : (
        <select id={id} value={text} aria-invalid={blank || undefined} aria-describedby={describedBy} onChange={(e) => setValue(column.name, e.target.value)}>
          <option value="">{column.missingAllowed ? 'Blank' : 'Choose…'}</option>
          {(column.categories ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      )}
      <small className="help" id={`${id}-help`}>
        {help}
      </small>
      {outside && (
        <small className="field-warning" id={`${id}-warning`}>
          {outside}
        </small>
      )}
    </div>
  )
}

/** Under each field: its unit, its training range and whether it may be left blank. */
function fieldHelp(column: InputColumn): string {
  const parts: string[] = []
  if (column.description) parts.push(column.description)
  if (column.type === 'number' && column.min !== undefined && column.max !== undefined) parts.push(`training range ${formatNumber(column.min)} to ${formatNumber(column.max)}`)
  parts.push(column.missingAllowed ? 'may be left blank' : 'required')
  const text = parts.join('; ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A warning when a typed number lies outside the training range: the model never saw such a value. */
function outsideRange(column: InputColumn, text: string): string | null {
  if (text.trim() === '' || column.min === undefined || column.max === undefined) return null
  const value = Number(text)
  if (!Number.isFinite(value) || (value >= column.min && value <= column.max)) return null
  return `${formatNumber(value)} is ${value < column.min ? 'below' : 'above'} the training range; the model has not learned from such values.`
}
