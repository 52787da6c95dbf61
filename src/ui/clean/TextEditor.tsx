import { useState } from 'react'
import type { CleaningStep } from '../../core/clean/types'
import { updateStep } from '../../state/clean-store'

type TextStep = Extract<CleaningStep, { kind: 'standardize-text' }>

/** Trim, case folding and a value map (synonyms → one spelling) for text columns. */
export function TextEditor({ step, columns }: { step: TextStep; columns: string[] }) {
  const set = (patch: Partial<TextStep>) => updateStep(step.id, { ...step, ...patch })
  const entries = Object.entries(step.valueMap)
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  return (
    <div className="text-editor">
      <div className="fields">
        <div className="field">
          <span className="field-label">Columns</span>
          <ColumnChecklist label="Standardise" all={columns} chosen={step.columns} onChange={(c) => set({ columns: c })} />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" checked={step.trim} onChange={(e) => set({ trim: e.target.checked })} /> Trim spaces
          </label>
          <label htmlFor={`${step.id}-case`}>Letter case</label>
          <select id={`${step.id}-case`} value={step.case} onChange={(e) => set({ case: e.target.value as TextStep['case'] })}>
            <option value="none">Keep as is</option>
            <option value="lower">lower case</option>
            <option value="upper">UPPER CASE</option>
          </select>
        </div>
        <div className="field grow">
          <span className="field-label">Value map (after trimming and case)</span>
          <ul className="value-map" aria-label="Value map">
            {entries.map(([key, value]) => (
              <li key={key}>
                <code>{key}</code> → <code>{value}</code>{' '}
                <button
                  type="button"
                  className="ghost small"
                  aria-label={`Remove the mapping of ${key}`}
                  onClick={() => set({ valueMap: Object.fromEntries(entries.filter(([k]) => k !== key)) })}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault()
              if (from.trim() === '') return
              set({ valueMap: { ...step.valueMap, [from.trim()]: to.trim() } })
              setFrom('')
              setTo('')
            }}
          >
            <input type="text" aria-label="Value to replace" placeholder="e.g. m" value={from} onChange={(e) => setFrom(e.target.value)} />
            <span aria-hidden="true">→</span>
            <input type="text" aria-label="Replace with" placeholder="e.g. male" value={to} onChange={(e) => setTo(e.target.value)} />
            <button type="submit" className="ghost small">
              Add mapping
            </button>
          </form>
        </div>
      </div>
    </div>
  )
}

/** A compact list of checkboxes for choosing columns. */
export function ColumnChecklist({ label, all, chosen, onChange }: { label: string; all: string[]; chosen: string[]; onChange: (columns: string[]) => void }) {
  return (
    <div className="checklist" role="group" aria-label={`${label}: columns`}>
      {all.map((name) => (
        <label key={name}>
          <input
            type="checkbox"
            checked={chosen.includes(name)}
            onChange={(e) => onChange(e.target.checked ? all.filter((c) => c === name || chosen.includes(c)) : chosen.filter((c) => c !== name))}
          />{' '}
          {name}
        </label>
      ))}
    </div>
  )
}
