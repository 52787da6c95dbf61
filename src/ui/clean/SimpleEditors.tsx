import type { CleaningStep } from '../../core/clean/types'
import { updateStep } from '../../state/clean-store'
import { NumberReadingFields } from './NumberReading'
import { ColumnChecklist } from './TextEditor'

/** Editors for the steps with one or two settings. */
export function SimpleEditor({ step, columns }: { step: CleaningStep; columns: string[] }) {
  switch (step.kind) {
    case 'drop-columns':
      return <ColumnChecklist label="Remove" all={columns} chosen={step.columns} onChange={(c) => updateStep(step.id, { ...step, columns: c })} />
    case 'drop-missing-target':
      return (
        <ColumnSelect id={step.id} label="Column that must have a value" value={step.column} columns={columns} onChange={(column) => updateStep(step.id, { ...step, column })} />
      )
    case 'drop-sparse-rows':
    case 'drop-sparse-columns':
      return (
        <div className="field">
          <label htmlFor={`${step.id}-share`}>Largest share of missing cells kept (%)</label>
          <input
            id={`${step.id}-share`}
            type="number"
            min={0}
            max={100}
            step={5}
            value={Math.round(step.maxMissingShare * 100)}
            onChange={(e) => updateStep(step.id, { ...step, maxMissingShare: Number(e.target.value) / 100 })}
          />
        </div>
      )
    case 'convert':
      return (
        <div className="fields">
          <ColumnSelect id={step.id} label="Column" value={step.column} columns={columns} onChange={(column) => updateStep(step.id, { ...step, column })} />
          <div className="field">
            <label htmlFor={`${step.id}-to`}>Convert to</label>
            <select
              id={`${step.id}-to`}
              value={step.to}
              onChange={(e) => {
                const to = e.target.value as typeof step.to
                // The number-reading options only apply to numbers.
                updateStep(step.id, to === 'number' ? { ...step, to } : { id: step.id, kind: step.kind, column: step.column, to, ...(step.reason ? { reason: step.reason } : {}) })
              }}
            >
              <option value="number">Numbers</option>
              <option value="category">Categories</option>
              <option value="boolean">Yes / no</option>
            </select>
          </div>
          {step.to === 'number' && <NumberReadingFields step={step} subject={step.column} onChange={(next) => updateStep(step.id, next)} />}
        </div>
      )
    case 'dedupe':
      return (
        <div className="field">
          <label>
            <input type="checkbox" checked={step.columns === null} onChange={(e) => updateStep(step.id, { ...step, columns: e.target.checked ? null : [] })} /> Compare all columns
          </label>
          {step.columns !== null && <ColumnChecklist label="Compare" all={columns} chosen={step.columns} onChange={(c) => updateStep(step.id, { ...step, columns: c })} />}
        </div>
      )
    default:
      return null
  }
}

export function ColumnSelect({ id, label, value, columns, onChange }: { id: string; label: string; value: string; columns: string[]; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={`${id}-column`}>{label}</label>
      <select id={`${id}-column`} value={value} onChange={(e) => onChange(e.target.value)}>
        {!columns.includes(value) && <option value={value}>{value || '— choose —'}</option>}
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  )
}
