import { CLASSIFICATION_METRIC_NAMES, METRIC_LABELS, REGRESSION_METRIC_NAMES } from '../../core/eval/metric-direction'
import { familyInfo } from '../../core/model/registry'
import { useEvalStore } from '../../state/eval-store'
import { ResidualChart } from '../charts/ResidualChart'
import { formatMetric } from '../common/format'
import { CalibrationChart, FoldRocChart, PrChart, ProbabilityHistogram } from './CvCharts'
import { ThresholdChooser } from './ThresholdChooser'

/** Cross-validated results of the best (or only) candidate: every metric per fold and mean ± sd, curves, calibration, threshold. */
export function CvResults() {
  const activity = useEvalStore((s) => s.activity)
  const best = activity?.bestResult
  if (!activity || !best) return null
  const { result } = best
  const trial = activity.trials.find((t) => t.id === best.trialId)
  const regression = result.labels.length === 0
  const names = (regression ? REGRESSION_METRIC_NAMES : CLASSIFICATION_METRIC_NAMES).filter((m) => m in result.summary)
  return (
    <section className="card" aria-labelledby="cv-title">
      <h2 id="cv-title">
        Cross-validated results{trial ? ` — ${familyInfo(trial.family).label}${activity.kind === 'search' ? ` (trial ${trial.id}, the best)` : activity.kind === 'leaderboard' ? ' (the leader)' : ''}` : ''}
      </h2>
      <p className="muted">
        {result.folds.length} folds; every fold fits its own feature pipeline on its training rows only.{' '}
        {result.testRows.length > 0 && `${result.testRows.length} rows are locked away as a test split and were not used here.`}
      </p>
      <div className="table-scroll">
        <table className="data-table" aria-label="Cross-validated metrics">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">Mean ± sd</th>
              <th scope="col" className="num">Pooled</th>
              {result.folds.map((f, i) => (
                <th key={i} scope="col" className="num">
                  Fold {f.fold}
                  {f.repeat > 1 ? `·${f.repeat}` : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {names.map((m) => {
              const s = result.summary[m]
              return (
                <tr key={m}>
                  <th scope="row">{METRIC_LABELS[m]}</th>
                  <td className="num">{s.mean === null ? 'undefined' : `${s.mean.toFixed(3)} ± ${(s.std ?? 0).toFixed(3)}`}</td>
                  <td className="num">{formatMetric(result.pooled.metrics[m])}</td>
                  {result.folds.map((f, i) => (
                    <td key={i} className="num">
                      {formatMetric(f.metrics[m])}
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="cv-charts">
        {result.pooled.roc && (
          <figure className="chart-card">
            <figcaption>ROC per fold and pooled</figcaption>
            <FoldRocChart result={result} />
          </figure>
        )}
        {result.pooled.pr && (
          <figure className="chart-card">
            <figcaption>Precision–recall per fold and pooled</figcaption>
            <PrChart result={result} />
          </figure>
        )}
        {result.pooled.calibration && (
          <figure className="chart-card">
            <figcaption>Calibration</figcaption>
            <CalibrationChart result={result} />
          </figure>
        )}
        {result.pooled.scores && (
          <figure className="chart-card">
            <figcaption>Predicted probability by true class</figcaption>
            <ProbabilityHistogram result={result} labels={result.labels} />
          </figure>
        )}
        {result.pooled.residuals && (
          <figure className="chart-card">
            <figcaption>Residuals of the out-of-fold predictions</figcaption>
            <ResidualChart predicted={result.pooled.residuals.predicted} actual={result.pooled.residuals.actual} target="target" />
          </figure>
        )}
      </div>
      {result.labels.length === 2 && <ThresholdChooser labels={result.labels} />}
    </section>
  )
}
