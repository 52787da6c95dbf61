import type { Table } from '../types'

/**
 * The cleaning recipe: dataset-level steps (drop, validate, convert,
 * standardise text, dedupe) applied in order to a whole table. It is plain
 * JSON, saved with the dataset, exportable, and applied identically to a new
 * file with the same columns. A recipe applies fully or not at all.
 */
export const RECIPE_FORMAT = 'clinical-ml-studio/cleaning-recipe'
export const RECIPE_VERSION = 1

export type RuleAction = 'drop-row' | 'set-missing'

export type ValidationRule =
  | { id: string; column: string; kind: 'range'; min: number | null; max: number | null; action: RuleAction }
  | { id: string; column: string; kind: 'allowed'; values: string[]; action: RuleAction }
  | { id: string; column: string; kind: 'required'; action: 'drop-row' }

export type CleaningStep =
  | { id: string; kind: 'drop-columns'; columns: string[] }
  | { id: string; kind: 'drop-missing-target'; column: string }
  | { id: string; kind: 'drop-sparse-rows'; maxMissingShare: number }
  | { id: string; kind: 'drop-sparse-columns'; maxMissingShare: number }
  | { id: string; kind: 'validate'; rules: ValidationRule[] }
  | { id: string; kind: 'convert'; column: string; to: 'number' | 'category' | 'boolean' }
  | { id: string; kind: 'standardize-text'; columns: string[]; trim: boolean; case: 'lower' | 'upper' | 'none'; valueMap: Record<string, string> }
  | { id: string; kind: 'dedupe'; columns: string[] | null }

export type CleaningStepKind = CleaningStep['kind']

export interface CleaningRecipe {
  format: typeof RECIPE_FORMAT
  version: typeof RECIPE_VERSION
  /** Columns of the table the recipe was made for; a new file must have all of them. */
  sourceColumns: string[]
  steps: CleaningStep[]
}

/** One changed cell or removed row, for the preview of a step. */
export interface AffectedCell {
  /** 1-based row number in the original file (header excluded). */
  row: number
  column: string | null
  before: string
  /** null when the row was removed or the cell set missing. */
  after: string | null
}

export interface StepReport {
  stepId: string
  kind: CleaningStepKind
  rowsBefore: number
  rowsAfter: number
  columnsBefore: number
  columnsAfter: number
  /** Rows removed or changed by the step. */
  affectedRows: number
  /** Up to 20 examples of what changed. */
  preview: AffectedCell[]
  /** Plain-language lines, e.g. 'edss outside 0 to 10: 5 rows removed'. */
  details: string[]
  /** Violations per validation rule id (validate steps). */
  ruleCounts?: Record<string, number>
  /** Cells that could not be converted and became missing (convert steps). */
  failedConversions?: number
  /** Milliseconds the step took, and which engine ran it ('core' or 'danfojs'). */
  ms: number
  engine: 'core' | 'danfojs'
}

export interface CleanResult {
  table: Table
  reports: StepReport[]
  /** For every kept row, its 1-based row number in the original file. */
  sourceRows: Int32Array
}
