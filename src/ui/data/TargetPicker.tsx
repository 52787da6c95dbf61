import { useMemo } from 'react'
import type { Task } from '../../core/types'
import { leftOutColumns, selectedFeatures, setTarget, setTask, useDataStore, type LeftOutColumn } from '../../state/data-store'
import { showPage } from '../../state/ui-store'
import { Alert } from '../common/Alert'

const TASK_LABELS: Record<Task, string> = {
  binary: 'Binary classification',
  multiclass: 'Multiclass classification',
  regression: 'Regression',
}

/** At most this many left-out columns are named; the rest are counted. */
const NAMED = 6

/** Choose what to predict and how. */
export function TargetPicker() {
  const view = useDataStore((s) => s.view)
  const target = useDataStore((s) => s.target)
  const task = useDataStore((s) => s.task)
  const inferred = useDataStore((s) => s.inferredTask)
  const problem = useDataStore((s) => s.targetProblem)
  const features = useDataStore((s) => s.features)
  const featureCount = useDataStore((s) => selectedFeatures(s).length)
  // One option per column (500 on a wide table), built once per dataset rather than on every tick.
  const columnOptions = useMemo(
    () =>
      view?.columnNames.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      )),
    [view],
  )
  const leftOut = useMemo(() => leftOutColumns({ view, features, target }), [view, features, target])
  if (!view) return null
  const blocked = !target ? null : problem ? 'Choose a target that can be predicted to continue.' : featureCount === 0 ? 'No column is used as a feature: tick at least one in the table below.' : null
  return (
    <section className="card target" aria-labelledby="target-title">
      <h2 id="target-title">What to predict</h2>
      <div className="fields">
        <div className="field">
          <label htmlFor="target-column">Target column</label>
          <select id="target-column" value={target ?? ''} aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'target-problem' : undefined} onChange={(e) => void setTarget(e.target.value || null)}>
            <option value="">— choose a column —</option>
            {columnOptions}
          </select>
        </div>
        <div className="field">
          <label htmlFor="task">Task</label>
          <select id="task" value={task ?? ''} disabled={!target} onChange={(e) => void setTask(e.target.value as Task)}>
            {/* No task is guessed for a target that defines none (empty, one value): the user sees that, not a made-up choice. */}
            {!task && <option value="">{target && problem ? '— none: see below —' : '—'}</option>}
            {(Object.keys(TASK_LABELS) as Task[]).map((t) => (
              <option key={t} value={t}>
                {TASK_LABELS[t]}
                {t === inferred ? ' (inferred)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <span className="field-label">Features</span>
          <p className="muted inline" data-testid="feature-count">
            {featureCount} column{featureCount === 1 ? '' : 's'} used as features.
            {leftOut.length > 0 ? <> Left out: {describeLeftOut(leftOut)}. </> : ' '}
            Tick or untick columns below.
          </p>
        </div>
        <div className="field end">
          <button type="button" className="primary" disabled={!target || blocked !== null} aria-describedby={blocked ? 'continue-blocked' : undefined} onClick={() => showPage('train')}>
            Continue to training →
          </button>
        </div>
      </div>
      {target && problem && (
        <Alert tone="error" title={`“${target}” cannot be the target`}>
          <p id="target-problem" className="error-message">
            {problem}
          </p>
        </Alert>
      )}
      {!target && <p className="hint">Choose the column you want the model to predict, for example a diagnosis.</p>}
      {blocked && (
        <p className="hint" id="continue-blocked">
          {blocked}
        </p>
      )}
    </section>
  )
}

/** "PatientID (an identifier), Notes (free text) and 3 more". */
function describeLeftOut(columns: LeftOutColumn[]): string {
  const named = columns.slice(0, NAMED).map((c) => `${c.name} (${c.reason})`)
  if (columns.length > NAMED) return `${named.join(', ')} and ${columns.length - NAMED} more`
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`
}
