import { rangeWords, type ParamSpec } from '../../core/model/param-spec'
import { FAMILIES, familyInfo } from '../../core/model/registry'
import { useDataStore } from '../../state/data-store'
import { currentParams, resetParams, setFamily, setParam, setSeed, setTestShare, useTrainStore } from '../../state/train-store'

/** Model family, its parameters (with help; ranges from the family's parameter spec, which the estimator validates against) and the evaluation split. */
export function ModelSettings({ disabled }: { disabled: boolean }) {
  const family = useTrainStore((s) => s.family)
  const params = useTrainStore((s) => currentParams(s))
  const task = useDataStore((s) => s.task)
  const seed = useTrainStore((s) => s.seed)
  const testShare = useTrainStore((s) => s.testShare)
  const info = familyInfo(family)
  return (
    <fieldset className="settings" disabled={disabled}>
      <legend>Model</legend>
      <div className="fields">
        <div className="field">
          <label htmlFor="model-family">Model family</label>
          <select id="model-family" value={family} onChange={(e) => setFamily(e.target.value)}>
            {Object.values(FAMILIES).map((f) => (
              <option key={f.id} value={f.id} disabled={task !== null && !f.tasks.includes(task)}>
                {f.label}
                {task !== null && !f.tasks.includes(task) ? ` (not for ${task})` : ''}
              </option>
            ))}
          </select>
          <button type="button" className="link small" onClick={resetParams}>
            Reset to defaults
          </button>
        </div>
        {info.params.map((spec) => (
          <ParamField key={spec.name} spec={spec} value={params[spec.name]} />
        ))}
      </div>
      <div className="fields">
        <div className="field">
          <label htmlFor="test-share">Held-out test rows (%)</label>
          <input id="test-share" type="number" min={5} max={50} step={5} value={Math.round(testShare * 100)} onChange={(e) => setTestShare(Number(e.target.value) / 100)} />
          <small className="help">A stratified share of rows the model never sees while fitting; all metrics come from them.</small>
        </div>
        <div className="field">
          <label htmlFor="seed">Random seed</label>
          <input id="seed" type="number" step={1} value={seed} onChange={(e) => setSeed(Math.trunc(Number(e.target.value)))} />
          <small className="help">Same data, settings and seed give the same model, bit for bit.</small>
        </div>
      </div>
    </fieldset>
  )
}

function ParamField({ spec, value }: { spec: ParamSpec; value: unknown }) {
  const id = `param-${spec.name}`
  const helpId = `${id}-help`
  let control
  if (spec.type === 'choice') {
    control = (
      <select id={id} aria-describedby={helpId} value={String(value)} onChange={(e) => setParam(spec.name, e.target.value)}>
        {spec.choices?.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    )
  } else if (spec.type === 'boolean') {
    control = <input id={id} aria-describedby={helpId} type="checkbox" checked={value === true} onChange={(e) => setParam(spec.name, e.target.checked)} />
  } else {
    control = (
      <input
        id={id}
        aria-describedby={helpId}
        type="number"
        min={spec.min}
        max={spec.max}
        step={spec.step ?? 'any'}
        value={typeof value === 'number' ? value : ''}
        placeholder={value === null ? 'off' : undefined}
        // An emptied field means "not set" (null): optional parameters such as early stopping accept it, others say they need a number.
        onChange={(e) => setParam(spec.name, e.target.value === '' ? null : Number(e.target.value))}
      />
    )
  }
  return (
    <div className={`field${spec.type === 'boolean' ? ' checkbox-field' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      {control}
      <small id={helpId} className="help">
        {spec.help}
        {rangeWords(spec) && ` ${rangeWords(spec)}`}
      </small>
    </div>
  )
}
