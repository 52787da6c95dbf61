/**
 * What a headless training run learns from: the target (checked, with close
 * matches for a typo), the task (inferred as the page infers it, or given) and
 * the feature columns by the page's rule (core's defaultFeatures).
 */
import { quickKind } from '../../core/table/profile/column-kind'
import { defaultFeatures } from '../../core/train/default-features'
import { inferTask } from '../../core/train/target'
import type { ColumnKind, Table, Task } from '../../core/types'
import { unknownColumnMessage } from './close-matches'
import { CliError, EXIT_USAGE } from './run-cli'

export interface ColumnChoice {
  target: string
  task: Task
  features: string[]
  /** Columns left out by kind (identifier, constant, text, date), for the progress log. */
  excluded: { name: string; kind: ColumnKind }[]
}

/**
 * Chooses target, task and features of `table`. `task` overrides inference;
 * the estimator and runTraining still check that the target fits it.
 */
export function chooseColumns(table: Table, target: string, task?: Task): ColumnChoice {
  const column = table.columns.find((c) => c.name === target)
  if (!column) throw new CliError(unknownColumnMessage(target, table.name, table.columns.map((c) => c.name)))
  // quickKind is the kind the profile infers, without the rest of the profile's work.
  const kinds = table.columns.map((c) => ({ name: c.name, kind: quickKind(c) }))
  const features = defaultFeatures({ columns: kinds }, target)
  const excluded = kinds.filter((c) => c.name !== target && !features.includes(c.name))
  if (features.length === 0) {
    throw new CliError(`no usable feature in "${table.name}": every column other than "${target}" is an identifier, constant, text or date`)
  }
  return { target, task: task ?? inferTask(column), features, excluded }
}

/** The --task option: binary, multiclass or regression; undefined when absent (the task is then inferred). */
export function taskOption(text: string | undefined): Task | undefined {
  if (text === undefined) return undefined
  if (text === 'binary' || text === 'multiclass' || text === 'regression') return text
  throw new CliError(`--task ${JSON.stringify(text)} is invalid; expected binary, multiclass or regression`, EXIT_USAGE)
}
