/**
 * What a column means for modelling, inferred from facts the profile has
 * already gathered (distinct count, integers or not, the two values of a
 * two-valued column), so inference itself costs nothing per row.
 */
import type { Column, ColumnKind } from '../../types'
import { allLevelsAreDates } from '../iso-date'
import { sortedPresent } from '../stats/sort-numbers'
import { codeCounts } from '../stats/value-counts'

/** The facts kind inference reads. */
export interface KindFacts {
  name: string
  storage: 'number' | 'category'
  /** Distinct present values. */
  distinct: number
  /** Rows with a value. */
  present: number
  /** Every present value is an integer (numeric storage only). */
  allIntegers: boolean
  /** The two values as text when `distinct` is 2. */
  pair?: [string, string]
  /** Mean length of the present values as text (category storage only). */
  averageLength: () => number
  /** Every present value is an ISO date or timestamp (category storage only; asked only when needed). */
  allDates?: () => boolean
}

const BOOLEAN_PAIRS = [
  ['0', '1'], ['false', 'true'], ['no', 'yes'], ['n', 'y'], ['f', 't'], ['negative', 'positive'],
]

/**
 * Infers a column's kind: constant (≤ 1 value), boolean (a known yes/no pair),
 * date (text whose every value is an ISO date or timestamp, before the
 * identifier rule: admission times are often unique per row), identifier (unique integers or short unique codes, or an id-like name with
 * ≥ 95% distinct), text (long unique or many long values), else numeric or
 * categorical by storage.
 */
export function inferKind(f: KindFacts): ColumnKind {
  const { distinct, present } = f
  if (distinct <= 1) return 'constant'
  if (distinct === 2 && f.pair) {
    const pair = f.pair.map((k) => k.toLowerCase()).sort()
    if (BOOLEAN_PAIRS.some(([a, b]) => pair[0] === a && pair[1] === b)) return 'boolean'
  }
  if (f.storage === 'category' && f.allDates?.()) return 'date'
  const allUnique = distinct === present && present >= 20
  const idName = /(^|[^a-z])(id|identifier|uuid|guid|mrn|key)$/i.test(f.name) || /id$/.test(f.name)
  if (f.storage === 'number') {
    if (f.allIntegers && (allUnique || (idName && distinct >= 0.95 * present && present >= 20))) return 'identifier'
    return 'numeric'
  }
  if (allUnique || (idName && distinct >= 0.95 * present)) {
    // Long free text that happens to be unique is text, not an identifier.
    return f.averageLength() > 30 ? 'text' : 'identifier'
  }
  if (distinct > 50 && distinct > 0.5 * present && f.averageLength() > 15) return 'text'
  return 'categorical'
}

/**
 * The kind `profileColumn` would infer for `column`, at a fraction of the
 * cost: for other callers (the target profile) that need kinds without the
 * rest of the profile. Non-integer numbers cannot be identifiers or booleans,
 * so only integer columns need an exact distinct count, taken with a bitmap
 * over their range when it is narrow and by sorting otherwise.
 */
export function quickKind(column: Column): ColumnKind {
  if (column.type === 'category') {
    const { counts, missing } = codeCounts(column.codes, column.levels.length)
    const present = column.codes.length - missing
    let distinct = 0
    const used: string[] = []
    for (let code = 0; code < counts.length; code++) {
      if (counts[code] === 0) continue
      distinct++
      if (used.length < 2) used.push(column.levels[code])
    }
    const averageLength = (): number => {
      let total = 0
      for (let code = 0; code < counts.length; code++) total += column.levels[code].length * counts[code]
      return present === 0 ? 0 : total / present
    }
    const allDates = (): boolean => allLevelsAreDates(column.levels, counts)
    return inferKind({ name: column.name, storage: 'category', distinct, present, allIntegers: false, pair: distinct === 2 ? [used[0], used[1]] : undefined, averageLength, allDates })
  }
  const values = column.values
  let present = 0, min = Infinity, max = -Infinity, allIntegers = true
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v !== v) continue
    present++
    if (v < min) min = v
    if (v > max) max = v
    if (allIntegers && !Number.isInteger(v)) allIntegers = false
  }
  const facts = { name: column.name, storage: 'number' as const, present, allIntegers, averageLength: () => 0 }
  if (present === 0) return inferKind({ ...facts, distinct: 0 })
  if (min === max) return inferKind({ ...facts, distinct: 1 })
  // At least two values; for non-integers the exact count changes nothing (never boolean, never an identifier).
  if (!allIntegers) return inferKind({ ...facts, distinct: 2 })
  const distinct = distinctIntegers(values, min, max, present)
  return inferKind({ ...facts, distinct, pair: distinct === 2 ? [String(min), String(max)] : undefined })
}

/** Distinct values among integer `values` spanning [min, max], ignoring NaN. */
function distinctIntegers(values: Float64Array, min: number, max: number, present: number): number {
  const span = max - min + 1
  if (span <= Math.max(1 << 16, 8 * present) && span <= 1 << 28) {
    const seen = new Uint32Array(Math.ceil(span / 32))
    let distinct = 0
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      if (v !== v) continue
      const k = v - min
      const bit = 1 << (k & 31), word = k >>> 5
      if ((seen[word] & bit) === 0) {
        seen[word] |= bit
        distinct++
      }
    }
    return distinct
  }
  const sorted = sortedPresent(values)
  let distinct = 0
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++
  return distinct
}
