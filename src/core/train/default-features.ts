import type { ColumnKind } from '../types'

/**
 * Column kinds never offered as features by default: identifiers (a patient
 * number predicts nothing that generalises), constants (carry no information),
 * free text (the pipeline has no text features) and dates (as categories, each
 * calendar day would be its own level, and the days of new patients are never
 * among the training ones). The page and the headless CLI share this rule so
 * the same file trains the same model in both.
 */
export const EXCLUDED_FEATURE_KINDS: ReadonlySet<ColumnKind> = new Set<ColumnKind>(['identifier', 'constant', 'text', 'date'])

/**
 * The feature columns a training run uses unless the user says otherwise:
 * every profiled column, in table order, except the target and the kinds in
 * EXCLUDED_FEATURE_KINDS. `profile` is a TableProfile or anything with its
 * `columns` (name and kind), so callers holding only a DatasetView can use it.
 */
export function defaultFeatures(profile: { columns: readonly { name: string; kind: ColumnKind }[] }, target: string | null): string[] {
  return profile.columns.filter((c) => c.name !== target && !EXCLUDED_FEATURE_KINDS.has(c.kind)).map((c) => c.name)
}

/**
 * Why a column is left out of the features by default, in plain words ("an
 * identifier"), or null for kinds that are used. `distinct` tells an empty
 * column from a constant one. The page says this next to the features, so no
 * column disappears without a reason.
 */
export function exclusionReason(column: { kind: ColumnKind; distinct: number }): string | null {
  switch (column.kind) {
    case 'identifier':
      return 'an identifier'
    case 'constant':
      return column.distinct === 0 ? 'empty' : 'the same in every row'
    case 'text':
      return 'free text'
    case 'date':
      return 'a date'
    default:
      return null
  }
}
