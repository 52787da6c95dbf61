import { useMemo } from 'react'
import { modelChoices } from '../../state/model-choices'
import { useRegistryStore } from '../../state/registry-store'
import { useRunsStore } from '../../state/runs-store'

/** The groups a model select lists, in this order. */
const GROUPS = ['Registered models', 'Runs'] as const

/**
 * A select of every model the studio holds: registered versions, then runs
 * (state/model-choices.ts decides what each is called). The Predict and
 * Monitor pages choose their model with it. `empty` is shown instead once
 * the runs are loaded and there is no model at all.
 */
export function ModelSelect(props: { id: string; label: string; help: string; value: string | null; onChange: (key: string) => void; empty: string }) {
  const models = useRegistryStore((s) => s.models)
  const runs = useRunsStore((s) => s.runs)
  const runsLoaded = useRunsStore((s) => s.loaded)
  const choices = useMemo(() => modelChoices(models, runs), [models, runs])
  const groups = GROUPS.map((group) => ({ group, items: choices.filter((c) => c.group === group) })).filter((g) => g.items.length > 0)
  if (runsLoaded && choices.length === 0) return <p className="muted">{props.empty}</p>
  return (
    <div className="field grow">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value)} aria-describedby={`${props.id}-help`}>
        {props.value === null && <option value="">Choose a model…</option>}
        {groups.map((g) => (
          <optgroup key={g.group} label={g.group}>
            {g.items.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <small className="help" id={`${props.id}-help`}>
        {props.help}
      </small>
    </div>
  )
}
