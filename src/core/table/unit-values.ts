/**
 * What the text values of a category column say about the numbers in it:
 * numbers with a unit ("70 kg", "6%"), with a decimal comma, or compound
 * ("120/80"). Decided once per distinct value (the level dictionary) and
 * weighted by how many cells hold it, so a million-row column costs one pass
 * over its codes. The cleaning proposals and the profile's "mixed units"
 * warning both read columns through this module.
 */
import type { CategoryColumn } from '../types'
import { isMissingToken } from './missing'
import { decimalStyle, parseCommaNumber, parsePlainNumber, splitUnit, type DecimalStyle } from './number-text'
import { codeCounts } from './value-counts'

/** A unit and the cells that carry it. */
export interface UnitCount {
  unit: string
  count: number
}

export interface UnitAnalysis {
  /** Cells with a value. */
  present: number
  /** Cells holding a number followed by a unit, by unit, most cells first (units equal but for case are one, written as most cells write it). */
  units: UnitCount[]
  /** Cells holding a number without a unit. */
  bare: number
  /** Cells that are not a number, with or without a unit; and a few of them. */
  other: number
  otherExamples: string[]
  /** How the numbers (with or without unit) write their decimals. */
  style: DecimalStyle
}

/**
 * Single-letter units accepted. Others ("2a", "3B": tumour stages, lesion
 * grades) are codes, not amounts with a unit.
 */
const ONE_LETTER_UNITS = new Set(['g', 'l', 'm', 's', 'h', 'd', 'y', '%', '‰', '°'])

/** A unit worth reading as one: a known single letter, or longer. */
function acceptUnit(unit: string): boolean {
  return unit.length > 1 || ONE_LETTER_UNITS.has(unit.toLowerCase())
}

/** True when `text` is a number in either decimal style. */
function isNumber(text: string): boolean {
  return !Number.isNaN(parsePlainNumber(text)) || !Number.isNaN(parseCommaNumber(text))
}

/** Cells per level of a category column. */
export function levelCounts(column: CategoryColumn): Int32Array {
  return codeCounts(column.codes, column.levels.length).counts
}

/** Reads every level of a column as number-with-unit, bare number or other; see UnitAnalysis. */
export function analyseUnits(column: CategoryColumn, counts: ArrayLike<number> = levelCounts(column)): UnitAnalysis {
  const byKey = new Map<string, Map<string, number>>()
  const numberTexts: string[] = []
  const numberCounts: number[] = []
  let present = 0, bare = 0, other = 0
  const otherExamples: string[] = []
  column.levels.forEach((level, k) => {
    const n = counts[k]
    if (n === 0 || isMissingToken(level)) return
    present += n
    const text = level.trim()
    if (isNumber(text)) {
      bare += n
      numberTexts.push(text)
      numberCounts.push(n)
      return
    }
    const split = splitUnit(text)
    if (split && acceptUnit(split.unit) && isNumber(split.value)) {
      const key = split.unit.toLowerCase()
      const spellings = byKey.get(key) ?? new Map<string, number>()
      spellings.set(split.unit, (spellings.get(split.unit) ?? 0) + n)
      byKey.set(key, spellings)
      numberTexts.push(split.value)
      numberCounts.push(n)
      return
    }
    other += n
    if (otherExamples.length < 3) otherExamples.push(text)
  })
  const units: UnitCount[] = [...byKey.values()].map((spellings) => {
    let unit = '', best = -1, count = 0
    for (const [spelling, n] of spellings) {
      count += n
      if (n > best || (n === best && spelling < unit)) [unit, best] = [spelling, n]
    }
    return { unit, count }
  })
  units.sort((a, b) => b.count - a.count || a.unit.localeCompare(b.unit))
  return { present, units, bare, other, otherExamples, style: decimalStyle(numberTexts, numberCounts).style }
}

/** Share of a column's numbers that must be readable for a proposal; the rest become missing. */
export const READABLE_SHARE = 0.95

/**
 * The one unit to strip from a column, or null: exactly one unit, on at
 * least half of the cells, with bare numbers and that unit together at least
 * READABLE_SHARE of the cells, and one decimal style.
 */
export function consistentUnit(a: UnitAnalysis): string | null {
  if (a.units.length !== 1 || a.style === 'mixed') return null
  const withUnit = a.units[0].count
  if (withUnit * 2 < a.present || withUnit + a.bare < READABLE_SHARE * a.present) return null
  return a.units[0].unit
}

/** True when a column is mostly numbers with units but the units differ ("70 kg", "154 lb"). */
export function hasMixedUnits(a: UnitAnalysis): boolean {
  let withUnit = 0
  for (const u of a.units) withUnit += u.count
  return a.units.length >= 2 && withUnit * 2 >= a.present && withUnit + a.bare >= READABLE_SHARE * a.present
}

/** "kg (1,200 rows), lb (34 rows)". */
export function describeUnits(units: readonly UnitCount[], limit = 5): string {
  const shown = units.slice(0, limit).map((u) => `${u.unit} (${u.count.toLocaleString('en-US')} row${u.count === 1 ? '' : 's'})`)
  return units.length > limit ? `${shown.join(', ')} and ${units.length - limit} more` : shown.join(', ')
}
