/**
 * The table `predict` writes: an identifier column of the input (when there
 * is one), then the prediction, then one probability column per class.
 */
import type { Predictions } from '../../core/bundle/predictor'
import { quickKind } from '../../core/table/column-kind'
import type { Column, Table } from '../../core/types'

/** Below this many rows kind inference cannot call a column an identifier (see inferKind). */
const MIN_IDENTIFIER_ROWS = 20

/**
 * The input column that identifies rows: the first of kind 'identifier'. With
 * fewer rows than kind inference needs, the first column the model does not
 * use (nor the target) whose values are present and all distinct. Null if none.
 */
export function identifierColumn(table: Table, modelColumns: readonly string[]): Column | null {
  const byKind = table.columns.find((c) => quickKind(c) === 'identifier')
  if (byKind || table.rowCount >= MIN_IDENTIFIER_ROWS) return byKind ?? null
  return table.columns.find((c) => !modelColumns.includes(c.name) && allDistinct(c)) ?? null
}

/**
 * Builds the output table. Classification: `prediction` (the label; numeric
 * when every label is a number, so "0"/"1" stay numbers) and `proba_<label>`
 * per class; regression: `prediction` as a number.
 */
export function predictionsTable(name: string, rowCount: number, predictions: Predictions, id: Column | null): Table {
  const columns: Column[] = id ? [id] : []
  const { classes } = predictions
  if (classes.length === 0) {
    columns.push({ name: 'prediction', type: 'number', values: predictions.values })
  } else {
    const numericLabels = classes.every((label) => label.trim() !== '' && Number.isFinite(Number(label)))
    const index = new Map(classes.map((label, i) => [label, i]))
    const codes = Int32Array.from(predictions.labels, (label) => index.get(label) as number)
    columns.push(
      numericLabels
        ? { name: 'prediction', type: 'number', values: Float64Array.from(codes, (c) => Number(classes[c])) }
        : { name: 'prediction', type: 'category', codes, levels: [...classes] },
    )
    const k = classes.length
    classes.forEach((label, c) => {
      const values = new Float64Array(rowCount)
      for (let i = 0; i < rowCount; i++) values[i] = predictions.proba[i * k + c]
      columns.push({ name: `proba_${label}`, type: 'number', values })
    })
  }
  return { name, rowCount, columns }
}

function allDistinct(column: Column): boolean {
  const seen = new Set<number | string>()
  const n = column.type === 'number' ? column.values.length : column.codes.length
  for (let i = 0; i < n; i++) {
    const key = column.type === 'number' ? column.values[i] : column.codes[i]
    if (column.type === 'number' ? Number.isNaN(key) : (key as number) < 0) return false
    if (seen.has(key)) return false
    seen.add(key)
  }
  return n > 0
}
