/** How a convert or split step reads numbers: the decimal comma and the unit to remove. */
interface Reading {
  id: string
  decimalComma?: boolean
  unit?: string
}

/** The two number-reading options; an option switched off or left empty is left out of the step. */
export function NumberReadingFields<T extends Reading>({ step, subject, onChange }: { step: T; subject: string; onChange: (step: T) => void }) {
  const without = (key: 'decimalComma' | 'unit'): T => {
    const copy = { ...step }
    delete copy[key]
    return copy
  }
  return (
    <>
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={step.decimalComma === true}
            onChange={(e) => onChange(e.target.checked ? { ...step, decimalComma: true } : without('decimalComma'))}
          />{' '}
          Decimal comma in {subject} (3,5 means 3.5)
        </label>
      </div>
      <div className="field">
        <label htmlFor={`${step.id}-unit`}>Unit to remove from {subject}</label>
        <input
          id={`${step.id}-unit`}
          type="text"
          size={8}
          placeholder="e.g. kg or %"
          value={step.unit ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? without('unit') : { ...step, unit: e.target.value })}
        />
      </div>
    </>
  )
}
