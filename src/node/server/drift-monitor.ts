/**
 * Live drift: one sliding window per served model version (drift-window.ts),
 * compared with the bundle's reference statistics by core's drift functions
 * — the same columnDriftVsReference and scoreDriftVsReference the drift
 * report uses, so /metrics, `npm run drift` and the Monitor page agree.
 * Drift is computed when asked (at scrape time) and cached until the
 * window's contents change; requests only append to the window.
 */
import type { ModelBundleV2 } from '../../core/bundle/bundle'
import type { ObservedBatch } from '../../core/bundle/predict-types'
import { columnDriftVsReference } from '../../core/drift/column-drift'
import { datasetVerdict, DEFAULT_DRIFT_SHARE } from '../../core/drift/report'
import { scoreDriftVsReference } from '../../core/drift/score-drift'
import type { ColumnDrift } from '../../core/drift/types'
import type { Table } from '../../core/types'
import { DEFAULT_DRIFT_WINDOW, DriftWindow, type DriftWindowLimits } from './drift-window'
import type { ModelSnapshot, ServedModel } from './served-model'

/** Dataset drift when at least this share of the feature columns drift (the drift report's default). */
export const DATASET_DRIFT_SHARE = DEFAULT_DRIFT_SHARE

/** One model version's drift over its window now. */
export interface ModelDrift {
  model: string
  version: string
  /** Input rows in the window. */
  rows: number
  /** Scored rows in the window. */
  predictionRows: number
  /** Per reference column; empty while the window is empty. */
  columns: ColumnDrift[]
  /** Drifted share of the columns. */
  share: number
  datasetDrift: boolean
  /** Drift of the predicted scores; null while no row was scored. */
  prediction: ColumnDrift | null
}

/** The logging the monitor needs (pino's shape). */
interface MonitorLogger {
  info(facts: object, message: string): void
}

interface Watched {
  model: ServedModel
  window: DriftWindow
  cached: { stamp: string; drift: ModelDrift } | null
}

export class DriftMonitor {
  private readonly watched = new Map<ServedModel, Watched>()
  /** Models already examined (watched or not), so the "no reference" line is logged once per version. */
  private readonly seen = new WeakSet<ServedModel>()

  constructor(
    private readonly logger: MonitorLogger,
    readonly limits: DriftWindowLimits = DEFAULT_DRIFT_WINDOW,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Follows a new snapshot: a window for every new model version (a hot-swapped version starts empty), none for versions gone. */
  setModels(snapshot: ModelSnapshot): void {
    const models = new Set(snapshot.all())
    for (const model of this.watched.keys()) if (!models.has(model)) this.watched.delete(model)
    if (this.limits.rows <= 0) return
    for (const model of models) {
      if (this.seen.has(model)) continue
      this.seen.add(model)
      const bundle: ModelBundleV2 = model.predictor.bundle
      if (!bundle.reference) {
        this.logger.info(
          { model: model.name, version: model.version, file: model.file },
          'no live drift for this model: its bundle has no reference statistics (a version 1 bundle); re-export it from the studio to get drift gauges',
        )
        continue
      }
      const classes = bundle.task === 'regression' ? 1 : bundle.target.labels.length
      this.watched.set(model, { model, window: new DriftWindow(bundle.reference, classes, this.limits, this.clock), cached: null })
    }
  }

  /** What a prediction of `model` passes as PredictOptions.observe; undefined when its drift is not watched. */
  observer(model: ServedModel): ((batch: ObservedBatch) => void) | undefined {
    return this.watched.get(model)?.window.observe
  }

  /** The window of `model` (tests). */
  window(model: ServedModel): DriftWindow | undefined {
    return this.watched.get(model)?.window
  }

  /** Drift of every watched model version now, recomputed only for windows whose contents changed. */
  evaluate(): ModelDrift[] {
    return [...this.watched.values()].map((w) => {
      const contents = w.window.current()
      if (w.cached?.stamp === contents.stamp) return w.cached.drift
      const drift = modelDrift(w.model, contents.table, contents.output, contents.predictionRows)
      w.cached = { stamp: contents.stamp, drift }
      return drift
    })
  }
}

/** Core's drift of a window's contents against the model's reference. */
export function modelDrift(model: ServedModel, table: Table, output: Float64Array, predictionRows: number): ModelDrift {
  const bundle = model.predictor.bundle
  const reference = bundle.reference!
  const base = { model: model.name, version: model.version, rows: table.rowCount, predictionRows }
  if (table.rowCount === 0) return { ...base, columns: [], share: 0, datasetDrift: false, prediction: null }
  const columns = reference.columns.map((ref, c) => columnDriftVsReference(ref, reference.rows, table.columns[c]))
  const prediction = predictionRows > 0 ? scoreDriftVsReference(reference.scores, bundle.task, bundle.target.labels, output) : null
  return { ...base, columns, ...datasetVerdict(columns, DATASET_DRIFT_SHARE), prediction }
}

