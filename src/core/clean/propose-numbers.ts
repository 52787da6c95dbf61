import { decimalCommaExample, decimalStyle, parseCommaNumber, parsePlainNumber, splitUnit } from '../table/number-text'
import { analyseUnits, consistentUnit, levelCounts, READABLE_SHARE } from '../table/unit-values'
import type { CategoryColumn, ColumnKind } from '../types'
import { splitName } from './propose-rules'
import { plural } from './step-report'
import type { CleaningStep } from './types'
import { examples, isMissingText, numberText, readNumber } from './values'

/**
 * Proposals for text columns that hold numbers in a form a plain conversion
 * cannot read: with a unit ("70 kg", "6%"), with a decimal comma ("3,5" in a
 * comma-separated file, where the reader leaves them as text), or in pairs
 * ("120/80"). Only what is unambiguous is proposed: one unit on (nearly) every
 * value, one decimal style; a column mixing units is left to the profile's
 * "mixed units" warning (unit-warnings.ts), never guessed. At most
 * 1 − READABLE_SHARE of the values may be unreadable; they become missing and
 * the reason says how many.
 */
export interface NumberProposal {
  step: CleaningStep
  /** The column's values after a conversion (for range rules); absent for a split. */
  values?: Float64Array
}

/** The separator of compound values the proposal looks for. */
const PAIR_SEPARATOR = '/'

/** Names that say a column identifies something, so "001/2024" is a case number, not two amounts. */
const ID_NAME = /(^|[^a-z])(id|identifier|mrn|key|code|no|number|ref|reference|date|dob)$/i

/**
 * A convert (unit, decimal comma) or split step for `column`, or null.
 * `id` makes step ids; `taken` holds the column names in use, and receives
 * the names of new split columns.
 */
export function proposeNumberText(column: CategoryColumn, kind: ColumnKind | undefined, id: (base: string) => string, taken: Set<string>): NumberProposal | null {
  if (kind === 'text' || kind === 'constant') return null
  const counts = levelCounts(column)
  const units = analyseUnits(column, counts)
  if (units.present < 2) return null
  const unit = consistentUnit(units)
  if (unit !== null) {
    const decimalComma = units.style === 'comma'
    const step: CleaningStep = { id: id(`convert-${column.name}`), kind: 'convert', column: column.name, to: 'number', ...(decimalComma ? { decimalComma } : {}), unit, reason: '' }
    const { values, failed } = convertedValues(column, { decimalComma, unit })
    const example = column.levels.find((level, k) => counts[k] > 0 && splitUnit(level)?.unit.toLowerCase() === unit.toLowerCase()) ?? ''
    const read = numberText(readNumber(example, { decimalComma, unit }).value)
    const what = unit === '%'
      ? `percentages (e.g. "${example}"): read them as numbers in percent (${read}, not ${numberText(Number((Number(read) / 100).toPrecision(12)))}), and "%" goes into the column's description`
      : `numbers with the unit ${unit} (e.g. "${example}"): strip it to read them as numbers (${read}), and the unit goes into the column's description`
    step.reason = `${column.name} holds ${what}${units.bare > 0 ? `; ${plural(units.bare, 'value')} without a unit ${units.bare === 1 ? 'is' : 'are'} read as ${unit}` : ''}${unreadable(failed)}`
    return { step, values }
  }
  if (units.units.length === 0 && units.style === 'comma' && units.bare >= READABLE_SHARE * units.present) {
    const step: CleaningStep = { id: id(`convert-${column.name}`), kind: 'convert', column: column.name, to: 'number', decimalComma: true, reason: '' }
    const { values, failed } = convertedValues(column, { decimalComma: true })
    const example = decimalCommaExample(column.levels, counts)
    step.reason = `${column.name} holds numbers written with a decimal comma (e.g. "${example}"): read them as numbers (${numberText(parseCommaNumber(example))})${unreadable(failed)}`
    return { step, values }
  }
  if (units.units.length === 0 && !ID_NAME.test(column.name)) return proposeSplit(column, counts, id, taken)
  return null
}

function convertedValues(column: CategoryColumn, options: { decimalComma?: boolean; unit?: string }): { values: Float64Array; failed: { count: number; examples: string[] } } {
  const byLevel = column.levels.map((level) => readNumber(level, options).value)
  const values = new Float64Array(column.codes.length)
  let count = 0
  const bad = new Set<string>()
  column.codes.forEach((code, i) => {
    values[i] = code < 0 ? NaN : byLevel[code]
    if (code >= 0 && Number.isNaN(byLevel[code]) && !isMissingText(column.levels[code])) {
      count++
      bad.add(column.levels[code])
    }
  })
  return { values, failed: { count, examples: [...bad] } }
}

function unreadable(failed: { count: number; examples: string[] }): string {
  if (failed.count === 0) return ''
  return `; ${plural(failed.count, 'value')} ${failed.count === 1 ? 'is' : 'are'} not such a number (e.g. ${examples(failed.examples)}) and ${failed.count === 1 ? 'becomes' : 'become'} missing`
}

/** A split of "120/80" values into two number columns, when nearly every value is such a pair. */
function proposeSplit(column: CategoryColumn, counts: Int32Array, id: (base: string) => string, taken: Set<string>): NumberProposal | null {
  let present = 0, pairs = 0
  const pieces: string[] = [], pieceCounts: number[] = []
  const unitSpellings = new Map<string, number>()
  const bad: string[] = []
  column.levels.forEach((level, k) => {
    const n = counts[k]
    if (n === 0 || isMissingText(level)) return
    present += n
    const withUnit = splitUnit(level)
    const parts = (withUnit ? withUnit.value : level.trim()).split(PAIR_SEPARATOR)
    if (parts.length === 2 && parts.every((p) => !Number.isNaN(parsePlainNumber(p)) || !Number.isNaN(parseCommaNumber(p)))) {
      pairs += n
      for (const p of parts) {
        pieces.push(p.trim())
        pieceCounts.push(n)
      }
      if (withUnit) unitSpellings.set(withUnit.unit, (unitSpellings.get(withUnit.unit) ?? 0) + n)
    } else bad.push(level)
  })
  const unitKeys = new Set([...unitSpellings.keys()].map((u) => u.toLowerCase()))
  const style = decimalStyle(pieces, pieceCounts).style
  if (pairs < 2 || pairs < READABLE_SHARE * present || unitKeys.size > 1 || style === 'mixed') return null
  const unit = [...unitSpellings.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  const into = splitNames(column.name, taken)
  for (const name of into) taken.add(name)
  const failed = present - pairs
  const step: CleaningStep = {
    id: id(`split-${column.name}`),
    kind: 'split',
    column: column.name,
    separator: PAIR_SEPARATOR,
    into,
    ...(style === 'comma' ? { decimalComma: true } : {}),
    ...(unit !== undefined ? { unit } : {}),
    reason:
      `${column.name} holds pairs of numbers such as ${examples(column.levels.filter((l) => !bad.includes(l) && !isMissingText(l)), 1)}: split them into two number columns, ${into[0]} and ${into[1]} (you can rename them)` +
      (failed > 0 ? `; ${plural(failed, 'value')} ${failed === 1 ? 'is not such a pair' : 'are not such pairs'} (e.g. ${examples(bad)}) and ${failed === 1 ? 'becomes' : 'become'} missing` : ''),
  }
  return { step }
}

/**
 * Names for the two parts of a pair column: systolic and diastolic when the
 * name says blood pressure (bp, BP_mmHg, blood_pressure), else <name>_1 and
 * <name>_2; a name already in use gets the column's name in front, then a
 * number, so a proposal never clashes.
 */
export function splitNames(name: string, taken: ReadonlySet<string>): [string, string] {
  const { words, text } = splitName(name)
  const bloodPressure = words.includes('bp') || text.replace(/[^a-z]/g, '').includes('bloodpressure')
  const free = (candidate: string): string => {
    let out = candidate
    for (let k = 2; taken.has(out); k++) out = `${candidate}_${k}`
    return out
  }
  if (bloodPressure) {
    const plain = ['systolic', 'diastolic'] as const
    if (!taken.has(plain[0]) && !taken.has(plain[1])) return [plain[0], plain[1]]
    return [free(`${name}_systolic`), free(`${name}_diastolic`)]
  }
  return [free(`${name}_1`), free(`${name}_2`)]
}
