/**
 * Profile warnings about numbers hidden in text (numberForm in
 * unit-values.ts decides, for the Clean page's proposals too):
 * - a column mixing units ("70 kg" and "154 lb") is a warning: it is never
 *   converted — which unit is right, and how to convert, is for the user;
 * - a column of numbers with one unit, with decimal commas, or of pairs
 *   ("120/80") gets a note pointing to the Clean page's suggestion.
 * For these columns the generic advice about many distinct values (group
 * them into "other") or identifiers would be wrong — they are measurements —
 * so describeTable drops it (see `columns`).
 */
import type { Table } from '../../types'
import type { ColumnProfile } from '../profile/profile'
import type { ProfileWarning } from '../profile/profile-warnings'
import { describeUnits, numberForm } from './unit-values'

/** The warnings, in column order, and the columns they are about. */
export function textNumberWarnings(table: Table, profiles: readonly ColumnProfile[]): { warnings: ProfileWarning[]; columns: Set<string> } {
  const warnings: ProfileWarning[] = []
  const columns = new Set<string>()
  table.columns.forEach((column, i) => {
    if (column.type !== 'category') return
    const found = numberForm(column, profiles[i]?.kind)
    if (!found) return
    const name = column.name
    columns.add(name)
    if (found.form === 'mixed-units') {
      warnings.push({
        kind: 'mixed-units',
        column: name,
        severity: 'warning',
        value: found.analysis.units.length,
        message: `${name} has mixed units: ${describeUnits(found.analysis.units)}. It stays text: the studio does not guess how to convert between units. Bring the values to one unit in the source, then the Clean page can strip it.`,
      })
      return
    }
    const what =
      found.form === 'unit' ? `numbers with the unit ${found.unit}, so it was read as text; the Clean page suggests removing the unit (kept in the column's description) to read them as numbers`
        : found.form === 'decimal-comma' ? `numbers written with a decimal comma (e.g. "${found.example}"), so it was read as text; the Clean page suggests reading them as numbers`
          : `pairs of numbers such as "${found.pairs.example}", so it was read as text; the Clean page suggests splitting them into two number columns`
    warnings.push({ kind: 'numbers-as-text', column: name, severity: 'info', message: `${name} holds ${what}.` })
  })
  return { warnings, columns }
}
