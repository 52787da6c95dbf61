/**
 * The dataset profile: per column (kind, missingness, distinct values,
 * quartiles, most frequent values, a distribution for a small chart) and per
 * dataset (duplicate rows, constant and identifier columns, correlations,
 * warnings). Everything returned is plain data that survives structured clone.
 *
 * Speed: a numeric column is copied once (present values only) and radix
 * sorted; one walk over the sorted copy then gives quartiles, distinct count,
 * most frequent values and histogram counts, with no Map of a million numbers.
 * Category columns are counted by code. A 1,000,000 × 30 table profiles in
 * about two seconds on one core.
 */
import type { CategoryColumn, Column, ColumnKind, NumericColumn, Table } from '../../types'
import { inferKind } from './column-kind'
import { allLevelsAreDates, dateRange, type DateRange } from '../iso-date'
import { chooseCorrelationColumns, correlationMatrix, MAX_CORRELATION_COLUMNS, strongPairs, type CorrelationMatrix } from '../stats/correlation'
import { findDuplicateRows, type DuplicateExample } from './duplicates'
import { histogramEdges, histogramSorted } from '../stats/histogram'
import { profileWarnings, type ProfileWarning } from './profile-warnings'
import { summarizeSorted, type NumericSummary } from '../stats/numeric-summary'
import { sortNumbers } from '../stats/sort-numbers'
import { codeCounts, sortedRunStats, topLevels, type ValueCount } from '../stats/value-counts'

export { compareValues } from '../compare-values'
export type { ValueCount } from '../stats/value-counts'
export type { NumericSummary } from '../stats/numeric-summary'
export type { DateRange } from '../iso-date'

/**
 * What a small chart of the column draws: a histogram for numbers, the most
 * frequent values plus the count of all others for categories and booleans.
 */
export type Distribution =
  | { type: 'histogram'; edges: number[]; counts: number[] }
  | { type: 'bars'; top: ValueCount[]; other: number }

/** What the studio knows about one column before any modelling. */
export interface ColumnProfile {
  name: string
  /** The column's description, when it has one (e.g. "unit: kg" after cleaning stripped a unit). */
  description?: string
  storage: 'number' | 'category'
  kind: ColumnKind
  missing: number
  missingShare: number
  /** Rows with a value (rowCount − missing). */
  present: number
  distinct: number
  /** Present for numeric storage with at least one value. */
  numeric?: NumericSummary
  /** Earliest and latest value of a column of kind 'date', as written in the data. */
  dateRange?: DateRange
  /** Most frequent values, most common first, ties by value (at most 5). */
  topValues: ValueCount[]
  distribution: Distribution
}

export interface TableProfile {
  rowCount: number
  columnCount: number
  columns: ColumnProfile[]
  /** Rows identical to an earlier row in every column. */
  duplicateRows: number
  /** The first few duplicate rows and the rows they repeat. */
  duplicateExamples: DuplicateExample[]
  /** Columns of kind 'constant', in table order. */
  constantColumns: string[]
  /** Columns of kind 'identifier', in table order. */
  identifierColumns: string[]
  /** Pearson correlations over numeric columns that are neither constant nor identifiers. */
  correlation: CorrelationMatrix
  warnings: ProfileWarning[]
}

export interface ProfileOptions {
  /** Cap on the correlation matrix's columns (default MAX_CORRELATION_COLUMNS). */
  maxCorrelationColumns?: number
}

/** Values listed in `topValues`. */
const TOP_VALUES = 5
/** Bars in a category column's distribution before the rest become "other". */
const TOP_BARS = 10

/** Profiles every column of a table and the table as a whole. */
export function profileTable(table: Table, options: ProfileOptions = {}): TableProfile {
  const columns = table.columns.map((c) => profileColumn(c, table.rowCount))
  const duplicates = findDuplicateRows(table)
  const eligible: NumericColumn[] = [], present: number[] = []
  table.columns.forEach((column, i) => {
    const kind = columns[i].kind
    if (column.type === 'number' && kind !== 'constant' && kind !== 'identifier') {
      eligible.push(column)
      present.push(columns[i].present)
    }
  })
  const { chosen, omitted } = chooseCorrelationColumns(eligible, present, options.maxCorrelationColumns ?? MAX_CORRELATION_COLUMNS)
  const correlation = correlationMatrix(chosen, omitted)
  return {
    rowCount: table.rowCount,
    columnCount: table.columns.length,
    columns,
    duplicateRows: duplicates.count,
    duplicateExamples: duplicates.examples,
    constantColumns: columns.filter((c) => c.kind === 'constant').map((c) => c.name),
    identifierColumns: columns.filter((c) => c.kind === 'identifier').map((c) => c.name),
    correlation,
    warnings: profileWarnings({ rowCount: table.rowCount, columns, duplicateRows: duplicates.count, strongPairs: strongPairs(correlation) }),
  }
}

/** Profiles one column of a table with `rowCount` rows. */
export function profileColumn(column: Column, rowCount: number): ColumnProfile {
  const profile = column.type === 'number' ? profileNumeric(column, rowCount) : profileCategory(column, rowCount)
  return column.description ? { ...profile, description: column.description } : profile
}

function profileNumeric(column: NumericColumn, rowCount: number): ColumnProfile {
  const values = column.values
  let present = 0, sum = 0, allIntegers = true
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present++
  const sorted = new Float64Array(present)
  for (let i = 0, j = 0; i < values.length; i++) {
    const v = values[i]
    if (v !== v) continue
    sorted[j++] = v
    // Summed in row order (not sorted order) so the mean is exactly what a plain loop over the column gives.
    sum += v
    if (allIntegers && !Number.isInteger(v)) allIntegers = false
  }
  sortNumbers(sorted)
  const missing = rowCount - present
  const { distinct, top } = sortedRunStats(sorted, TOP_BARS)
  const numeric = summarizeSorted(sorted, sum)
  const kind = inferKind({
    name: column.name,
    storage: 'number',
    distinct,
    present,
    allIntegers,
    pair: distinct === 2 ? [top[0].value, top[1].value] : undefined,
    averageLength: () => 0,
  })
  const distribution: Distribution = kind === 'boolean'
    ? bars(top, present)
    : { type: 'histogram', ...histogramSorted(sorted, histogramEdges(sorted[0], sorted[present - 1], distinct, allIntegers)) }
  return {
    name: column.name,
    storage: 'number',
    kind,
    missing,
    missingShare: rowCount === 0 ? 0 : missing / rowCount,
    present,
    distinct,
    numeric,
    topValues: top.slice(0, TOP_VALUES),
    distribution,
  }
}

function profileCategory(column: CategoryColumn, rowCount: number): ColumnProfile {
  const { counts, missing } = codeCounts(column.codes, column.levels.length)
  const present = rowCount - missing
  let distinct = 0
  const used: string[] = []
  for (let code = 0; code < counts.length; code++) {
    if (counts[code] === 0) continue
    distinct++
    if (used.length < 2) used.push(column.levels[code])
  }
  const top = topLevels(column.levels, counts, TOP_BARS)
  const kind = inferKind({
    name: column.name,
    storage: 'category',
    distinct,
    present,
    allIntegers: false,
    pair: distinct === 2 ? [used[0], used[1]] : undefined,
    averageLength: () => averageLength(column.levels, counts, present),
    allDates: () => allLevelsAreDates(column.levels, counts),
  })
  const range = kind === 'date' ? dateRange(column.levels, counts) : null
  return {
    name: column.name,
    storage: 'category',
    kind,
    missing,
    missingShare: rowCount === 0 ? 0 : missing / rowCount,
    present,
    distinct,
    topValues: top.slice(0, TOP_VALUES),
    distribution: bars(top, present),
    ...(range ? { dateRange: range } : {}),
  }
}

function bars(top: ValueCount[], present: number): Distribution {
  let shown = 0
  for (const t of top) shown += t.count
  return { type: 'bars', top, other: present - shown }
}

/** Mean text length of present values, weighting each level by its rows. */
function averageLength(levels: string[], counts: Int32Array, present: number): number {
  if (present === 0) return 0
  let total = 0
  for (let code = 0; code < levels.length; code++) total += levels[code].length * counts[code]
  return total / present
}
