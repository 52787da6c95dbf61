import { applyRecipe } from './clean/apply-recipe'
import { checkRecipeFits, parseRecipe } from './clean/parse-recipe'
import { proposeRecipe } from './clean/propose-recipe'
import { decimalCommaColumns } from './clean/source-schema'
import type { CleaningRecipe, StepReport } from './clean/types'
import { describeTable, loadDataset, type DatasetView } from './dataset'
import { StudioError } from './errors'
import { profileTarget, type TargetProfile } from './table/profile/target-profile'
import { tableToCsv } from './table/write/write-csv'
import { tableToParquet } from './table/write/write-parquet'
import { getColumn } from './table/access'
import type { ReadOptions } from './table/read/read-file'
import { inferTask } from './train/target'
import type { ProgressCallback, Table, Task } from './types'

/** Which table a question is about: the file as read, or with the cleaning recipe applied. */
export type DataVersion = 'original' | 'cleaned'

export interface CleanedView {
  view: DatasetView
  reports: StepReport[]
  /** Milliseconds to apply the whole recipe. */
  cleanMs: number
}

/**
 * One loaded dataset and its cleaning: the original table stays untouched, the
 * current table is the original with the recipe applied. Lives in the data
 * worker (and in Node for headless runs); the page only sees views.
 */
export class DataSession {
  private original: { table: Table; view: DatasetView } | null = null
  private current: { table: Table; view: DatasetView } | null = null
  private recipe: CleaningRecipe | null = null

  /** Reads a file (`options.sheet`: which sheet of a workbook); on failure the previous dataset stays loaded. */
  async load(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback, options?: ReadOptions): Promise<DatasetView> {
    const loaded = await loadDataset(bytes, fileName, onProgress, options)
    this.original = loaded
    this.current = loaded
    this.recipe = null
    return loaded.view
  }

  /**
   * Applies `recipe` to the original table (null removes cleaning). All or
   * nothing: if any step fails, the error says which and the current table is
   * unchanged.
   */
  async applyRecipe(recipe: CleaningRecipe | null, signal?: AbortSignal): Promise<CleanedView> {
    const original = this.requireOriginal()
    if (!recipe || recipe.steps.length === 0) {
      this.current = original
      this.recipe = recipe
      return { view: original.view, reports: [], cleanMs: 0 }
    }
    const started = Date.now()
    const result = await applyRecipe(original.table, recipe, { signal })
    const cleanMs = Date.now() - started
    const table = { ...result.table, name: original.table.name }
    const { format, compression, byteLength, warnings, readerFindings, workbook } = original.view
    const view = describeTable(table, { format, compression, byteLength, warnings, findings: readerFindings, readMs: original.view.timings.readMs, workbook })
    this.current = { table, view }
    this.recipe = recipe
    return { view, reports: result.reports, cleanMs }
  }

  /** Parses recipe JSON text and checks it fits the loaded data, naming what does not. */
  checkRecipeText(text: string): CleaningRecipe {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      throw new StudioError('recipe-invalid', `recipe: the file is not JSON (${(error as Error).message})`)
    }
    const recipe = parseRecipe(json)
    checkRecipeFits(recipe, this.requireOriginal().table)
    return recipe
  }

  /** Suggested cleaning steps for the loaded data. */
  propose(target: string | null): CleaningRecipe {
    const original = this.requireOriginal()
    return proposeRecipe(original.table, original.view.profile, target ?? undefined, decimalCommaColumns(original.view.readerFindings))
  }

  /** The task a target column suggests (binary, multiclass or regression), from the cleaned table. */
  inferTask(target: string): Task {
    return inferTask(getColumn(this.requireCurrent().table, target))
  }

  /**
   * Class balance, distribution and single-column leakage of `target` in the
   * current (cleaned) table, or in the table as read when `version` is
   * 'original' (the Data page can show either, and every figure on it comes from one).
   */
  profileTarget(target: string, task: Task, version: DataVersion = 'cleaned'): TargetProfile {
    const table = version === 'original' ? this.requireOriginal().table : this.requireCurrent().table
    return profileTarget(table, target, task)
  }

  /** The cleaned table as CSV (formula-injection safe) or Parquet bytes. */
  exportCurrent(format: 'csv' | 'parquet'): Uint8Array {
    const table = this.requireCurrent().table
    return format === 'csv' ? new TextEncoder().encode(tableToCsv(table)) : new Uint8Array(tableToParquet(table))
  }

  /** The table training should use: the cleaned one. */
  table(): Table {
    return this.requireCurrent().table
  }

  /** The table as read, before the recipe (training with the recipe applies it again, to record it in the bundle). */
  originalTable(): Table {
    return this.requireOriginal().table
  }

  get activeRecipe(): CleaningRecipe | null {
    return this.recipe
  }

  private requireOriginal(): { table: Table; view: DatasetView } {
    if (!this.original) throw new StudioError('no-data', 'data: no dataset is loaded')
    return this.original
  }

  private requireCurrent(): { table: Table; view: DatasetView } {
    if (!this.current) throw new StudioError('no-data', 'data: no dataset is loaded')
    return this.current
  }
}
