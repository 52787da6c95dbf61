import type { RowIssue } from '../core/bundle/predict-types'
import type { Predictor } from '../core/bundle/predictor'
import type { Task } from '../core/types'

/** What the Predict page needs to know about the model loaded in the predict worker. */
export interface ModelSummary {
  task: Task
  family: string
  target: { name: string; labels: string[]; positiveLabel: string | null }
  /** The raw columns a record carries, with training ranges, categories and whether a blank is allowed. */
  inputSchema: Predictor['inputSchema']
  /** The bundle's decision threshold (binary models; 0.5 when the bundle has none), else null. */
  threshold: number | null
  /** A record from the bundle's golden cases, to fill the form with an example; null when the bundle has none. */
  example: Record<string, unknown> | null
}

/** A scored file, as the page shows it; the rows themselves stay in the worker and are read a page at a time. */
export interface BatchSummary {
  fileName: string
  rows: number
  /** Rows a validation rule refused (they have no prediction). */
  refused: number
  /** The first issues (blanked cells, refused rows), in row order; `issueCount` says how many there are in all. */
  issues: RowIssue[]
  issueCount: number
  /** Reader findings and the model's once-per-batch warnings (ignored columns, unseen categories). */
  warnings: string[]
}

/** One row of the batch table (0-based `row`, as the file's data rows are counted). */
export interface BatchRowView {
  row: number
  refused: boolean
  label?: string
  probabilities?: Record<string, number>
  value?: number
}
