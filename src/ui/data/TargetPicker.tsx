import type { Task } from '../../core/types'
import { selectedFeatures, setTarget, setTask, useDataStore } from '../../state/data-store'
import { showPage } from '../../state/ui-store'

const TASK_LABELS: Record<Task, string> = {
  binary: 'Binary classification',
  multiclass: 'Multiclass classification',
  regression: 'Regression',
}

/** Choose what to predict and how. */
export function TargetPicker() {
  const view = useDataStore((s) => s.view)
  const target = useDataStore((s) => s.target)
  const task = useDataStore((s) => s.task)
  const inferred = useDataStore((s) => s.inferredTask)
  const featureCount = useDataStore((s) => selectedFeatures(s).length)
  if (!view) return null
  return (
    <section className="card target" aria-labelledby="target-title">
      <h2 id="target-title">What to predict</h2>
      <div className="fields">
        <div className="field">
          <label htmlFor="target-column">Target column</label>
          <select id="target-column" value={target ?? ''} onChange={(e) => void setTarget(e.target.value || null)}>
            <option value="">— choose a column —</option>
            {view.columnNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="task">Task</label>
          <select id="task" value={task ?? ''} disabled={!target} onChange={(e) => void setTask(e.target.value as Task)}>
            {!target && <option value="">—</option>}
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
          <p className="muted inline">
            {featureCount} column{featureCount === 1 ? '' : 's'} used as features. Identifier, constant, free-text and date columns are left out; tick or untick columns below.
          </p>
        </div>
        <div className="field end">
          <button type="button" className="primary" disabled={!target || featureCount === 0} onClick={() => showPage('train')}>
            Continue to training →
          </button>
        </div>
      </div>
      {!target && <p className="hint">Choose the column you want the model to predict, for example a diagnosis.</p>}
    </section>
  )
}
