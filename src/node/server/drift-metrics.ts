/**
 * The live drift gauges on /metrics, labelled by model, version and feature.
 * Their values are filled at scrape time from DriftMonitor.evaluate() (which
 * caches per window), so a request never computes drift. A model version
 * without reference statistics (bundle v1) has none of these series; one
 * with an empty window has only studio_drift_window_rows (0).
 *
 *   studio_feature_drift_psi{model,version,feature}          PSI over the reference's bins
 *   studio_feature_drift_statistic{model,version,feature,test} the test's statistic (ks, chi2, z) or distance (wasserstein, jensenshannon)
 *   studio_feature_drifted{model,version,feature}            1 when the column's test says it drifted
 *   studio_dataset_drift{model,version}                      1 when at least half the features drifted
 *   studio_drift_share{model,version}                        drifted share of the features
 *   studio_prediction_drift_psi{model,version}               PSI of the predicted scores
 *   studio_prediction_drift_statistic{model,version,test}    the score test's statistic or distance
 *   studio_prediction_drifted{model,version}                 1 when the predicted scores drifted
 *   studio_drift_window_rows{model,version}                  input rows in the window
 *   studio_drift_window_prediction_rows{model,version}       scored rows in the window
 */
import { Gauge, type Registry } from 'prom-client'
import type { ColumnDrift } from '../../core/drift/types'
import type { DriftMonitor, ModelDrift } from './drift-monitor'

/** The gauge names (the dashboard and alert rules in deploy/ use these). */
export const DRIFT_METRICS = {
  featurePsi: 'studio_feature_drift_psi',
  featureStatistic: 'studio_feature_drift_statistic',
  featureDrifted: 'studio_feature_drifted',
  datasetDrift: 'studio_dataset_drift',
  share: 'studio_drift_share',
  predictionPsi: 'studio_prediction_drift_psi',
  predictionStatistic: 'studio_prediction_drift_statistic',
  predictionDrifted: 'studio_prediction_drifted',
  windowRows: 'studio_drift_window_rows',
  windowPredictionRows: 'studio_drift_window_prediction_rows',
} as const

type Setter = (drift: ModelDrift, gauge: Gauge<string>) => void

/** Registers the drift gauges in `registry`, read from `monitor` at scrape time. */
export function registerDriftMetrics(registry: Registry, monitor: DriftMonitor): void {
  const registers = [registry]
  const gauge = (name: string, help: string, labelNames: string[], set: Setter) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset()
        for (const drift of monitor.evaluate()) set(drift, this)
      },
    })
  const model = ['model', 'version']
  const feature = [...model, 'feature']
  const perColumn = (value: (c: ColumnDrift) => number | null, extra: (c: ColumnDrift) => Record<string, string> = () => ({})): Setter => (drift, g) => {
    for (const c of drift.columns) {
      const v = value(c)
      if (v !== null && Number.isFinite(v)) g.set({ model: drift.model, version: drift.version, feature: c.name, ...extra(c) }, v)
    }
  }
  const perModel = (value: (d: ModelDrift) => number | null): Setter => (drift, g) => {
    const v = value(drift)
    if (v !== null && Number.isFinite(v)) g.set({ model: drift.model, version: drift.version }, v)
  }
  const whenRows = (value: (d: ModelDrift) => number): ((d: ModelDrift) => number | null) => (d) => (d.rows > 0 ? value(d) : null)
  const prediction = (value: (c: ColumnDrift) => number | null) => (d: ModelDrift) => (d.prediction ? value(d.prediction) : null)

  gauge(DRIFT_METRICS.featurePsi, "Population stability index of the feature over the live window against the bundle's reference bins.", feature, perColumn((c) => c.psi))
  gauge(
    DRIFT_METRICS.featureStatistic,
    "The feature's drift test statistic over the live window (ks, chi2, z) or distance (wasserstein, jensenshannon), by test.",
    [...feature, 'test'],
    perColumn(
      (c) => c.statistic,
      (c) => ({ test: c.test }),
    ),
  )
  gauge(DRIFT_METRICS.featureDrifted, "1 when the feature's drift test says the live window drifted from the reference, else 0.", feature, perColumn((c) => (c.drifted ? 1 : 0)))
  gauge(DRIFT_METRICS.datasetDrift, '1 when at least half the features drifted over the live window, else 0.', model, perModel(whenRows((d) => (d.datasetDrift ? 1 : 0))))
  gauge(DRIFT_METRICS.share, 'Share of the features that drifted over the live window.', model, perModel(whenRows((d) => d.share)))
  gauge(DRIFT_METRICS.predictionPsi, "Population stability index of the predicted scores over the live window against the bundle's reference scores.", model, perModel(prediction((c) => c.psi)))
  gauge(DRIFT_METRICS.predictionStatistic, "The predicted scores' drift test statistic or distance over the live window, by test.", [...model, 'test'], (drift, g) => {
    const c = drift.prediction
    if (c && c.statistic !== null && Number.isFinite(c.statistic)) g.set({ model: drift.model, version: drift.version, test: c.test }, c.statistic)
  })
  gauge(DRIFT_METRICS.predictionDrifted, '1 when the predicted scores drifted over the live window, else 0.', model, perModel(prediction((c) => (c.drifted ? 1 : 0))))
  gauge(DRIFT_METRICS.windowRows, 'Input rows in the live drift window (bounded by --drift-window-rows and --drift-window-seconds).', model, perModel((d) => d.rows))
  gauge(DRIFT_METRICS.windowPredictionRows, 'Scored rows in the live drift window.', model, perModel((d) => d.predictionRows))
}
