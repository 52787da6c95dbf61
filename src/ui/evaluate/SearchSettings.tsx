import { rangeForParam } from '../../core/eval/default-spaces'
import type { ParamRange } from '../../core/eval/search-space'
import { familyInfo } from '../../core/model/registry'
import { setEval, setSpace, useEvalStore, type SearchMethod } from '../../state/eval-store'
import { useTrainStore } from '../../state/train-store'

/** Search method, trial count and the range of every parameter of the model chosen on the Train page. */
export function SearchSettings() {
  const family = useTrainStore((s) => s.family)
  const method = useEvalStore((s) => s.method)
  const trials = useEvalStore((s) => s.trials)
  const space = useEvalStore((s) => s.spaceByFamily[family] ?? {})
  const info = familyInfo(family)
  const setRange = (name: string, range: ParamRange | null) => {
    const next = { ...space }
    if (range === null) delete next[name]
    else next[name] = range
    setSpace(family, next)
  }
  return (
    <fieldset className="settings">
      <legend>Hyperparameter search for {info.label}</legend>
      <div className="fields">
        <div className="field">
          <label htmlFor="search-method">Method</label>
          <select id="search-method" value={method} onChange={(e) => setEval({ method: e.target.value as SearchMethod })}>
            <option value="random">Random search</option>
            <option value="grid">Grid search</option>
            <option value="halving">Successive halving</option>
          </select>
          <small className="help">
            {method === 'grid'
              ? 'Every combination of the values below.'
              : method === 'random'
                ? 'Seeded draws from the ranges below (log-uniform where marked).'
                : 'Many candidates on a small share of rows; the best third move on to more rows.'}
          </small>
        </div>
        {method !== 'grid' && (
          <div className="field">
            <label htmlFor="search-trials">Candidates</label>
            <input id="search-trials" type="number" min={1} max={200} step={1} value={trials} onChange={(e) => setEval({ trials: Math.trunc(Number(e.target.value)) })} />
          </div>
        )}
      </div>
      <table className="data-table space-table" aria-label="Search space">
        <thead>
          <tr>
            <th scope="col">Search</th>
            <th scope="col">Parameter</th>
            <th scope="col">Range or values</th>
            <th scope="col">Log scale</th>
            {method === 'grid' && <th scope="col">Grid points</th>}
          </tr>
        </thead>
        <tbody>
          {info.params.map((spec) => {
            const range = space[spec.name]
            return (
              <tr key={spec.name}>
                <td>
                  <input type="checkbox" aria-label={`Search ${spec.label}`} checked={range !== undefined} onChange={(e) => setRange(spec.name, e.target.checked ? rangeForParam(spec) : null)} />
                </td>
                <th scope="row">{spec.label}</th>
                <td>{range ? <RangeEditor label={spec.label} range={range} onChange={(r) => setRange(spec.name, r)} /> : <span className="muted">fixed (Train page value)</span>}</td>
                <td>
                  {range && range.type !== 'choice' && (
                    <input type="checkbox" aria-label={`${spec.label} on a log scale`} checked={!!range.log} disabled={range.min <= 0} onChange={(e) => setRange(spec.name, { ...range, log: e.target.checked })} />
                  )}
                </td>
                {method === 'grid' && (
                  <td>
                    {range && range.type !== 'choice' && (
                      <input type="number" aria-label={`${spec.label} grid points`} min={1} max={20} value={range.steps ?? 3} onChange={(e) => setRange(spec.name, { ...range, steps: Math.trunc(Number(e.target.value)) })} />
                    )}
                  </td>
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
    </fieldset>
  )
}

function RangeEditor({ label, range, onChange }: { label: string; range: ParamRange; onChange: (r: ParamRange) => void }) {
  if (range.type === 'choice') {
    return <span>{range.values.map(String).join(', ')}</span>
  }
  return (
    <span className="row">
      <input type="number" aria-label={`${label} from`} value={range.min} step="any" onChange={(e) => onChange({ ...range, min: Number(e.target.value) })} />
      <span aria-hidden="true">to</span>
      <input type="number" aria-label={`${label} to`} value={range.max} step="any" onChange={(e) => onChange({ ...range, max: Number(e.target.value) })} />
    </span>
  )
}
