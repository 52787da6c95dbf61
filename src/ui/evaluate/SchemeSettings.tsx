import { FOLDS_RANGE, REPEATS_RANGE } from '../../core/experiment'
import { CLASSIFICATION_METRIC_NAMES, METRIC_LABELS, REGRESSION_METRIC_NAMES } from '../../core/eval/metric-direction'
import { useDataStore } from '../../state/data-store'
import { chosenMetric, setEval, useEvalStore, type SchemeKind } from '../../state/eval-store'

const SCHEMES: { value: SchemeKind; label: string; help: string }[] = [
  { value: 'stratified', label: 'Stratified k-fold', help: 'Each fold keeps the class proportions (plain k-fold for regression).' },
  { value: 'kfold', label: 'k-fold', help: 'Rows shuffled (seeded) and dealt into k folds.' },
  { value: 'repeated', label: 'Repeated k-fold', help: 'k-fold several times with different shuffles, for steadier estimates.' },
  { value: 'group', label: 'Group k-fold', help: 'All rows of a group (e.g. one patient’s visits) stay in the same fold.' },
]

/** How models are validated and compared: folds, an optional locked test split, and the metric that decides. */
export function SchemeSettings() {
  const s = useEvalStore()
  const view = useDataStore((d) => d.view)
  const task = useDataStore((d) => d.task)
  const target = useDataStore((d) => d.target)
  const metrics = task === 'regression' ? REGRESSION_METRIC_NAMES : CLASSIFICATION_METRIC_NAMES
  const help = SCHEMES.find((x) => x.value === s.scheme)?.help
  return (
    <fieldset className="settings">
      <legend>Validation</legend>
      <div className="fields">
        <div className="field">
          <label htmlFor="cv-scheme">Scheme</label>
          <select id="cv-scheme" value={s.scheme} onChange={(e) => setEval({ scheme: e.target.value as SchemeKind })}>
            {SCHEMES.map((x) => (
              <option key={x.value} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
          <small className="help">{help}</small>
        </div>
        <div className="field">
          <label htmlFor="cv-k">Folds (k)</label>
          <input id="cv-k" type="number" min={FOLDS_RANGE.min} max={FOLDS_RANGE.max} step={1} value={s.k} onChange={(e) => setEval({ k: Math.trunc(Number(e.target.value)) })} />
        </div>
        {s.scheme === 'repeated' && (
          <div className="field">
            <label htmlFor="cv-repeats">Repeats</label>
            <input id="cv-repeats" type="number" min={REPEATS_RANGE.min} max={REPEATS_RANGE.max} step={1} value={s.repeats} onChange={(e) => setEval({ repeats: Math.trunc(Number(e.target.value)) })} />
          </div>
        )}
        {s.scheme === 'group' && (
          <div className="field">
            <label htmlFor="cv-group">Group column</label>
            <select id="cv-group" value={s.groupColumn ?? ''} onChange={(e) => setEval({ groupColumn: e.target.value || null })}>
              <option value="">— choose —</option>
              {view?.columnNames
                .filter((c) => c !== target)
                .map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="cv-test">Locked test split</label>
          <select id="cv-test" value={String(s.lockedTestShare)} onChange={(e) => setEval({ lockedTestShare: Number(e.target.value) })}>
            <option value="0">None</option>
            <option value="0.1">10% of rows</option>
            <option value="0.2">20% of rows</option>
            <option value="0.3">30% of rows</option>
          </select>
          <small className="help">Held out before anything else; search never sees it. The chosen model is scored on it once.</small>
        </div>
        <div className="field">
          <label htmlFor="cv-metric">Choose models by</label>
          <select id="cv-metric" value={chosenMetric()} onChange={(e) => setEval({ metric: e.target.value })}>
            {metrics.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  )
}
