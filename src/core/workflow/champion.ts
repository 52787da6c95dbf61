import type { ModelBundleV2 } from '../bundle/bundle'
import { Predictor } from '../bundle/predictor'
import { StudioError } from '../errors'
import { classificationMetrics, regressionMetrics } from '../train/score'
import type { Table, Task } from '../types'

/**
 * Scoring models on the locked test rows of the new data. Both the champion
 * (Production) and the challenger go through core's Predictor on the RAW test
 * records, each replaying its own cleaning, so they are judged exactly as the
 * server would answer them; the truth is the new data's target after the
 * pipeline's recipe.
 */

/** The locked test rows: raw records (before cleaning) and their targets as the challenger encodes them. */
export interface TestRows {
  raw: Table
  /** Class index into `labels`, or the value (regression). */
  y: Float64Array
  /** Class labels of the new data (empty for regression). */
  labels: string[]
  task: Task
}

/** One model's outputs on the test rows, aligned to TestRows.labels; `answered[i]` is 0 where the model refused the row. */
export interface RowOutputs {
  /** n × classes probabilities, or n values. */
  output: Float64Array
  answered: Uint8Array
  threshold: number | undefined
}

/** Runs `predictor` on the raw test rows; a champion whose classes differ from the new data's is refused (its scores would not be comparable). */
export function predictTestRows(predictor: Predictor, rows: TestRows, who: string): RowOutputs {
  const bundle: ModelBundleV2 = predictor.bundle
  if (bundle.task !== rows.task) {
    throw new StudioError('pipeline-champion-task', `evaluate: ${who} is a ${bundle.task} model, but the pipeline's task is ${rows.task}; they cannot be compared`)
  }
  const result = predictor.predictTable(rows.raw)
  const n = rows.raw.rowCount
  const answered = new Uint8Array(n)
  if (rows.task === 'regression') {
    const output = new Float64Array(n).fill(NaN)
    result.rows.forEach((r, i) => {
      if (r?.value === undefined) return
      output[i] = r.value
      answered[i] = 1
    })
    return { output, answered, threshold: undefined }
  }
  const k = rows.labels.length
  const theirs = bundle.target.labels
  const same = theirs.length === k && rows.labels.every((label) => theirs.includes(label))
  if (!same) {
    throw new StudioError(
      'pipeline-champion-labels',
      `evaluate: ${who} predicts the classes ${theirs.map((l) => `"${l}"`).join(', ')}, but the new data's target has ${rows.labels.map((l) => `"${l}"`).join(', ')}; they cannot be compared on the same rows`,
    )
  }
  const output = new Float64Array(n * k).fill(NaN)
  result.rows.forEach((r, i) => {
    if (!r?.probabilities) return
    rows.labels.forEach((label, c) => (output[i * k + c] = r.probabilities?.[label] ?? NaN))
    answered[i] = 1
  })
  // A decision threshold belongs to the positive class; it carries over only when both order the classes alike.
  const threshold = bundle.threshold !== undefined && theirs[1] === rows.labels[1] ? bundle.threshold : undefined
  return { output, answered, threshold }
}

/** Rows every given model answered. */
export function commonRows(outputs: readonly RowOutputs[], n: number): Int32Array {
  const keep: number[] = []
  for (let i = 0; i < n; i++) if (outputs.every((o) => o.answered[i] === 1)) keep.push(i)
  return Int32Array.from(keep)
}

/** `metric` of one model's outputs on the rows `keep`; null where it is undefined there (e.g. AUC with one class). */
export function metricOnRows(outputs: RowOutputs, rows: TestRows, keep: Int32Array, metric: string): number | null {
  const y = Float64Array.from(keep, (i) => rows.y[i])
  if (rows.task === 'regression') {
    const predicted = Float64Array.from(keep, (i) => outputs.output[i])
    return regressionMetrics(y, predicted)[metric] ?? null
  }
  const k = rows.labels.length
  const proba = new Float64Array(keep.length * k)
  keep.forEach((row, j) => proba.set(outputs.output.subarray(row * k, (row + 1) * k), j * k))
  const value = classificationMetrics(Int32Array.from(y), proba, k, outputs.threshold ?? 0.5).metrics[metric]
  return value === undefined || value === null || !Number.isFinite(value) ? null : value
}
