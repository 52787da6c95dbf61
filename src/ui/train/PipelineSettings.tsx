import type { CategoricalPlan, ImputeStrategy, NumericPlan, OutlierStrategy, ScaleStrategy } from '../../core/pipeline/config'
import type { ColumnProfile } from '../../core/table/profile/profile'
import { selectedFeatures, useDataStore } from '../../state/data-store'
import { familyInfo } from '../../core/model/registry'
import { setCategoricalPlan, setNumericPlan, setOverride, setSelection, useTrainStore } from '../../state/train-store'

const IMPUTE_NUMERIC: { value: ImputeStrategy; label: string }[] = [
  { value: 'median', label: 'Median' },
  { value: 'mean', label: 'Mean' },
  { value: 'most-frequent', label: 'Most frequent' },
  { value: 'constant', label: 'A fixed value' },
  { value: 'none', label: 'Leave missing' },
]
const IMPUTE_CATEGORICAL = IMPUTE_NUMERIC.filter((o) => o.value !== 'median' && o.value !== 'mean')
const OUTLIERS: { value: OutlierStrategy; label: string }[] = [
  { value: 'none', label: 'Keep' },
  { value: 'iqr-clip', label: 'Clip to IQR fences' },
  { value: 'zscore-clip', label: 'Clip to z-score limits' },
  { value: 'iqr-drop', label: 'Drop training rows beyond IQR fences' },
  { value: 'zscore-drop', label: 'Drop training rows beyond z-score limits' },
]
const SCALES: { value: ScaleStrategy; label: string }[] = [
  { value: 'standard', label: 'Standardise (mean 0, sd 1)' },
  { value: 'minmax', label: 'Min–max to [0, 1]' },
  { value: 'robust', label: 'Robust (median, IQR)' },
  { value: 'none', label: 'None' },
]

/**
 * The feature pipeline: defaults per column type, per-column overrides and
 * feature selection. Everything here is fitted on the training rows only.
 */
export function PipelineSettings({ disabled }: { disabled: boolean }) {
  const pipeline = useTrainStore((s) => s.pipeline)
  const handlesMissing = useTrainStore((s) => familyInfo(s.family).handlesMissing)
  const numericImpute = handlesMissing ? IMPUTE_NUMERIC : IMPUTE_NUMERIC.filter((o) => o.value !== 'none')
  const categoricalImpute = handlesMissing ? IMPUTE_CATEGORICAL : IMPUTE_CATEGORICAL.filter((o) => o.value !== 'none')
  const view = useDataStore((s) => s.view)
  const featureNames = useDataStore((s) => selectedFeatures(s).join('\u0000'))
  const { numeric, categorical, selection, overrides } = pipeline
  const features = featureNames === '' ? [] : featureNames.split('\u0000')
  const profiles = new Map(view?.profile.columns.map((c) => [c.name, c]) ?? [])
  const overrideCount = Object.keys(overrides).filter((name) => features.includes(name)).length
  return (
    <fieldset className="settings" disabled={disabled}>
      <legend>Feature preparation (fitted on training rows only)</legend>
      <div className="fields">
        <Choice id="num-impute" label="Numbers: fill missing with" value={numeric.impute} options={numericImpute} onChange={(v) => setNumericPlan({ impute: v })} />
        <Choice id="num-outliers" label="Numbers: outliers" value={numeric.outliers} options={OUTLIERS} onChange={(v) => setNumericPlan({ outliers: v })} />
        <Choice id="num-scale" label="Numbers: scaling" value={numeric.scale} options={SCALES} onChange={(v) => setNumericPlan({ scale: v })} />
        <div className="field checkbox-field">
          <label htmlFor="num-indicator">Numbers: add a "was missing" column</label>
          <input id="num-indicator" type="checkbox" checked={numeric.missingIndicator} onChange={(e) => setNumericPlan({ missingIndicator: e.target.checked })} />
        </div>
      </div>
      <div className="fields">
        <Choice id="cat-impute" label="Categories: fill missing with" value={categorical.impute} options={categoricalImpute} onChange={(v) => setCategoricalPlan({ impute: v })} />
        <Choice
          id="cat-encode"
          label="Categories: encoding"
          value={categorical.encode}
          options={[
            { value: 'one-hot', label: 'One-hot (a 0/1 column per category)' },
            { value: 'ordinal', label: 'Ordinal (alphabetical codes)' },
          ]}
          onChange={(v) => setCategoricalPlan({ encode: v })}
        />
        <div className="field">
          <label htmlFor="cat-max">Categories: most kept per column</label>
          <input id="cat-max" type="number" min={1} max={1000} step={1} value={categorical.maxCategories} onChange={(e) => setCategoricalPlan({ maxCategories: Math.trunc(Number(e.target.value)) })} />
          <small className="help">Rarer categories share one "other" column.</small>
        </div>
        <Choice
          id="cat-unseen"
          label="Categories never seen in training"
          value={categorical.unseen}
          options={[
            { value: 'zeros', label: 'All zeros (no information)' },
            { value: 'other', label: 'Count as "other"' },
          ]}
          onChange={(v) => setCategoricalPlan({ unseen: v })}
        />
      </div>
      <div className="fields">
        <OptionalNumber id="sel-variance" label="Drop features with variance at or below" value={selection.varianceThreshold} step={0.01} onChange={(v) => setSelection({ varianceThreshold: v })} />
        <OptionalNumber id="sel-correlation" label="Drop one of each pair correlated above |r| =" value={selection.correlationThreshold} step={0.01} onChange={(v) => setSelection({ correlationThreshold: v })} />
        <OptionalNumber id="sel-topk" label="Keep only the k most informative features" value={selection.topK} step={1} onChange={(v) => setSelection({ topK: v === null ? null : Math.trunc(v) })} />
      </div>
      <details className="overrides">
        <summary>
          Per-column settings{overrideCount > 0 ? ` (${overrideCount} changed)` : ''}
        </summary>
        <table className="data-table" aria-label="Per-column feature settings">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Fill missing</th>
              <th scope="col">Outliers / encoding</th>
              <th scope="col">Scaling</th>
            </tr>
          </thead>
          <tbody>
            {features.map((name) => (
              <OverrideRow key={name} name={name} profile={profiles.get(name)} override={overrides[name]} handlesMissing={handlesMissing} />
            ))}
          </tbody>
        </table>
      </details>
    </fieldset>
  )
}

function OverrideRow({ name, profile, override, handlesMissing }: { name: string; profile: ColumnProfile | undefined; override: Partial<NumericPlan> | Partial<CategoricalPlan> | undefined; handlesMissing: boolean }) {
  const isNumber = profile?.storage === 'number'
  const current = (override ?? {}) as Record<string, unknown>
  const set = (key: string, value: string) => {
    const next = { ...current }
    if (value === '') delete next[key]
    else next[key] = value
    setOverride(name, next as Partial<NumericPlan>)
  }
  const select = (key: string, options: { value: string; label: string }[], label: string) => (
    <select aria-label={`${label} for ${name}`} value={(current[key] as string) ?? ''} onChange={(e) => set(key, e.target.value)}>
      <option value="">Default</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
  return (
    <tr>
      <th scope="row">
        {name} <span className="muted small">{profile?.kind}</span>
      </th>
      <td>{select('impute', (isNumber ? IMPUTE_NUMERIC : IMPUTE_CATEGORICAL).filter((o) => handlesMissing || o.value !== 'none'), 'Fill missing')}</td>
      <td>
        {isNumber
          ? select('outliers', OUTLIERS, 'Outliers')
          : select('encode', [
              { value: 'one-hot', label: 'One-hot' },
              { value: 'ordinal', label: 'Ordinal' },
            ], 'Encoding')}
      </td>
      <td>{isNumber ? select('scale', SCALES, 'Scaling') : <span className="muted">—</span>}</td>
    </tr>
  )
}

function Choice<T extends string>({ id, label, value, options, onChange }: { id: string; label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

function OptionalNumber({ id, label, value, step, onChange }: { id: string; label: string; value: number | null; step: number; onChange: (v: number | null) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" step={step} placeholder="off" value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} />
    </div>
  )
}
