import type { CleaningStep, RuleAction, ValidationRule } from '../../core/clean/types'
import { updateStep } from '../../state/clean-store'
import { formatNumber } from '../common/format'

type ValidateStep = Extract<CleaningStep, { kind: 'validate' }>

/** Edits the rules of a validation step; each row shows how many rows broke the rule. */
export function ValidateEditor({ step, columns, counts }: { step: ValidateStep; columns: string[]; counts: Record<string, number> | undefined }) {
  const setRules = (rules: ValidationRule[]) => updateStep(step.id, { ...step, rules })
  const change = (index: number, rule: ValidationRule) => setRules(step.rules.map((r, i) => (i === index ? rule : r)))
  const addRule = () =>
    setRules([...step.rules, { id: `rule-${Date.now().toString(36)}`, column: columns[0] ?? '', kind: 'range', min: 0, max: null, action: 'drop-row' }])
  return (
    <div className="rule-editor">
      <table className="data-table rules" aria-label="Validation rules">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Rule</th>
            <th scope="col">Limits or allowed values</th>
            <th scope="col">When broken</th>
            <th scope="col" className="num">Rows breaking it</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {step.rules.map((rule, i) => (
            <RuleRow key={rule.id} rule={rule} columns={columns} count={counts?.[rule.id]} onChange={(r) => change(i, r)} onRemove={() => setRules(step.rules.filter((_, k) => k !== i))} />
          ))}
        </tbody>
      </table>
      <button type="button" className="ghost small" onClick={addRule}>
        + Add a rule
      </button>
    </div>
  )
}

function RuleRow({ rule, columns, count, onChange, onRemove }: { rule: ValidationRule; columns: string[]; count: number | undefined; onChange: (r: ValidationRule) => void; onRemove: () => void }) {
  const base = { id: rule.id, column: rule.column }
  const setKind = (kind: ValidationRule['kind']) => {
    if (kind === 'range') onChange({ ...base, kind, min: null, max: null, action: rule.action })
    else if (kind === 'allowed') onChange({ ...base, kind, values: [], action: rule.action })
    else onChange({ ...base, kind, action: 'drop-row' })
  }
  return (
    <tr title={rule.reason}>
      <td>
        <select aria-label={`Column checked by rule ${rule.id}`} value={rule.column} onChange={(e) => onChange({ ...rule, column: e.target.value })}>
          {!columns.includes(rule.column) && <option value={rule.column}>{rule.column} (missing)</option>}
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select aria-label={`Kind of rule on ${rule.column}`} value={rule.kind} onChange={(e) => setKind(e.target.value as ValidationRule['kind'])}>
          <option value="range">Number range</option>
          <option value="allowed">Allowed values</option>
          <option value="required">Required</option>
        </select>
      </td>
      <td>
        {rule.kind === 'range' && (
          <span className="row">
            {rule.minExclusive && <span className="muted small" title="The minimum itself is not allowed">above</span>}
            <input type="number" aria-label={`Minimum of ${rule.column}`} placeholder="no minimum" value={rule.min ?? ''} onChange={(e) => onChange({ ...rule, min: e.target.value === '' ? null : Number(e.target.value) })} />
            <span aria-hidden="true">to</span>
            <input type="number" aria-label={`Maximum of ${rule.column}`} placeholder="no maximum" value={rule.max ?? ''} onChange={(e) => onChange({ ...rule, max: e.target.value === '' ? null : Number(e.target.value) })} />
          </span>
        )}
        {rule.kind === 'allowed' && (
          <input
            type="text"
            aria-label={`Allowed values of ${rule.column}, separated by commas`}
            value={rule.values.join(', ')}
            onChange={(e) => onChange({ ...rule, values: e.target.value.split(',').map((v) => v.trim()).filter(Boolean) })}
          />
        )}
        {rule.kind === 'required' && <span className="muted">must not be missing</span>}
      </td>
      <td>
        {rule.kind === 'required' ? (
          <span>Remove the row</span>
        ) : (
          <select aria-label={`What to do when ${rule.column} breaks the rule`} value={rule.action} onChange={(e) => onChange({ ...rule, action: e.target.value as RuleAction })}>
            <option value="drop-row">Remove the row</option>
            <option value="set-missing">Set the cell missing</option>
          </select>
        )}
      </td>
      <td className="num">{count === undefined ? '—' : formatNumber(count)}</td>
      <td>
        <button type="button" className="ghost small" aria-label={`Remove the rule on ${rule.column}`} onClick={onRemove}>
          ✕
        </button>
      </td>
    </tr>
  )
}
