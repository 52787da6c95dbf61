import { addAllSuggestions, addStep, dismissSuggestion, useCleanStore } from '../../state/clean-store'
import { ruleText, stepTitle } from './step-text'

/** Steps the studio proposes from the profile, for the user to accept one by one or all at once. */
export function Suggestions() {
  const suggestions = useCleanStore((s) => s.suggestions)
  if (suggestions.length === 0) return null
  return (
    <section className="card suggestions" aria-labelledby="suggestions-title">
      <div className="card-head">
        <h2 id="suggestions-title">Suggested steps</h2>
        <button type="button" className="primary" onClick={addAllSuggestions}>
          Add all suggestions
        </button>
      </div>
      <ul className="suggestion-list">
        {suggestions.map((step) => (
          <li key={step.id} aria-label={stepTitle(step)}>
            <div>
              <strong>{stepTitle(step)}</strong>
              {(step as { reason?: string }).reason && <div className="muted small">{(step as { reason?: string }).reason}</div>}
              {step.kind === 'validate' && (
                <ul className="rule-list">
                  {step.rules.map((r) => (
                    <li key={r.id}>{ruleText(r)}</li>
                  ))}
                </ul>
              )}
              {step.kind === 'standardize-text' && Object.keys(step.valueMap).length > 0 && (
                <div className="muted small">
                  Maps {Object.entries(step.valueMap).map(([k, v]) => `${k} → ${v}`).join(', ')}
                </div>
              )}
            </div>
            <div className="row">
              <button type="button" className="ghost small" onClick={() => addStep(step)} aria-label={`Add: ${stepTitle(step)}`}>
                Add
              </button>
              <button type="button" className="ghost small" onClick={() => dismissSuggestion(step.id)} aria-label={`Dismiss: ${stepTitle(step)}`}>
                Dismiss
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
