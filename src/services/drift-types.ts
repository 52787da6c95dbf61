import type { Task } from '../core/types'

/** A data file read in the drift worker (the table stays there), as the Monitor page shows it. */
export interface DriftTableSummary {
  fileName: string
  rows: number
  columns: string[]
  /** Reader findings (units stripped, ambiguous numbers …), in plain words. */
  warnings: string[]
}

/** The model chosen as the reference, once loaded in the drift worker. */
export interface DriftModelSummary {
  task: Task
  target: string
  /** The input columns the model reads. */
  columns: string[]
  /** Training rows its reference statistics describe; null for a bundle without them (version 1), which cannot be a reference. */
  referenceRows: number | null
}

/** Which side of the comparison a file is read for. */
export type DriftSlot = 'reference' | 'current'
