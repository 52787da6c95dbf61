/**
 * The fold scheme of an experiment from its settings, and the checks on the
 * settings themselves (the data-level checks are in preflight.ts). The page's
 * Validation form and the CLI's --folds/--group both end here.
 */
import { FOLDS_RANGE, REPEATS_RANGE, type FoldScheme } from '../eval/folds'
import type { Task } from '../types'

export type SchemeKind = 'stratified' | 'kfold' | 'repeated' | 'group'

export interface SchemeSettings {
  kind: SchemeKind
  k: number
  /** Repeated k-fold only. */
  repeats: number
  /** Group k-fold only: the column whose rows stay together (e.g. the patient identifier). */
  groupColumn: string | null
}

export { FOLDS_RANGE, REPEATS_RANGE }
/** Folds when none are given: five, as scikit-learn defaults to. */
export const DEFAULT_FOLDS = 5

/**
 * The scheme for `settings`: stratified folds become plain k-fold for a
 * regression target, and repeated k-fold is stratified for classification.
 */
export function foldScheme(settings: SchemeSettings, task: Task, seed: number): FoldScheme {
  const { k } = settings
  switch (settings.kind) {
    case 'stratified':
      return task === 'regression' ? { kind: 'kfold', k, seed } : { kind: 'stratified', k, seed }
    case 'kfold':
      return { kind: 'kfold', k, seed }
    case 'repeated':
      return { kind: 'repeated', k, repeats: settings.repeats, seed, stratified: task !== 'regression' }
    case 'group':
      return { kind: 'group', k, seed, column: settings.groupColumn ?? '' }
  }
}

/** Why the settings cannot make folds at all (checked before the data is touched), as a sentence; null when they can. */
export function schemeSettingsProblem(settings: SchemeSettings, target: string | null): string | null {
  const { k } = settings
  if (!Number.isInteger(k) || k < FOLDS_RANGE.min || k > FOLDS_RANGE.max) return `Folds k = ${k} is invalid; choose an integer from ${FOLDS_RANGE.min} to ${FOLDS_RANGE.max}.`
  if (settings.kind === 'repeated' && !(Number.isInteger(settings.repeats) && settings.repeats >= REPEATS_RANGE.min && settings.repeats <= REPEATS_RANGE.max)) {
    return `Repeats = ${settings.repeats} is invalid; choose an integer from ${REPEATS_RANGE.min} to ${REPEATS_RANGE.max}.`
  }
  if (settings.kind === 'group' && !settings.groupColumn) return 'Choose the group column (e.g. the patient identifier) for group k-fold.'
  if (settings.kind === 'group' && settings.groupColumn === target) return 'The group column cannot be the target.'
  return null
}
