import { StudioError } from '../errors'
import { getColumn } from '../table/access'
import { encodeTarget } from '../train/target'
import type { Table } from '../types'
import type { PipelineSpec } from './types'
import { count } from './wording'

/*
 * What the validate and features stages check: the table as read must hold
 * rows and the target; the cleaned table must hold every feature and a
 * target the task can learn. The recipe's own fit (columns it needs) is
 * checked by applyRecipe at the clean stage, between the two.
 */

/** The file must hold rows and the target column (which no recipe step can make). */
export function validateTable(spec: PipelineSpec, table: Table, say: (message: string) => void): void {
  if (table.rowCount === 0) throw new StudioError('pipeline-no-rows', `validate: "${table.name}" has no rows; there is nothing to train on`)
  if (!table.columns.some((c) => c.name === spec.target)) {
    throw new StudioError('pipeline-target-missing', `validate: the target "${spec.target}" is not a column of "${table.name}"; the pipeline cannot learn without it`)
  }
  const present = new Set(table.columns.map((c) => c.name))
  const absent = spec.features.filter((f) => !present.has(f))
  say(`Target "${spec.target}" found; ${count(spec.features.length - absent.length, 'feature')} of ${spec.features.length} present as read.`)
}

/** The cleaned table must hold every feature, and a target the task can learn; returns the rows with a target. */
export function checkFeatures(spec: PipelineSpec, table: Table, say: (message: string) => void): number {
  const present = new Set(table.columns.map((c) => c.name))
  const missing = spec.features.filter((f) => !present.has(f))
  if (missing.length > 0) {
    throw new StudioError(
      'pipeline-missing-features',
      `features: ${missing.length === 1 ? 'a column' : `${missing.length} columns`} the pipeline learns from ${missing.length === 1 ? 'is' : 'are'} not in the new data after cleaning: ${missing.map((m) => `"${m}"`).join(', ')}`,
    )
  }
  const target = encodeTarget(getColumn(table, spec.target), spec.task)
  let labelled = 0
  for (const y of target.y) if (!Number.isNaN(y)) labelled++
  say(`${count(spec.features.length, 'feature')}; target "${spec.target}"${target.labels.length > 0 ? ` with classes ${target.labels.map((l) => `"${l}"`).join(', ')}` : ''}.`)
  const unlabelled = table.rowCount - labelled
  if (unlabelled > 0) say(`${count(unlabelled, 'row')} without a target ${unlabelled === 1 ? 'is' : 'are'} left out.`)
  return labelled
}
