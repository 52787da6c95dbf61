import { selectedFeatures, useDataStore } from '../../state/data-store'
import { resultsSuperseded, runTitle, startTrainingRun, trainingBlocker, useTrainStore } from '../../state/train-store'
import { showPage } from '../../state/ui-store'
import { Alert } from '../common/Alert'
import { formatNumber } from '../common/format'
import { ModelSettings } from './ModelSettings'
import { PipelineSettings } from './PipelineSettings'
import { SavePipelineForm } from '../pipelines/SavePipelineForm'
import { ImportXGBoost } from './ImportXGBoost'
import { RunResults } from './RunResults'
import { TrainingProgress } from './TrainingProgress'
import { threadsPerRun } from '../../services/train-pool'

export function TrainPage() {
  const view = useDataStore((s) => s.view)
  const target = useDataStore((s) => s.target)
  const task = useDataStore((s) => s.task)
  const featureCount = useDataStore((s) => selectedFeatures(s).length)
  const error = useTrainStore((s) => s.error)
  const run = useTrainStore((s) => s.run)
  const activeCount = useTrainStore((s) => s.active.length)
  const superseded = useTrainStore(resultsSuperseded)
  // Subscribing to the family re-renders when the blocker may change.
  useTrainStore((s) => s.family)
  const blocker = trainingBlocker()
  const compute = threadsPerRun()
  return (
    <div className="page">
      <section className="card" aria-labelledby="train-title">
        <h2 id="train-title">Train a model</h2>
        {view ? (
          <p className="lede">
            Predict <strong>{target ?? '…'}</strong> ({task ?? 'no task yet'}) in <strong>{view.name}</strong> from {featureCount} feature column
            {featureCount === 1 ? '' : 's'} and {formatNumber(view.rowCount)} rows.{' '}
            <button type="button" className="link" onClick={() => showPage('data')}>
              Change
            </button>
          </p>
        ) : (
          <p className="lede">No dataset is loaded yet.</p>
        )}
        <PipelineSettings disabled={false} />
        <ModelSettings disabled={false} />
        <div className="actions">
          <button type="button" className="primary large" disabled={blocker !== null} onClick={() => void startTrainingRun()}>
            Train model
          </button>
          {blocker && <span className="hint">{blocker}</span>}
          {!blocker && activeCount > 0 && <span className="hint">Runs train side by side; start another with other settings to compare.</span>}
        </div>
        <p className="hint">{compute.note ?? `Tree models (gradient boosting, random forest, decision tree) train on ${compute.threads} cores.`}</p>
        <TrainingProgress />
        {run?.status === 'cancelled' && (
          <Alert tone="info" title="Training cancelled">
            The run was stopped and is kept as cancelled on the Runs page.
          </Alert>
        )}
        {error && (
          <Alert tone="error" title="Training failed">
            <p className="error-message">{error}</p>
          </Alert>
        )}
      </section>
      {run && run.status === 'finished' && (
        <section className={`card${superseded ? ' results-previous' : ''}`} aria-labelledby="results-title">
          <h2 id="results-title">
            {superseded ? 'Previous run: ' : ''}
            {runTitle(run)}
          </h2>
          {superseded && (
            <p className="hint" role="status">
              A newer run is training. These are the results of the run before it; they will be replaced when it finishes.
            </p>
          )}
          <RunResults run={run} label={superseded ? 'Previous results' : 'Results'} />
          <SavePipelineForm key={run.id} run={run} />
        </section>
      )}
      <ImportXGBoost />
    </div>
  )
}
