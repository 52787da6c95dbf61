import type { CleaningStepKind } from './types'

/**
 * Plain names of the recipe's step kinds, in the order the Clean page offers
 * them. The page's "Add a step" menu and the sentences people read when a step
 * fails ("Step 2 (Convert a column type): …", see core/user-message) use the
 * same words, so a message points at a step the way the page lists it.
 */
export const STEP_KIND_LABELS: Readonly<Record<CleaningStepKind, string>> = {
  validate: 'Validation rules',
  'standardize-text': 'Standardise text',
  convert: 'Convert a column type',
  split: 'Split a column (e.g. 120/80)',
  'drop-columns': 'Remove columns',
  'drop-missing-target': 'Remove rows without a target',
  'drop-sparse-rows': 'Remove mostly-empty rows',
  'drop-sparse-columns': 'Remove mostly-empty columns',
  dedupe: 'Remove duplicate rows',
}
