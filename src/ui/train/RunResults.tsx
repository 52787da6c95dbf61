import type { RunRecord } from '../../services/storage/runs'
import { bundleOf } from '../../state/runs-store'
import { CalibrationPlot, PrCurves } from '../charts/CurveCharts'
import { LossChart } from '../charts/LossChart'
import { ResidualChart } from '../charts/ResidualChart'
import { RocChart } from '../charts/RocChart'
import { downloadRunBundle, hasBundle, runFileBase } from '../common/download-bundle'
import { DownloadOnnxButton } from '../common/DownloadOnnxButton'
import { DownloadXGBoostButton } from '../common/DownloadXGBoostButton'
import { runOnnx } from '../../state/onnx-export'
import { formatDuration, formatMetric, formatNumber } from '../common/format'
import { ConfusionMatrix } from './ConfusionMatrix'

const CLASSIFICATION_METRICS: { key: string; label: string; help: string }[] = [
  { key: 'accuracy', label: 'Accuracy', help: 'Share of held-out rows classified correctly.' },
  { key: 'auc', label: 'ROC AUC', help: 'Chance that a random positive row scores above a random negative one (0.5 = guessing, 1 = perfect).' },
  { key: 'f1', label: 'F1', help: 'Harmonic mean of precision and recall of the positive class (macro average for several classes).' },
  { key: 'logLoss', label: 'Log loss', help: 'Penalty for confident wrong probabilities; lower is better.' },
]

const REGRESSION_METRICS: { key: string; label: string; help: string }[] = [
  { key: 'rmse', label: 'RMSE', help: 'Root mean squared error, in the units of the target; lower is better.' },
  { key: 'mae', label: 'MAE', help: 'Mean absolute error, in the units of the target; lower is better.' },
  { key: 'r2', label: 'R²', help: 'Share of the variance explained (1 = perfect, 0 = no better than the mean).' },
  { key: 'mape', label: 'MAPE', help: 'Mean absolute error as a share of the true value (rows whose true value is 0 are skipped).' },
]

const UNITS: Record<string, string> = { gbdt: 'Round', mlp: 'Epoch' }

/**
 * Held-out results of a finished run, and its model bundle to download (the
 * one download of a run's model on either page). `label` names the region:
 * "Previous results" while a newer run trains on the Train page.
 */
export function RunResults({ run, label = 'Results' }: { run: RunRecord; label?: string }) {
  const summary = run.bundle ? { labels: run.bundle.target.labels, ...run.bundle.training } : run.bundleSummary
  const labels = summary?.labels ?? []
  const metrics = run.task === 'regression' ? REGRESSION_METRICS : CLASSIFICATION_METRICS
  const testRows = summary?.testRows ?? 0
  return (
    <section className="results" aria-label={label}>
      <div className="card-head">
        <h3>
          {testRows > 0 ? (
            <>
              {run.cv ? 'Locked test split, scored once' : 'Held-out results'}{' '}
              <span className="muted">
                ({formatNumber(testRows)} test rows, stratified, seed {run.seed})
              </span>
            </>
          ) : hasBundle(run) ? (
            <>Final model trained on every row</>
          ) : (
            <>Cross-validated scores (no final model trained yet)</>
          )}
        </h3>
        {hasBundle(run) && (
          <div className="row nowrap">
            <button type="button" className="primary" onClick={() => void downloadRunBundle(run)} title="One JSON file: the model with its input columns and feature preparation, to predict with in the studio, the command line or the server.">
              Download model bundle
            </button>
            <DownloadOnnxButton fileName={`${runFileBase(run)}.onnx`} label="Download ONNX of the model" make={(afterCleaning) => runOnnx(run, afterCleaning)} className="ghost" />
            <DownloadXGBoostButton bundle={() => bundleOf(run)} fileBase={runFileBase(run)} label="Download XGBoost JSON" className="ghost" />
          </div>
        )}
      </div>
      {run.cv && (
        <div className="metrics cv-metrics" role="group" aria-label="Cross-validated metrics">
          {metrics
            .filter((m) => run.cv!.summary[m.key])
            .map((m) => {
              const s = run.cv!.summary[m.key]
              return (
                <div key={m.key} className="metric subtle" title={m.help} role="group" aria-label={`${m.label} cross-validated`}>
                  <dl>
                    <dt>{m.label} · {run.cv!.summary[m.key].folds}-fold CV</dt>
                    <dd>{s.mean === null ? 'undefined' : `${s.mean.toFixed(3)} ± ${(s.std ?? 0).toFixed(3)}`}</dd>
                  </dl>
                </div>
              )
            })}
        </div>
      )}
      {testRows > 0 && (
        <div className="metrics">
          {metrics.map((m) => (
            // A labelled group holding its own term and value (a group cannot sit between <dl> and <dt>).
            <div key={m.key} className="metric" title={m.help} role="group" aria-label={m.label}>
              <dl>
                <dt>{m.label}</dt>
                <dd data-metric={m.key}>{formatMetric(run.metrics[m.key])}</dd>
              </dl>
            </div>
          ))}
        </div>
      )}
      <div className="result-grid">
        <div className="side">
          {run.roc && (
            <figure className="chart-card">
              <figcaption>ROC curve</figcaption>
              <RocChart roc={run.roc} auc={run.metrics.auc} />
            </figure>
          )}
          {run.pr && (
            <figure className="chart-card">
              <figcaption>Precision–recall curve</figcaption>
              <PrCurves curves={[{ name: 'Held-out rows', curve: run.pr }]} label="Precision-recall curve of the held-out rows" />
            </figure>
          )}
          {run.calibration && (
            <figure className="chart-card">
              <figcaption>Calibration</figcaption>
              <CalibrationPlot calibration={run.calibration} />
            </figure>
          )}
          {run.residuals && (
            <figure className="chart-card">
              <figcaption>Residuals against predictions</figcaption>
              <ResidualChart predicted={run.residuals.predicted} actual={run.residuals.actual} target={run.target} />
            </figure>
          )}
          {run.history && run.history.length > 1 && (
            <figure className="chart-card">
              <figcaption>Loss per {(UNITS[run.family] ?? 'step').toLowerCase()}</figcaption>
              <LossChart history={run.history} best={run.bestIteration ?? null} unit={UNITS[run.family] ?? 'Step'} />
            </figure>
          )}
        </div>
        <div className="side">
          {run.confusion && (
            <figure className="chart-card">
              <figcaption>Confusion matrix</figcaption>
              <ConfusionMatrix matrix={run.confusion} labels={labels} />
            </figure>
          )}
          {run.featureImportance.length > 0 && (
            <figure className="chart-card">
              <figcaption>Most influential features (model's own measure)</figcaption>
              <Importance items={run.featureImportance.slice(0, 8)} />
            </figure>
          )}
          {run.permutationImportance && (
            <figure className="chart-card">
              <figcaption>
                Drop in held-out {run.permutationImportance.scoring === 'roc_auc' ? 'ROC AUC' : run.permutationImportance.scoring === 'r2' ? 'R²' : 'accuracy'} when a feature is shuffled
              </figcaption>
              <Importance items={run.permutationImportance.features.slice(0, 8).map((f) => ({ name: f.name, value: Math.max(0, f.mean) }))} label="Permutation importance" />
            </figure>
          )}
        </div>
      </div>
      {run.pipelineSteps && run.pipelineSteps.length > 0 && (
        <details className="pipeline-steps">
          <summary>How the features were prepared ({run.pipelineSteps.length} steps, learned from training rows only)</summary>
          <ul>
            {run.pipelineSteps.map((s, i) => (
              <li key={i}>
                <strong>{s.step}</strong>: {s.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
      {summary && (
        <p className="muted small-print">
          Fitted on {formatNumber(summary?.trainRows)} rows with {run.features.length} input columns in {formatDuration(run.durationMs)}
          {run.iterations !== null && run.family === 'logistic' && ` (${run.iterations} iterations${summary?.converged ? ', converged' : ', stopped at the iteration limit'})`}
          {run.bestIteration !== null && run.bestIteration !== undefined && ` · early stopping kept ${(UNITS[run.family] ?? 'step').toLowerCase()} ${run.bestIteration} of ${run.iterations ?? run.bestIteration}`}
          {run.oobScore !== null && run.oobScore !== undefined && ` · out-of-bag ${run.task === 'regression' ? 'R²' : 'accuracy'} ${run.oobScore.toFixed(3)}`}
          {run.backend && run.backend !== 'js' && ` · tfjs backend: ${run.backend}`}.
        </p>
      )}
    </section>
  )
}

function Importance({ items, label = 'Feature importance' }: { items: { name: string; value: number }[]; label?: string }) {
  const max = Math.max(...items.map((i) => i.value), 1e-12)
  return (
    <ol className="importance" aria-label={label}>
      {items.map((item) => (
        <li key={item.name}>
          <span className="imp-name">{item.name}</span>
          <span className="imp-bar" style={{ ['--w' as string]: `${(item.value / max) * 100}%` }} aria-hidden="true" />
          <span className="imp-value">{item.value.toFixed(3)}</span>
        </li>
      ))}
    </ol>
  )
}
