/**
 * Shared types of the studio's core. A `Table` is columnar: numbers live in
 * Float64Array with NaN for missing, categories are dictionary-encoded Int32Array
 * codes (-1 for missing) over a `levels` list. Typed arrays cross worker
 * boundaries as transferables, never as arrays of row objects.
 */

/** A column of numbers; NaN marks a missing cell. */
export interface NumericColumn {
  name: string
  type: 'number'
  values: Float64Array
  /** What the column holds, in words; e.g. "unit: kg" after a unit was stripped from its values. */
  description?: string
}

/** A dictionary-encoded column of text values; code -1 marks a missing cell. */
export interface CategoryColumn {
  name: string
  type: 'category'
  codes: Int32Array
  levels: string[]
  /** What the column holds, in words (see NumericColumn.description). */
  description?: string
}

export type Column = NumericColumn | CategoryColumn

/** A dataset held in memory, column by column. */
export interface Table {
  name: string
  rowCount: number
  columns: Column[]
}

/**
 * What a column means for modelling, as inferred from its values. A `date`
 * column holds ISO-8601 dates or timestamps as text ("2024-03-05",
 * "2024-03-05T10:30:00.000Z"), the form every reader gives them.
 */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'identifier' | 'text' | 'constant' | 'date'

/** The learning problem a target column defines. */
export type Task = 'binary' | 'multiclass' | 'regression'

/** Reports progress of slow work; `done` of `total` units with an optional message. */
export type ProgressCallback = (progress: Progress) => void

export interface Progress {
  stage: string
  done: number
  total: number
  message?: string
}

/** A dense row-major matrix of model inputs: `data[row * cols + col]`. */
export interface Matrix {
  rows: number
  cols: number
  data: Float64Array
}
