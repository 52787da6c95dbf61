/**
 * The Predictor's batch API (issue 11, CONTRACT11.md §1): what a request
 * carries and what every caller — the Predict page, `npm run predict` and the
 * model server — gets back, computed once in core.
 */
import type { RowExplanation } from '../explain/types'
import type { Table } from '../types'

/** Raw input as it arrives: column names and rows of JSON cells (number | string | boolean | null). */
export interface RecordsInput {
  columns: string[]
  rows: unknown[][]
}

export interface PredictOptions {
  /** Adds per-feature contributions and the expected value to each answered row (src/core/explain). */
  explain?: boolean
  /**
   * Monitoring: called once per batch with the values the bundle's reference
   * statistics describe (after the cleaning replay, before the feature
   * pipeline) and the model's output. The server's drift window copies from
   * it; nothing is computed twice.
   */
  observe?: (batch: ObservedBatch) => void
}

/** What `PredictOptions.observe` receives; valid only during the call (copy what you keep). */
export interface ObservedBatch {
  /** The request's table in the raw input schema (before cleaning). */
  raw: Table
  /** After the cleaning replay: the rows no validation rule refused. */
  cleaned: Table
  /** For each row of `cleaned`, its row in `raw`. */
  cleanedRows: Int32Array
  /** The model's output for the rows it scored: rows × classes probabilities (classification) or values (regression). */
  output: Float64Array
}

export type { RowExplanation } from '../explain/types'

/** One row's answer. Classification: label + probabilities (by class label); regression: value. */
export interface RowResult {
  label?: string
  probabilities?: Record<string, number>
  value?: number
  /** Present when options.explain. */
  explanation?: RowExplanation
}

/**
 * A cell a validation rule (or a failed conversion) blanked, or a row a rule
 * refused. `row` is 0-based in the request; `code` is the rule's id for
 * validation rules, or one of ROW_ISSUE_CODES.
 */
export interface RowIssue {
  row: number
  column: string
  code: string
  message: string
  action: 'blanked' | 'refused'
}

export interface BatchResult {
  /** One entry per request row; null where the row was refused (see issues). */
  rows: (RowResult | null)[]
  issues: RowIssue[]
  /** Once per batch: ignored columns, unseen categories absorbed by the pipeline, … */
  warnings: string[]
}

/** Codes of row issues that do not come from a rule of the recipe (those carry the rule's id). */
export const ROW_ISSUE_CODES = {
  /** A value the cleaning's conversion could not read became missing, as in training. */
  conversionFailed: 'conversion-failed',
  /** A value is missing where neither the pipeline nor the model can handle a missing value. */
  missingNotAllowed: 'missing-not-allowed',
} as const
