import { useEffect } from 'react'
import { initMonitor, stopReport, useMonitorStore } from '../../state/monitor-store'
import { Alert } from '../common/Alert'
import { formatNumber } from '../common/format'
import { ProgressBar } from '../common/ProgressBar'
import { ColumnChart } from './ColumnChart'
import { CurrentPicker } from './CurrentPicker'
import { DriftExport } from './DriftExport'
import { DriftSummary } from './DriftSummary'
import { DriftTable } from './DriftTable'
import { PerformanceDecay } from './PerformanceDecay'
import { PredictionDrift } from './PredictionDrift'
import { ReferencePicker } from './ReferencePicker'
import './monitor.css'

/**
 * The Monitor step: has the data the model meets drifted from the data it
 * learned from? A reference (a model's training statistics, or a dataset
 * file) against current data (a file, or the Predict page's last scored
 * file); the report is computed in the drift worker by core's driftReport.
 */
export function MonitorPage() {
  const report = useMonitorStore((s) => s.report)
  const progress = useMonitorStore((s) => s.progress)
  const error = useMonitorStore((s) => s.error)
  useEffect(() => {
    void initMonitor()
  }, [])
  return (
    <div className="page">
      <section className="card" aria-labelledby="monitor-title">
        <h2 id="monitor-title">Monitor</h2>
        <p className="lede">
          Check whether new patients still look like the ones a model learned from. Each column of a current file is compared with the reference; columns whose
          values have shifted are flagged, most shifted first. Everything is computed by this page on your computer.
        </p>
        <div className="monitor-inputs">
          <ReferencePicker />
          <CurrentPicker />
        </div>
        {progress && (
          <div className="row">
            <ProgressBar
              label="Comparing the files"
              value={progress.total > 0 ? progress.done : null}
              max={Math.max(1, progress.total)}
              text={progress.total > 0 ? `${progress.stage}: ${formatNumber(progress.done)} of ${formatNumber(progress.total)}` : progress.stage}
            />
            <button type="button" className="small" onClick={stopReport}>
              Stop
            </button>
          </div>
        )}
        {error && <Alert tone="error">{error}</Alert>}
      </section>
      {report && (
        <>
          <DriftSummary report={report} />
          <DriftTable report={report} />
          <ColumnChart report={report} />
          {report.prediction && <PredictionDrift column={report.prediction} />}
          {report.performance && <PerformanceDecay performance={report.performance} />}
          <DriftExport report={report} />
        </>
      )}
    </div>
  )
}
