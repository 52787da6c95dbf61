/**
 * Plain-language warnings about a dataset, written for a clinician reading the
 * data page, not for an engineer. `warning` means "look at this before
 * training"; `info` means "noted, and the studio already handles it" (an
 * identifier, a constant or a date column is left out of the features by default).
 */
import type { CorrelatedPair } from '../stats/correlation'
import type { ColumnProfile } from './profile'

export type WarningKind =
  | 'missing'
  | 'high-cardinality'
  | 'identifier'
  | 'date'
  | 'constant'
  | 'duplicate-rows'
  | 'correlated'
  | 'leakage'
  | 'identifier-target'
  // Text values that hold numbers (unit-warnings.ts): units that differ, or a form the Clean page reads.
  | 'mixed-units'
  | 'numbers-as-text'
  // What the file reader changed or noticed (reader-findings.ts).
  | 'renamed-column'
  | 'decimal-comma'
  | 'mixed-decimal'
  | 'single-column'
  | 'reader'

/** One finding about the data; `column` (and `otherColumn` for a pair) name what it is about. */
export interface ProfileWarning {
  kind: WarningKind
  column?: string
  otherColumn?: string
  severity: 'info' | 'warning'
  message: string
  /** The number behind the finding (share missing, distinct count, r, AUC …), for sorting and display. */
  value?: number
}

/** Missing share above which a column gets a warning … */
export const MISSING_WARNING = 0.3
/** … and above which it gets a note. */
export const MISSING_INFO = 0.05
/** A categorical column with more distinct values than this is high-cardinality … */
export const HIGH_CARDINALITY_DISTINCT = 50
/** … as is one whose distinct values exceed this share of its present rows (with more than MIN_CARDINALITY_DISTINCT values). */
export const HIGH_CARDINALITY_SHARE = 0.5
/** The share rule is noise on a handful of values (3 values in 5 rows), so it needs at least this many. */
export const MIN_CARDINALITY_DISTINCT = 10

/** What the dataset-level warnings are computed from. */
export interface WarningInput {
  rowCount: number
  columns: ColumnProfile[]
  duplicateRows: number
  strongPairs: CorrelatedPair[]
}

/**
 * The dataset's warnings: per column (missingness, high cardinality,
 * identifier, constant) in column order, then duplicate rows, then strongly
 * correlated pairs, strongest first.
 */
export function profileWarnings(input: WarningInput): ProfileWarning[] {
  const warnings: ProfileWarning[] = []
  for (const c of input.columns) warnings.push(...columnWarnings(c))
  if (input.duplicateRows > 0) {
    const n = input.duplicateRows
    warnings.push({
      kind: 'duplicate-rows',
      severity: 'warning',
      value: n,
      message: `${count(n, 'row')} ${n === 1 ? 'repeats' : 'repeat'} an earlier row exactly (${percent(n / input.rowCount)} of rows). Duplicates can be double entries, and they inflate test scores when copies land on both sides of a split.`,
    })
  }
  for (const { a, b, r } of input.strongPairs) {
    warnings.push({
      kind: 'correlated',
      column: a,
      otherColumn: b,
      severity: 'info',
      value: r,
      message: `${a} and ${b} move together almost exactly (correlation ${r.toFixed(3)}): they carry nearly the same information, so one of them may be enough.`,
    })
  }
  return warnings
}

/** Warnings about one column on its own. */
export function columnWarnings(c: ColumnProfile): ProfileWarning[] {
  const out: ProfileWarning[] = []
  if (c.missingShare > MISSING_INFO) {
    const high = c.missingShare > MISSING_WARNING
    out.push({
      kind: 'missing',
      column: c.name,
      severity: high ? 'warning' : 'info',
      value: c.missingShare,
      message: high
        ? `${c.name} is missing in ${percent(c.missingShare)} of rows (${count(c.missing, 'row')}). Ask why before relying on it: filled-in values will be guesses for most patients.`
        : `${c.name} is missing in ${percent(c.missingShare)} of rows (${count(c.missing, 'row')}).`,
    })
  }
  if (c.kind === 'constant') {
    out.push({
      kind: 'constant',
      column: c.name,
      severity: 'info',
      message: c.distinct === 0
        ? `${c.name} is empty in every row, so it is left out of the features.`
        : `${c.name} has the same value ("${c.topValues[0]?.value}") in every row that has one, so it carries no information and is left out of the features.`,
    })
  }
  if (c.kind === 'identifier') {
    out.push({
      kind: 'identifier',
      column: c.name,
      severity: 'info',
      value: c.distinct,
      message: `${c.name} looks like an identifier (a different value in almost every row), so it is left out of the features: a model would only memorise it.`,
    })
  }
  if (c.kind === 'date') {
    const range = c.dateRange ? ` (${c.dateRange.min} to ${c.dateRange.max})` : ''
    out.push({
      kind: 'date',
      column: c.name,
      severity: 'info',
      message: `${c.name} holds dates${range}, so it is left out of the features: new patients come on other days, so a model cannot learn from the dates themselves. A duration worked out from it (such as days from admission to discharge) can be a useful feature.`,
    })
  }
  if (c.kind === 'categorical' && c.storage === 'category' && isHighCardinality(c.distinct, c.present)) {
    out.push({
      kind: 'high-cardinality',
      column: c.name,
      severity: 'warning',
      value: c.distinct,
      message: `${c.name} has ${c.distinct.toLocaleString('en-US')} different values. Rare values give a model little to learn from; consider grouping them (e.g. into "other").`,
    })
  }
  return out
}

/** True when `distinct` values over `present` rows are too many for a categorical feature. */
export function isHighCardinality(distinct: number, present: number): boolean {
  return distinct > HIGH_CARDINALITY_DISTINCT || (distinct > MIN_CARDINALITY_DISTINCT && distinct > HIGH_CARDINALITY_SHARE * present)
}

function percent(share: number): string {
  const p = share * 100
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)}%`
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}
