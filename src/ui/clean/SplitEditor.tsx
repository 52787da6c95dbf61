import type { CleaningStep } from '../../core/clean/types'
import { updateStep } from '../../state/clean-store'
import { NumberReadingFields } from './NumberReading'
import { ColumnSelect } from './SimpleEditors'

type SplitStep = Extract<CleaningStep, { kind: 'split' }>

/** Which column to split, at what, and the names of the new number columns (editable). */
export function SplitEditor({ step, columns }: { step: SplitStep; columns: string[] }) {
  const set = (next: SplitStep) => updateStep(step.id, next)
  return (
    <div className="fields">
      <ColumnSelect id={step.id} label="Column" value={step.column} columns={columns} onChange={(column) => set({ ...step, column })} />
      <div className="field">
        <label htmlFor={`${step.id}-separator`}>Split at</label>
        <input id={`${step.id}-separator`} type="text" size={3} value={step.separator} onChange={(e) => set({ ...step, separator: e.target.value })} />
      </div>
      {step.into.map((name, k) => (
        <div className="field" key={k}>
          <label htmlFor={`${step.id}-part-${k}`}>Name of part {k + 1} of {step.column}</label>
          <input
            id={`${step.id}-part-${k}`}
            type="text"
            value={name}
            onChange={(e) => set({ ...step, into: step.into.map((n, j) => (j === k ? e.target.value : n)) })}
          />
        </div>
      ))}
      <NumberReadingFields step={step} subject={step.column} onChange={set} />
    </div>
  )
}
