import type { ProgressCallback, Table } from '../types'
import type { SourceColumn } from './source-schema'

/**
 * The cleaning recipe: dataset-level steps (drop, validate, convert,
 * standardise text, dedupe) applied in order to a whole table. It is plain
 * JSON, saved with the dataset, exportable, and applied identically to a new
 * file with the same columns. A recipe applies fully or not at all.
 */
export const RECIPE_FORMAT = 'clinical-ml-studio/cleaning-recipe'
/**
 * The newest recipe version this studio reads. Version 2 added the split
 * step and the convert options `decimalComma` and `unit`; a recipe is written
 * with the lowest version that holds its steps (recipeVersion), so a studio
 * that only knows version 1 refuses a recipe it would misapply instead of
 * silently dropping the options it does not know.
 */
export const RECIPE_VERSION = 2

export type RecipeVersion = 1 | 2

export type RuleAction = 'drop-row' | 'set-missing'

/**
 * A check on one column. `reason` is an optional one-line explanation (the
 * proposal fills it; hand-written recipes may leave it out). A range bound is
 * inclusive unless `minExclusive`/`maxExclusive` is true ("volume above 0").
 */
export type ValidationRule =
  | { id: string; column: string; kind: 'range'; min: number | null; max: number | null; minExclusive?: boolean; maxExclusive?: boolean; action: RuleAction; reason?: string }
  | { id: string; column: string; kind: 'allowed'; values: string[]; action: RuleAction; reason?: string }
  | { id: string; column: string; kind: 'required'; action: 'drop-row'; reason?: string }

/**
 * One step of a recipe. Conversions to 'boolean' give a category column with
 * exactly the levels ["no", "yes"] (see convert in step-convert.ts).
 * A conversion to 'number' may read decimal commas ("3,5", "1.234,5") and
 * strip a unit ("70 kg" → 70, "6%" → 6: a percentage stays in percent), which
 * it records in the column's description. A split turns "120/80" into one
 * number column per name in `into`, in place of the original column.
 */
export type CleaningStep =
  | { id: string; kind: 'drop-columns'; columns: string[]; reason?: string }
  | { id: string; kind: 'drop-missing-target'; column: string; reason?: string }
  | { id: string; kind: 'drop-sparse-rows'; maxMissingShare: number; reason?: string }
  | { id: string; kind: 'drop-sparse-columns'; maxMissingShare: number; reason?: string }
  | { id: string; kind: 'validate'; rules: ValidationRule[]; reason?: string }
  | { id: string; kind: 'convert'; column: string; to: 'number' | 'category' | 'boolean'; decimalComma?: boolean; unit?: string; reason?: string }
  | { id: string; kind: 'split'; column: string; separator: string; into: string[]; decimalComma?: boolean; unit?: string; reason?: string }
  | { id: string; kind: 'standardize-text'; columns: string[]; trim: boolean; case: 'lower' | 'upper' | 'none'; valueMap: Record<string, string>; reason?: string }
  | { id: string; kind: 'dedupe'; columns: string[] | null; reason?: string }

export type CleaningStepKind = CleaningStep['kind']

/** The lowest recipe version that holds `steps` (see RECIPE_VERSION). */
export function recipeVersion(steps: readonly CleaningStep[]): RecipeVersion {
  const needsTwo = steps.some((s) => s.kind === 'split' || (s.kind === 'convert' && (s.decimalComma !== undefined || s.unit !== undefined)))
  return needsTwo ? 2 : 1
}

export interface CleaningRecipe {
  format: typeof RECIPE_FORMAT
  version: RecipeVersion
  /** Columns of the table the recipe was made for; a new file must have all of them. */
  sourceColumns: string[]
  /**
   * How the studio read each of `sourceColumns` (same names, same order):
   * number or text, and which numbers had a decimal comma. Applying the
   * recipe never needs it (a file is typed by its own data); the SQL export
   * does, since SQL fixes each column's type before it sees the data. The
   * Clean page writes it; recipes saved before it existed have none, and the
   * SQL export then needs the data file. Optional and ignored by applying, so
   * it needs no new recipe version: a studio that does not know the field
   * drops it and applies the recipe the same way.
   */
  sourceSchema?: SourceColumn[]
  steps: CleaningStep[]
}

/** One changed cell or removed row, for the preview of a step. */
export interface AffectedCell {
  /** 1-based row number in the original file (header excluded). */
  row: number
  /** null when the change concerns the whole row (sparse row, duplicate). */
  column: string | null
  /** The cell as text before the step ('' when it was missing), or a short description of the row. */
  before: string
  /** null when the row was removed or the cell set missing. */
  after: string | null
  /** True when the step removed the whole row (false: only this cell changed). */
  removed?: boolean
}

export interface StepReport {
  stepId: string
  kind: CleaningStepKind
  rowsBefore: number
  rowsAfter: number
  columnsBefore: number
  columnsAfter: number
  /**
   * Rows removed or changed by the step. Steps that only remove columns
   * (drop-columns, drop-sparse-columns) report 0: they change the shape, which
   * columnsBefore/columnsAfter and `details` describe.
   */
  affectedRows: number
  /** Up to 20 examples of what changed. */
  preview: AffectedCell[]
  /** Plain-language lines, e.g. 'edss outside 0 to 10: 5 rows removed'. */
  details: string[]
  /** Violations per validation rule id (validate steps). */
  ruleCounts?: Record<string, number>
  /** Cells that could not be converted and became missing (convert and split steps). */
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

/** Options of applyRecipe. */
export interface ApplyOptions {
  /** Cancels between steps; the input is untouched and no result is returned. */
  signal?: AbortSignal
  /** Called before each step: `done` steps of `total`, stage 'clean'. */
  onProgress?: ProgressCallback
  /**
   * Engine for the string work of standardize-text: 'danfojs' (default) or
   * 'core'. Both give the same result; 'core' avoids loading danfojs (tests,
   * Node tools that never want the 6 MB bundle).
   */
  textEngine?: 'danfojs' | 'core'
}

/** Most examples a StepReport's preview holds. */
export const PREVIEW_LIMIT = 20
