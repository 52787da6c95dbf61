import { chooseReferenceModel, readMonitorFile, setReferenceKind, useMonitorStore } from '../../state/monitor-store'
import { FileDropZone } from '../common/FileDropZone'
import { formatNumber } from '../common/format'
import { ModelSelect } from '../common/ModelSelect'
import { ReadingProgress } from './ReadingProgress'

/** What the current data is compared with: a model's training statistics (registered versions, then runs), or a dataset file. */
export function ReferencePicker() {
  const kind = useMonitorStore((s) => s.referenceKind)
  return (
    <fieldset className="monitor-side">
      <legend>Reference: what the data should look like</legend>
      <div className="radio-row" role="radiogroup" aria-label="Compare with">
        <label>
          <input type="radio" name="monitor-reference" checked={kind === 'model'} onChange={() => setReferenceKind('model')} /> A model's training data
        </label>
        <label>
          <input type="radio" name="monitor-reference" checked={kind === 'file'} onChange={() => setReferenceKind('file')} /> A data file
        </label>
      </div>
      {kind === 'model' ? <ReferenceModel /> : <ReferenceFile />}
    </fieldset>
  )
}

function ReferenceModel() {
  const choice = useMonitorStore((s) => s.choice)
  const model = useMonitorStore((s) => s.model)
  const loading = useMonitorStore((s) => s.modelLoading)
  return (
    <>
      <ModelSelect
        id="monitor-model"
        label="Reference model"
        value={choice}
        onChange={(key) => void chooseReferenceModel(key)}
        help="The model keeps a summary of the data it was trained on; the registry's Production version is chosen when the page opens."
        empty="No model yet. Train one on the Train page, or compare with a data file instead."
      />
      {loading && (
        <p className="status-line" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the model…
        </p>
      )}
      {model && (
        <p className="hint" data-testid="reference-summary">
          {model.referenceRows === null
            ? 'This model was saved without a summary of its training data, so it cannot be a reference.'
            : `Trained on ${formatNumber(model.referenceRows)} rows; ${model.columns.length} input column${model.columns.length === 1 ? '' : 's'}, predicting ${model.target}.`}
        </p>
      )}
    </>
  )
}

function ReferenceFile() {
  const file = useMonitorStore((s) => s.referenceFile)
  const reading = useMonitorStore((s) => s.reading)
  return (
    <>
      <FileDropZone
        label="Drop the reference data file"
        inputLabel="Open a reference CSV, Parquet or Excel file"
        disabled={reading !== null}
        onFile={(f) => void readMonitorFile('reference', f)}
        className="compact"
      >
        {(choose) => (
          <>
            <p className="dropzone-title">Drop the reference file (CSV, Parquet or Excel)</p>
            <button type="button" onClick={choose} disabled={reading !== null}>
              Choose a reference file…
            </button>
          </>
        )}
      </FileDropZone>
      <ReadingProgress slot="reference" />
      {file && (
        <p className="hint" data-testid="reference-summary">
          <strong>{file.fileName}</strong>: {formatNumber(file.rows)} rows, {file.columns.length} columns.
        </p>
      )}
    </>
  )
}
