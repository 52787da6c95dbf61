/**
 * What the text values of a category column say about the numbers in it:
 * numbers with a unit ("70 kg", "6%"), with a decimal comma, or compound
 * ("120/80"). Decided once per distinct value (the level dictionary) and
 * weighted by how many cells hold it, so a million-row column costs one pass
 * over its codes. The cleaning proposals (propose-numbers.ts) and the
 * profile's warnings (unit-warnings.ts) both take their decision from
 * numberForm here, so the Data page and the Clean page never disagree.
 */
import type { CategoryColumn, ColumnKind } from '../../types'
import { isMissingToken } from '../missing'
import { decimalCommaExample, decimalStyle, parseCommaNumber, parsePlainNumber, splitUnit, type DecimalStyle } from '../number-text'
import { codeCounts } from '../stats/value-counts'

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

/** A column of pairs such as "120/80": how many cells are pairs, the unit after them, the decimal style. */
export interface PairAnalysis {
  present: number
  pairs: number
  /** The unit written after the pairs ("120/80 mmHg"), when one is; never two different ones (then null is returned). */
  unit?: string
  style: DecimalStyle
  /** Values that are not pairs of numbers. */
  other: string[]
  /** A value that is a pair, for messages. */
  example: string
}

/** The separator of compound values the studio recognises. */
export const PAIR_SEPARATOR = '/'

/** Reads the levels of a column as pairs of numbers "a/b" (with at most one unit); null when units differ. */
export function analysePairs(column: CategoryColumn, counts: ArrayLike<number>): PairAnalysis | null {
  let present = 0, pairs = 0
  const pieces: string[] = [], pieceCounts: number[] = []
  const unitSpellings = new Map<string, number>()
  const other: string[] = []
  let example = ''
  column.levels.forEach((level, k) => {
    const n = counts[k]
    if (n === 0 || isMissingToken(level)) return
    present += n
    const withUnit = splitUnit(level)
    const parts = (withUnit ? withUnit.value : level.trim()).split(PAIR_SEPARATOR)
    if (parts.length === 2 && parts.every((p) => isNumber(p.trim()))) {
      pairs += n
      example ||= level.trim()
      for (const p of parts) {
        pieces.push(p.trim())
        pieceCounts.push(n)
      }
      if (withUnit) unitSpellings.set(withUnit.unit, (unitSpellings.get(withUnit.unit) ?? 0) + n)
    } else other.push(level.trim())
  })
  if (new Set([...unitSpellings.keys()].map((u) => u.toLowerCase())).size > 1) return null
  const unit = [...unitSpellings.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  return { present, pairs, ...(unit !== undefined ? { unit } : {}), style: decimalStyle(pieces, pieceCounts).style, other, example }
}

/** Names that say a column identifies something, so "001/2024" is a case number, not two amounts. */
const ID_NAME = /(^|[^a-z])(id|identifier|mrn|key|code|no|number|ref|reference|date|dob)$/i

/**
 * What a text column holds when its values are numbers in a form the reader
 * leaves as text — the one decision behind both the Clean page's proposals
 * and the Data page's notes:
 * - 'unit': one unit on at least half the cells ("70 kg"; bare numbers read
 *   in it), together READABLE_SHARE of the cells, one decimal style;
 * - 'decimal-comma': numbers with a decimal comma ("3,5"), READABLE_SHARE of cells;
 * - 'pair': pairs such as "120/80" on READABLE_SHARE of the cells, unless the
 *   name says it identifies something (case_no "001/2024");
 * - 'mixed-units': numbers with different units ("70 kg", "154 lb"): reported, never converted;
 * null otherwise, and for free text, constants and dates.
 */
export type NumberForm =
  | { form: 'unit'; unit: string; decimalComma: boolean; analysis: UnitAnalysis }
  | { form: 'decimal-comma'; example: string; analysis: UnitAnalysis }
  | { form: 'pair'; decimalComma: boolean; pairs: PairAnalysis }
  | { form: 'mixed-units'; analysis: UnitAnalysis }

export function numberForm(column: CategoryColumn, kind: ColumnKind | undefined, counts?: ArrayLike<number>): NumberForm | null {
  if (kind === 'text' || kind === 'constant' || kind === 'date' || !mostlyNumberLike(column)) return null
  counts ??= levelCounts(column)
  const analysis = analyseUnits(column, counts)
  if (analysis.present < 2) return null
  if (hasMixedUnits(analysis)) return { form: 'mixed-units', analysis }
  const unit = consistentUnit(analysis)
  if (unit !== null) return { form: 'unit', unit, decimalComma: analysis.style === 'comma', analysis }
  if (analysis.units.length > 0) return null
  if (analysis.style === 'comma' && analysis.bare >= READABLE_SHARE * analysis.present) {
    return { form: 'decimal-comma', example: decimalCommaExample(column.levels, counts), analysis }
  }
  if (ID_NAME.test(column.name)) return null
  const pairs = analysePairs(column, counts)
  if (!pairs || pairs.pairs < 2 || pairs.pairs < READABLE_SHARE * pairs.present || pairs.style === 'mixed') return null
  return { form: 'pair', decimalComma: pairs.style === 'comma', pairs }
}

/** Cells looked at by mostlyNumberLike. */
const SAMPLE_CELLS = 200

/**
 * A cheap first look, so identifiers and free text (a million distinct
 * levels) are not read level by level on every profile: true when at least
 * half of the first SAMPLE_CELLS present cells hold a number, a number with a
 * unit, or a pair such as "120/80". Every form numberForm accepts needs far
 * more than half of all cells, so a column failing this look cannot qualify
 * unless its first rows differ wildly from the rest.
 */
function mostlyNumberLike(column: CategoryColumn): boolean {
  const verdict = new Map<number, boolean>()
  let seen = 0, numberLike = 0
  for (let r = 0; r < column.codes.length && seen < SAMPLE_CELLS; r++) {
    const code = column.codes[r]
    if (code < 0) continue
    seen++
    let yes = verdict.get(code)
    if (yes === undefined) {
      const text = column.levels[code].trim()
      const value = splitUnit(text)?.value ?? text
      yes = isNumber(value) || value.split(PAIR_SEPARATOR).every((part) => isNumber(part.trim()))
      verdict.set(code, yes)
    }
    if (yes) numberLike++
  }
  return numberLike * 2 >= seen
}
