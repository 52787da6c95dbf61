import { useState, type FormEvent } from 'react'
import type { ColumnDrift, DriftTest } from '../../core/drift/types'
import { isPValueTest, parseOverride, TEST_LABELS, testsFor } from '../../state/drift-view'
import { setOverride, useMonitorStore } from '../../state/monitor-store'

/** One column's own test and threshold (blank keeps the default rule); applying re-runs the report. */
export function OverrideForm({ column, onDone }: { column: ColumnDrift; onDone: () => void }) {
  const saved = useMonitorStore((s) => s.overrides[column.name])
  const [test, setTest] = useState<DriftTest | ''>(saved?.test ?? '')
  const [threshold, setThreshold] = useState(saved?.threshold === undefined ? '' : String(saved.threshold))
  const [error, setError] = useState<string | null>(null)
  const id = `override-${column.name.replace(/[^A-Za-z0-9_-]/g, '_')}`
  const shownTest = test === '' ? column.test : test
  const submit = (event: FormEvent) => {
    event.preventDefault()
    // With the test overridden, the default rule's test is not in the report; the column's test stands in, and core checks again.
    const parsed = parseOverride(test, threshold, column.test)
    if ('error' in parsed) return setError(parsed.error)
    void setOverride(column.name, parsed.override)
    onDone()
  }
  return (
    <form className="fields override-form" onSubmit={submit} aria-label={`Test and threshold for ${column.name}`}>
      <div className="field">
        <label htmlFor={`${id}-test`}>Test</label>
        <select id={`${id}-test`} value={test} onChange={(e) => setTest(e.target.value as DriftTest | '')}>
          <option value="">Default rule{column.overridden ? '' : ` (${TEST_LABELS[column.test]})`}</option>
          {testsFor(column).map((t) => (
            <option key={t} value={t}>
              {TEST_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-threshold`}>Threshold</label>
        <input
          id={`${id}-threshold`}
          type="text"
          inputMode="decimal"
          value={threshold}
          placeholder="default"
          aria-invalid={error !== null}
          aria-describedby={`${id}-help`}
          onChange={(e) => setThreshold(e.target.value)}
        />
        <small className="help" id={`${id}-help`}>
          {error ??
            (isPValueTest(shownTest)
              ? 'Drift when the p-value is below this (0.05 by default).'
              : 'Drift when the distance is at or above this (blank keeps the default).')}
        </small>
      </div>
      <div className="field end row">
        <button type="submit" className="primary">
          Apply and re-check
        </button>
        {saved && (
          <button
            type="button"
            onClick={() => {
              void setOverride(column.name, null)
              onDone()
            }}
          >
            Use the default rule
          </button>
        )}
        <button type="button" className="ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
