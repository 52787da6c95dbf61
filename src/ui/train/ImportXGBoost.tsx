import { useDataStore } from '../../state/data-store'
import { importXGBoostModel, useXGBoostImportStore } from '../../state/xgboost'
import { Alert } from '../common/Alert'
import { FilePickButton } from '../common/FilePickButton'

/**
 * Bring in a model trained elsewhere: an XGBoost model file (from Python,
 * Spark or Dask) is evaluated on the loaded dataset and becomes a run, which
 * can then be registered, served, explained and monitored like any other.
 */
export function ImportXGBoost() {
  const view = useDataStore((s) => s.view)
  const target = useDataStore((s) => s.target)
  const busy = useXGBoostImportStore((s) => s.busy)
  const error = useXGBoostImportStore((s) => s.error)
  return (
    <section className="card" aria-labelledby="xgboost-import-title">
      <h2 id="xgboost-import-title">Import a model trained with XGBoost</h2>
      <p className="lede">
        A model saved with <span className="mono">Booster.save_model("model.json")</span> — in Python, on Spark or on Dask — is checked on the loaded dataset
        {view ? (
          <>
            {' '}
            <strong>{view.name}</strong>
            {target ? (
              <>
                {' '}
                against <strong>{target}</strong>
              </>
            ) : (
              ' (choose a target on the Data page to score it)'
            )}
          </>
        ) : null}{' '}
        and becomes a run you can register. The dataset's columns must be the model's features.
      </p>
      <div className="actions">
        <FilePickButton inputLabel="XGBoost model file" accept=".json,application/json" disabled={busy || !view} onFile={(file) => void importXGBoostModel(file)}>
          {busy ? 'Importing…' : 'Import an XGBoost model (JSON)…'}
        </FilePickButton>
        {!view && <span className="hint">Load the dataset the model was trained on first.</span>}
        {busy && (
          <span role="status" className="hint">
            Scoring the model on the loaded rows…
          </span>
        )}
      </div>
      {error && (
        <Alert tone="error" title="The model could not be imported" onDismiss={() => useXGBoostImportStore.setState({ error: null })}>
          <p className="error-message">{error}</p>
        </Alert>
      )}
    </section>
  )
}
