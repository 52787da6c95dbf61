import type { BatchResult, RowIssue } from '../bundle/predict-types'
import type { Column, Table } from '../types'
import { classAtThreshold, type Decision } from './decision'

/**
 * What a scored file downloads as: every column of the file as it was read,
 * then the model's answer per row — `prediction` (the class at the chosen
 * threshold, or the regression value) and `proba_<label>` per class — and
 * `issues`, the validation findings of that row in words (a refused row has
 * no prediction and says why). Names the file already uses get a numbered
 * suffix, so no input column is ever overwritten.
 */
export function batchOutputTable(input: Table, result: BatchResult, decision: Decision | null): Table {
  const n = input.rowCount
  const taken = new Set(input.columns.map((c) => c.name))
  const name = (wanted: string): string => {
    let candidate = wanted
    for (let k = 2; taken.has(candidate); k++) candidate = `${wanted}_${k}`
    taken.add(candidate)
    return candidate
  }
  const columns: Column[] = [...input.columns]
  if (decision === null) {
    columns.push({ name: name('prediction'), type: 'number', values: Float64Array.from({ length: n }, (_, i) => result.rows[i]?.value ?? NaN) })
  } else {
    const labels = decision.labels
    const codes = Int32Array.from({ length: n }, (_, i) => {
      const probabilities = result.rows[i]?.probabilities
      return probabilities ? labels.indexOf(classAtThreshold(probabilities, decision)) : -1
    })
    // Labels that are all numbers ("0"/"1") stay numbers in the file, as the CLI writes them.
    const numeric = labels.every((label) => label.trim() !== '' && Number.isFinite(Number(label)))
    columns.push(
      numeric
        ? { name: name('prediction'), type: 'number', values: Float64Array.from(codes, (c) => (c < 0 ? NaN : Number(labels[c]))) }
        : { name: name('prediction'), type: 'category', codes, levels: [...labels] },
    )
    for (const label of labels) {
      columns.push({ name: name(`proba_${label}`), type: 'number', values: Float64Array.from({ length: n }, (_, i) => result.rows[i]?.probabilities?.[label] ?? NaN) })
    }
  }
  columns.push(issuesColumn(name('issues'), n, result.issues))
  return { name: `predictions for ${input.name}`, rowCount: n, columns }
}

/** One text cell per row joining that row's issue messages ("; "), missing where there are none. */
export function issuesColumn(name: string, rowCount: number, issues: readonly RowIssue[]): Column {
  const byRow = new Map<number, string[]>()
  for (const issue of issues) {
    if (issue.row < 0 || issue.row >= rowCount) continue
    const list = byRow.get(issue.row) ?? []
    list.push(issue.message)
    byRow.set(issue.row, list)
  }
  const levels: string[] = []
  const index = new Map<string, number>()
  const codes = new Int32Array(rowCount).fill(-1)
  for (const [row, messages] of byRow) {
    const text = messages.join('; ')
    let code = index.get(text)
    if (code === undefined) index.set(text, (code = levels.push(text) - 1))
    codes[row] = code
  }
  return { name, type: 'category', codes, levels }
}
