/**
 * The fold scheme of a headless cross-validation from --folds and --group.
 * The rules (which scheme for which task, what settings are valid, and the
 * data checks before any fit) are core's experiment runner's; this file only
 * names the CLI's options in the messages.
 */
import type { FoldScheme } from '../../core/eval/folds'
import { foldScheme, schemeSettingsProblem } from '../../core/experiment'
import type { Table, Task } from '../../core/types'
import { unknownColumnMessage } from './close-matches'
import { CliError } from './run-cli'

/**
 * The scheme for k folds: group k-fold by `group` when given (the column must
 * exist and not be the target), else stratified for classification (every
 * fold keeps the class proportions) and plain k-fold for regression.
 */
export function cliFoldScheme(table: Table, options: { k: number; group: string | null; target: string; task: Task; seed: number }): FoldScheme {
  const { k, group } = options
  if (group !== null) {
    const names = table.columns.map((c) => c.name)
    if (!names.includes(group)) throw new CliError(`--group: ${unknownColumnMessage(group, table.name, names)}`)
  }
  const settings = { kind: group === null ? ('stratified' as const) : ('group' as const), k, repeats: 1, groupColumn: group }
  const problem = schemeSettingsProblem(settings, options.target)
  if (problem) throw new CliError(`--folds ${k}${group === null ? '' : ` --group "${group}"`}: ${problem}`)
  return foldScheme(settings, options.task, options.seed)
}
