import type { ReferenceColumn, ReferenceScores } from '../bundle/bundle'
import type { Column, Task } from '../types'
import { columnDriftVsDataset, columnDriftVsReference } from './column-drift'
import type { ColumnDrift, DriftOverride } from './types'

/** The row name of prediction drift. */
export const PREDICTION = 'prediction'

/**
 * Drift of the model's predicted scores against bundle.reference.scores
 * (held-out rows at training), by the column rules:
 * - binary: the positive class's probability over the reference's 20
 *   equal-width probability bins — chi-squared over those bins when the
 *   reference has ≤ 1,000 rows, else the binned Wasserstein distance / std;
 * - regression: the predicted value over the reference's quantile bins, the same way;
 * - multiclass: the predicted class, whose reference shares are exact
 *   (every class is listed), so the exact category tests run.
 * `output`: rows × classes probabilities (classification) or the values; NaN
 * marks a row the model refused (left out, counted as missing).
 */
export function scoreDriftVsReference(ref: ReferenceScores, task: Task, labels: readonly string[], output: Float64Array, override?: DriftOverride): ColumnDrift {
  const current = predictionColumn(task, labels, output)
  return columnDriftVsReference(scoresAsReference(ref, task), ref.rows, current, override)
}

/** Prediction drift between two sets of outputs of the same model (a dataset reference and the current data). */
export function scoreDriftVsDataset(task: Task, labels: readonly string[], referenceOutput: Float64Array, currentOutput: Float64Array, override?: DriftOverride): ColumnDrift {
  return columnDriftVsDataset(predictionColumn(task, labels, referenceOutput), predictionColumn(task, labels, currentOutput), override)
}

/** The bundle's score reference in the shape of a column's reference statistics. */
function scoresAsReference(ref: ReferenceScores, task: Task): ReferenceColumn {
  if (task === 'multiclass') {
    const classes = ref.classes ?? []
    return { name: PREDICTION, type: 'category', missingShare: 0, frequencies: classes.map((c) => ({ value: c.label, share: c.share })), otherShare: 0 }
  }
  const edges = ref.edges ?? []
  const counts = ref.counts ?? []
  const present = counts.reduce((s, c) => s + c, 0)
  const missingShare = ref.rows > 0 ? Math.max(0, (ref.rows - present) / ref.rows) : 0
  return edges.length >= 2 ? { name: PREDICTION, type: 'number', missingShare, histogram: { edges, counts } } : { name: PREDICTION, type: 'number', missingShare: 1 }
}

/** The scores as one column: the positive probability (binary), the value (regression) or the predicted class (multiclass). */
export function predictionColumn(task: Task, labels: readonly string[], output: Float64Array): Column {
  if (task === 'regression') return { name: PREDICTION, type: 'number', values: output }
  const k = labels.length
  const rows = k > 0 ? output.length / k : 0
  if (task === 'binary') {
    const values = new Float64Array(rows)
    for (let i = 0; i < rows; i++) values[i] = output[i * k + 1]
    return { name: PREDICTION, type: 'number', values }
  }
  const codes = new Int32Array(rows)
  for (let i = 0; i < rows; i++) {
    let best = -1
    for (let c = 0; c < k; c++) {
      const p = output[i * k + c]
      if (Number.isNaN(p)) {
        best = -1
        break
      }
      if (best < 0 || p > output[i * k + best]) best = c
    }
    codes[i] = best
  }
  return { name: PREDICTION, type: 'category', codes, levels: [...labels] }
}
