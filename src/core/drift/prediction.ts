import type { ModelBundleV2 } from '../bundle/bundle'
import { Predictor } from '../bundle/predictor'
import { errorText } from '../errors'
import { classificationMetrics, regressionMetrics } from '../train/score'
import type { Column, Table } from '../types'
import { scoreDriftVsDataset, scoreDriftVsReference } from './score-drift'
import type { ColumnDrift, DriftOverride, PerformanceDecay } from './types'

/**
 * What a model adds to a drift report: prediction drift (the model's scores
 * on the current rows against its reference) and, when the current data
 * carries the target, performance decay (the held-out metrics of training
 * beside the same metrics on the current rows). Predictions come from core's
 * Predictor, the path the page, the CLI and the server predict by.
 */

/** The model's raw outputs on a table: rows × classes probabilities, or values; NaN for rows it refuses. */
export function modelOutputs(predictor: Predictor, table: Table): Float64Array {
  const predictions = predictor.predict(table)
  return predictor.bundle.task === 'regression' ? predictions.values : predictions.proba
}

export interface ModelSide {
  prediction: ColumnDrift | null
  performance: PerformanceDecay | null
  warnings: string[]
}

/**
 * Prediction drift and performance decay of `bundle` on `current`, against
 * the bundle's own score reference, or against its outputs on a reference
 * table when one is given. A table the model cannot read (a column it needs
 * is absent or unreadable) leaves both null with a warning saying why; the
 * feature rows of the report still stand.
 */
export function modelSide(bundle: ModelBundleV2, current: Table, referenceTable: Table | null, override: DriftOverride | undefined): ModelSide {
  const warnings: string[] = []
  if (current.rowCount === 0) return { prediction: null, performance: null, warnings }
  const predictor = Predictor.unchecked(bundle)
  const labels = bundle.target.labels
  let output: Float64Array
  try {
    output = modelOutputs(predictor, current)
  } catch (error) {
    warnings.push(`the model could not score the current data, so prediction drift and performance are left out: ${errorText(error)}`)
    return { prediction: null, performance: null, warnings }
  }
  let prediction: ColumnDrift | null = null
  if (referenceTable) {
    try {
      prediction = scoreDriftVsDataset(bundle.task, labels, modelOutputs(predictor, referenceTable), output, override)
    } catch (error) {
      warnings.push(`the model could not score the reference data, so prediction drift is left out: ${errorText(error)}`)
    }
  } else if (bundle.reference) {
    prediction = scoreDriftVsReference(bundle.reference.scores, bundle.task, labels, output, override)
  }
  const target = current.columns.find((c) => c.name === bundle.target.name)
  const performance = target ? performanceOn(bundle, target, output, warnings) : null
  return { prediction, performance, warnings }
}

/**
 * The task's metrics on the current rows that have a known target and an
 * answer, computed as training computed bundle.metrics.heldOut (the same
 * functions; binary at the 0.5 cut-off the held-out metrics used).
 */
export function performanceOn(bundle: ModelBundleV2, target: Column, output: Float64Array, warnings: string[]): PerformanceDecay | null {
  const n = target.type === 'number' ? target.values.length : target.codes.length
  const heldOut = bundle.metrics.heldOut
  let computed: Record<string, number | null>
  let scored = 0
  if (bundle.task === 'regression') {
    if (target.type !== 'number') {
      warnings.push(`the target "${target.name}" holds text in the current data, so the model's performance on it is left out`)
      return null
    }
    const truth: number[] = []
    const predicted: number[] = []
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(target.values[i]) && Number.isFinite(output[i])) {
        truth.push(target.values[i])
        predicted.push(output[i])
      }
    }
    scored = truth.length
    if (scored === 0) return noRows(target.name, warnings)
    computed = regressionMetrics(truth, predicted)
  } else {
    const labels = bundle.target.labels
    const k = labels.length
    const index = new Map(labels.map((label, c) => [label, c]))
    const unknown = new Set<string>()
    const truth: number[] = []
    const rows: number[] = []
    for (let i = 0; i < n; i++) {
      const label = target.type === 'number' ? (Number.isNaN(target.values[i]) ? null : String(target.values[i])) : target.codes[i] < 0 ? null : target.levels[target.codes[i]]
      if (label === null || Number.isNaN(output[i * k])) continue
      const c = index.get(label)
      if (c === undefined) {
        unknown.add(label)
        continue
      }
      truth.push(c)
      rows.push(i)
    }
    if (unknown.size > 0) {
      const examples = [...unknown].slice(0, 3).map((l) => `"${l}"`).join(', ')
      warnings.push(`rows whose target "${target.name}" is a class the model does not know (${examples}) are left out of its performance`)
    }
    scored = truth.length
    if (scored === 0) return noRows(target.name, warnings)
    const proba = new Float64Array(scored * k)
    rows.forEach((row, j) => proba.set(output.subarray(row * k, (row + 1) * k), j * k))
    computed = classificationMetrics(truth, proba, k).metrics
  }
  const names = [...Object.keys(heldOut), ...Object.keys(computed).filter((name) => !(name in heldOut))]
  const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  return {
    task: bundle.task,
    currentRows: scored,
    metrics: names.map((name) => ({ name, training: finite(heldOut[name]), current: finite(computed[name]) })),
  }
}

function noRows(target: string, warnings: string[]): null {
  warnings.push(`no current row has both a value of the target "${target}" and a prediction, so the model's performance is left out`)
  return null
}
