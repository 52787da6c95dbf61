import { useState } from 'react'
import { FAMILIES } from '../../core/model/registry'
import { chooseModel, setThreshold, usePredictStore } from '../../state/predict-store'
import { Alert } from '../common/Alert'
import { ModelSelect } from '../common/ModelSelect'

/** The model to predict with (registered versions, then runs), what it predicts, and the decision threshold. */
export function ModelPicker() {
  const choice = usePredictStore((s) => s.choice)
  const loading = usePredictStore((s) => s.loading)
  const model = usePredictStore((s) => s.model)
  const error = usePredictStore((s) => s.modelError)
  return (
    <>
      <div className="fields">
        <ModelSelect
          id="predict-model"
          label="Model"
          value={choice}
          onChange={(key) => void chooseModel(key)}
          help="The registry's Production version is chosen when the page opens; any registered version or finished run can be used."
          empty="No model to predict with yet. Train one on the Train page; registered versions and finished runs appear here."
        />
        {model?.task === 'binary' && <ThresholdField key={choice} />}
      </div>
      {loading && (
        <p className="status-line" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the model…
        </p>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      {model && (
        <p className="hint" data-testid="model-summary">
          {FAMILIES[model.family]?.label ?? model.family} predicting <strong>{model.target.name}</strong>
          {model.task === 'regression' ? ' (a number)' : ` (${model.target.labels.map((l) => `“${l}”`).join(' or ')})`} from {model.inputSchema.length} input column
          {model.inputSchema.length === 1 ? '' : 's'}.
        </p>
      )}
    </>
  )
}

/** The binary decision threshold, typed as text so a half-typed number is never forced into a value. */
function ThresholdField() {
  const threshold = usePredictStore((s) => s.threshold)
  const model = usePredictStore((s) => s.model)
  const [text, setText] = useState(threshold === null ? '' : String(threshold))
  if (!model || threshold === null) return null
  const positive = model.target.labels[1]
  const typed = Number(text)
  const valid = text.trim() !== '' && typed >= 0 && typed <= 1
  return (
    <div className="field">
      <label htmlFor="predict-threshold">Decision threshold</label>
      <input
        id="predict-threshold"
        type="number"
        min={0}
        max={1}
        step={0.01}
        value={text}
        aria-invalid={!valid}
        aria-describedby="predict-threshold-help"
        onChange={(e) => {
          setText(e.target.value)
          const t = Number(e.target.value)
          if (e.target.value.trim() !== '' && t >= 0 && t <= 1) setThreshold(t)
        }}
      />
      <small className="help" id="predict-threshold-help">
        {valid ? '' : 'Enter a number from 0 to 1. '}The answer is “{positive}” when its probability is at least this
        {model.threshold !== null && model.threshold !== threshold ? ` (the model's own threshold is ${model.threshold})` : ''}.
      </small>
    </div>
  )
}
