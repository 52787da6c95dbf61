import { parseCommaNumber, splitUnit } from '../table/number-text'
import { levelCounts, numberForm, PAIR_SEPARATOR, type PairAnalysis } from '../table/read/unit-values'
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

/**
 * A convert (unit, decimal comma) or split step for `column`, or null; the
 * decision is numberForm's (unit-values.ts), shared with the profile's notes.
 * `id` makes step ids; `taken` holds the column names in use, and receives
 * the names of new split columns.
 */
export function proposeNumberText(column: CategoryColumn, kind: ColumnKind | undefined, id: (base: string) => string, taken: Set<string>): NumberProposal | null {
  const counts = levelCounts(column)
  const found = numberForm(column, kind, counts)
  if (found?.form === 'unit') {
    const { unit, decimalComma, analysis } = found
    const step: CleaningStep = { id: id(`convert-${column.name}`), kind: 'convert', column: column.name, to: 'number', ...(decimalComma ? { decimalComma } : {}), unit, reason: '' }
    const { values, failed } = convertedValues(column, { decimalComma, unit })
    const example = column.levels.find((level, k) => counts[k] > 0 && splitUnit(level)?.unit.toLowerCase() === unit.toLowerCase()) ?? ''
    const read = readNumber(example, { decimalComma, unit }).value
    const what = unit === '%'
      ? `percentages (e.g. "${example}"): read them as numbers in percent (${numberText(read)}, not ${numberText(Number((read / 100).toPrecision(12)))}), and "%" goes into the column's description`
      : `numbers with the unit ${unit} (e.g. "${example}"): strip it to read them as numbers (${numberText(read)}), and the unit goes into the column's description`
    const bare = analysis.bare
    step.reason = `${column.name} holds ${what}${bare > 0 ? `; ${plural(bare, 'value')} without a unit ${bare === 1 ? 'is' : 'are'} read as ${unit}` : ''}${unreadable(failed)}`
    return { step, values }
  }
  if (found?.form === 'decimal-comma') {
    const { values, failed } = convertedValues(column, { decimalComma: true })
    const reason = `${column.name} holds numbers written with a decimal comma (e.g. "${found.example}"): read them as numbers (${numberText(parseCommaNumber(found.example))})${unreadable(failed)}`
    return { step: { id: id(`convert-${column.name}`), kind: 'convert', column: column.name, to: 'number', decimalComma: true, reason }, values }
  }
  if (found?.form === 'pair') return { step: splitStep(column, found.pairs, found.decimalComma, id, taken) }
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

/** A split of "120/80" values into two number columns, with names that clash with nothing. */
function splitStep(column: CategoryColumn, pairs: PairAnalysis, decimalComma: boolean, id: (base: string) => string, taken: Set<string>): CleaningStep {
  const into = splitNames(column.name, taken)
  for (const name of into) taken.add(name)
  const failed = pairs.present - pairs.pairs
  return {
    id: id(`split-${column.name}`),
    kind: 'split',
    column: column.name,
    separator: PAIR_SEPARATOR,
    into,
    ...(decimalComma ? { decimalComma: true } : {}),
    ...(pairs.unit !== undefined ? { unit: pairs.unit } : {}),
    reason:
      `${column.name} holds pairs of numbers such as "${pairs.example}": split them into two number columns, ${into[0]} and ${into[1]} (you can rename them)` +
      (failed > 0 ? `; ${plural(failed, 'value')} ${failed === 1 ? 'is not such a pair' : 'are not such pairs'} (e.g. ${examples(pairs.other)}) and ${failed === 1 ? 'becomes' : 'become'} missing` : ''),
  }
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
