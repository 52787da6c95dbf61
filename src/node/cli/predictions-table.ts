/**
 * The table `predict` writes: an identifier column of the input (when there
 * is one), then the prediction, then one probability column per class.
 */
import type { BatchResult } from '../../core/bundle/predict-types'
import type { Predictions } from '../../core/bundle/predictor'
import { quickKind } from '../../core/table/profile/column-kind'
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
    // A refused row has no label: a missing cell.
    const codes = Int32Array.from(predictions.labels, (label) => index.get(label) ?? -1)
    columns.push(
      numericLabels
        ? { name: 'prediction', type: 'number', values: Float64Array.from(codes, (c) => (c < 0 ? NaN : Number(classes[c]))) }
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

/** A batch's answers as the typed arrays predictionsTable writes; a refused row has label '' and NaN probabilities or value. */
export function predictionsFromBatch(result: BatchResult, classes: readonly string[]): Predictions {
  const n = result.rows.length
  if (classes.length === 0) {
    return { labels: [], proba: new Float64Array(0), classes: [], values: Float64Array.from(result.rows, (r) => r?.value ?? NaN) }
  }
  const k = classes.length
  const proba = new Float64Array(n * k).fill(NaN)
  result.rows.forEach((row, i) => {
    if (row?.probabilities) classes.forEach((label, c) => (proba[i * k + c] = row.probabilities![label]))
  })
  return { labels: result.rows.map((r) => r?.label ?? ''), proba, classes: [...classes], values: new Float64Array(0) }
}

/** Rows the batch refused. */
export function refusedCount(result: BatchResult): number {
  return result.rows.reduce((sum, row) => sum + (row === null ? 1 : 0), 0)
}

/**
 * stderr lines about a batch: the warnings, how many rows were refused and
 * cells blanked, and the first few issues (rows numbered from 1, as in the file).
 */
export function issueSummary(result: BatchResult, shown = 5): string[] {
  const lines = [...result.warnings]
  const refused = refusedCount(result)
  const blanked = result.issues.filter((i) => i.action === 'blanked').length
  if (refused > 0) lines.push(`${refused} row${refused === 1 ? '' : 's'} refused by the cleaning rules (empty prediction cells)`)
  if (blanked > 0) lines.push(`${blanked} cell${blanked === 1 ? '' : 's'} treated as missing by the cleaning rules`)
  for (const issue of result.issues.slice(0, shown)) lines.push(`  row ${issue.row + 1}, ${issue.column}: ${issue.message}`)
  if (result.issues.length > shown) lines.push(`  … and ${result.issues.length - shown} more`)
  return lines
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
