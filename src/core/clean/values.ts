import { isMissingToken } from '../table/missing'
import { parseNumberIn, parsePlainNumber, parseWithUnit, type UnitReading } from '../table/number-text'

/**
 * Cell-value rules shared by the convert step, the recipe checks and the
 * proposal, so all three agree on what "is a number" or "is a yes" means.
 */

/**
 * The number a text cell holds; NaN when it is missing or not a number
 * written plainly, as the CSV reader reads it in a comma-separated file
 * (number-text.ts): optional sign, digits, optional decimals and exponent.
 * "12,5" (decimal comma), "1 000" or "5 mg" are not numbers here: reading
 * them takes a step's explicit option (readNumber), never a guess.
 */
export function parseNumber(text: string): number {
  return parsePlainNumber(text)
}

/** How a convert or split step reads numbers: with a decimal comma, and/or after stripping a unit. */
export interface NumberOptions {
  decimalComma?: boolean
  unit?: string
}

/**
 * The number a text cell holds under `options`: "3,5" with decimalComma;
 * "70 kg" → 70 with unit "kg" (a bare "70" reads as 70 too, with hadUnit
 * false, so a step can say how many cells had no unit). NaN when it is not.
 */
export function readNumber(text: string, options: NumberOptions): UnitReading {
  const decimalComma = options.decimalComma === true
  if (options.unit !== undefined) return parseWithUnit(text, options.unit, decimalComma)
  return { value: parseNumberIn(text, decimalComma), hadUnit: false }
}

/** The description of a column whose values had `unit` stripped: "unit: kg", added to what it said before. */
export function describeUnit(description: string | undefined, unit: string): string {
  const note = `unit: ${unit}`
  if (!description) return note
  return description.split('; ').includes(note) ? description : `${description}; ${note}`
}

/** True when a text cell means "no value" (blank, NA, null…), as the readers decide. */
export function isMissingText(text: string): boolean {
  return isMissingToken(text)
}

/** Text of a number in its shortest round-trip form; -0 is written 0. */
export function numberText(value: number): string {
  return Object.is(value, -0) ? '0' : String(value)
}

/**
 * The canonical boolean: a category column whose levels are exactly
 * ["no", "yes"] (code 0 = no, 1 = yes). Chosen over numeric 0/1 because the
 * profile already recognises no/yes as a boolean kind, classification sorts
 * labels so "yes" is the positive class, and the value reads plainly in tables,
 * exports and the predictor form.
 */
export const BOOLEAN_LEVELS: readonly string[] = ['no', 'yes']

export const TRUE_TOKENS: ReadonlySet<string> = new Set(['yes', 'y', 'true', 't', '1', '1.0', 'positive', 'pos', '+'])
export const FALSE_TOKENS: ReadonlySet<string> = new Set(['no', 'n', 'false', 'f', '0', '0.0', 'negative', 'neg', '-'])

/** 1 for a yes-like text, 0 for a no-like text, -1 otherwise (case and spaces ignored). */
export function parseBoolean(text: string): number {
  const t = text.trim().toLowerCase()
  if (TRUE_TOKENS.has(t)) return 1
  if (FALSE_TOKENS.has(t)) return 0
  return -1
}

/** Shows up to `limit` distinct example values, quoted, for messages. */
export function examples(values: Iterable<string>, limit = 3): string {
  const out: string[] = []
  for (const v of values) {
    if (out.length >= limit) break
    if (!out.includes(v)) out.push(v)
  }
  return out.map((v) => JSON.stringify(v)).join(', ')
}

/** "a number" / "numbers", "… with a decimal comma", "… in kg": what a cell must be, for messages. */
export function numberWording(options: { decimalComma?: boolean; unit?: string }): { one: string; many: string } {
  const tail = `${options.decimalComma ? ' with a decimal comma' : ''}${options.unit !== undefined ? ` in ${options.unit}` : ''}`
  return { one: `a number${tail}`, many: `numbers${tail}` }
}
