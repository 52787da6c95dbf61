import type { Column, ColumnKind, Table } from '../types'

/** What the studio knows about one column before any modelling. */
export interface ColumnProfile {
  name: string
  storage: 'number' | 'category'
  kind: ColumnKind
  missing: number
  missingShare: number
  distinct: number
  /** Present for numeric storage with at least one value. */
  numeric?: { min: number; mean: number; max: number; std: number }
  /** Most frequent values, most common first (at most 5). */
  topValues: { value: string; count: number }[]
}

export interface TableProfile {
  rowCount: number
  columnCount: number
  columns: ColumnProfile[]
}

const BOOLEAN_PAIRS = [
  ['0', '1'], ['false', 'true'], ['no', 'yes'], ['n', 'y'], ['f', 't'], ['negative', 'positive'],
]

/** Profiles every column of a table. Linear in cells; no copy of the data is made. */
export function profileTable(table: Table): TableProfile {
  return { rowCount: table.rowCount, columnCount: table.columns.length, columns: table.columns.map((c) => profileColumn(c, table.rowCount)) }
}

export function profileColumn(column: Column, rowCount: number): ColumnProfile {
  const counts = new Map<string, number>()
  let missing = 0
  let numeric: ColumnProfile['numeric']
  let allIntegers = true
  if (column.type === 'number') {
    let sum = 0, sumSq = 0, min = Infinity, max = -Infinity, present = 0
    const valueCounts = new Map<number, number>()
    for (const v of column.values) {
      if (Number.isNaN(v)) {
        missing++
        continue
      }
      present++
      sum += v
      if (v < min) min = v
      if (v > max) max = v
      if (!Number.isInteger(v)) allIntegers = false
      valueCounts.set(v, (valueCounts.get(v) ?? 0) + 1)
    }
    if (present > 0) {
      const mean = sum / present
      for (const v of column.values) if (!Number.isNaN(v)) sumSq += (v - mean) * (v - mean)
      numeric = { min, mean, max, std: present > 1 ? Math.sqrt(sumSq / (present - 1)) : 0 }
    }
    for (const [v, c] of valueCounts) counts.set(String(v), c)
  } else {
    const byCode = new Int32Array(column.levels.length)
    for (const code of column.codes) {
      if (code < 0) missing++
      else byCode[code]++
    }
    column.levels.forEach((level, code) => {
      if (byCode[code] > 0) counts.set(level, byCode[code])
    })
  }
  const present = rowCount - missing
  const distinct = counts.size
  const topValues = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || compareValues(a[0], b[0]))
    .slice(0, 5)
    .map(([value, count]) => ({ value, count }))
  return {
    name: column.name,
    storage: column.type,
    kind: inferKind(column, counts, present, distinct, allIntegers),
    missing,
    missingShare: rowCount === 0 ? 0 : missing / rowCount,
    distinct,
    numeric,
    topValues,
  }
}

function inferKind(column: Column, counts: Map<string, number>, present: number, distinct: number, allIntegers: boolean): ColumnKind {
  if (distinct <= 1) return 'constant'
  if (distinct === 2) {
    const pair = [...counts.keys()].map((k) => k.toLowerCase()).sort()
    if (BOOLEAN_PAIRS.some(([a, b]) => pair[0] === a && pair[1] === b)) return 'boolean'
  }
  const allUnique = distinct === present && present >= 20
  const idName = /(^|[^a-z])(id|identifier|uuid|guid|mrn|key)$/i.test(column.name) || /id$/.test(column.name)
  if (column.type === 'number') {
    if (allIntegers && (allUnique || (idName && distinct >= 0.95 * present && present >= 20))) return 'identifier'
    return 'numeric'
  }
  if (allUnique || (idName && distinct >= 0.95 * present)) {
    // Long free text that happens to be unique is text, not an identifier.
    return averageLength(counts) > 30 ? 'text' : 'identifier'
  }
  if (distinct > 50 && distinct > 0.5 * present && averageLength(counts) > 15) return 'text'
  return 'categorical'
}

function averageLength(counts: Map<string, number>): number {
  let total = 0, n = 0
  for (const [value, count] of counts) {
    total += value.length * count
    n += count
  }
  return n === 0 ? 0 : total / n
}

/** Orders values numerically when both are numbers, else as text. */
export function compareValues(a: string, b: string): number {
  const x = Number(a), y = Number(b)
  if (a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y)) return x - y
  return a < b ? -1 : a > b ? 1 : 0
}
