/**
 * Profile warnings about numbers hidden in text: a column whose values are
 * numbers with different units ("70 kg" and "154 lb") is reported, never
 * converted — which unit is right, and how to convert, is for the user to
 * decide. (A column with one consistent unit needs no warning: the Clean page
 * proposes stripping it; propose-recipe.ts.)
 */
import type { Table } from '../types'
import type { ProfileWarning } from './profile-warnings'
import { analyseUnits, describeUnits, hasMixedUnits } from './unit-values'

/** One 'mixed-units' warning per category column that mixes units, in column order. */
export function unitWarnings(table: Table): ProfileWarning[] {
  const out: ProfileWarning[] = []
  for (const column of table.columns) {
    if (column.type !== 'category') continue
    const analysis = analyseUnits(column)
    if (!hasMixedUnits(analysis)) continue
    out.push({
      kind: 'mixed-units',
      column: column.name,
      severity: 'warning',
      value: analysis.units.length,
      message: `${column.name} has mixed units: ${describeUnits(analysis.units)}. It stays text: the studio does not guess how to convert between units. Bring the values to one unit in the source, then the Clean page can strip it.`,
    })
  }
  return out
}
