/**
 * The CLI's model names and the registry families they stand for. A family
 * still being built is absent from the registry; asking for it is a clear
 * error listing what is available, not a crash.
 */
import { FAMILIES, type FamilyInfo } from '../../core/model/registry'
import type { Task } from '../../core/types'
import { CliError, EXIT_USAGE } from './run-cli'

/** --model value → registry family id. */
export const CLI_MODELS: Readonly<Record<string, string>> = {
  logreg: 'logistic',
  linreg: 'linreg',
  tree: 'tree',
  forest: 'forest',
  gbdt: 'gbdt',
  mlp: 'mlp',
}

/** CLI names whose family is registered in this build, in CLI order. */
export function availableModels(): string[] {
  return Object.keys(CLI_MODELS).filter((name) => FAMILIES[CLI_MODELS[name]] !== undefined)
}

/** The CLI name of a registry family ("logistic" → "logreg"); the id itself for a family the CLI does not name. */
export function cliModelName(familyId: string): string {
  return Object.keys(CLI_MODELS).find((name) => CLI_MODELS[name] === familyId) ?? familyId
}

/**
 * The registered family for a CLI model name (a family id such as "logistic"
 * is accepted too): a usage error for an unknown name, a clear error listing
 * the available models for a family not in this build.
 */
export function resolveModel(name: string): FamilyInfo {
  const id = CLI_MODELS[name] ?? (Object.values(CLI_MODELS).includes(name) ? name : undefined)
  if (id === undefined) {
    throw new CliError(`unknown model "${name}"; expected one of ${Object.keys(CLI_MODELS).join(', ')}`, EXIT_USAGE)
  }
  const info = FAMILIES[id]
  if (!info) throw new CliError(`model "${name}" is not available in this build yet; available: ${availableModels().join(', ') || 'none'}`)
  return info
}

/** Throws an error naming the models that can, when the family `info` (asked for as `name`) cannot do `task`. */
export function requireTask(info: FamilyInfo, name: string, task: Task): void {
  if (info.tasks.includes(task)) return
  const able = availableModels().filter((m) => FAMILIES[CLI_MODELS[m]].tasks.includes(task))
  throw new CliError(`model "${name}" (${info.label}) cannot do ${describeTask(task)}; it does ${info.tasks.map(describeTask).join(', ')}; models for ${describeTask(task)}: ${able.join(', ') || 'none'}`)
}

/** "binary classification", "regression", … */
export function describeTask(task: Task): string {
  return task === 'regression' ? 'regression' : `${task} classification`
}
