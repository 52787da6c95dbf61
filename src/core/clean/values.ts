import { isMissingToken } from '../table/missing'

/**
 * Cell-value rules shared by the convert step, the recipe checks and the
 * proposal, so all three agree on what "is a number" or "is a yes" means.
 */

/**
 * A number written plainly, as the CSV reader accepts it (column-builder.ts):
 * optional sign, digits, optional decimals and exponent. "12,5" (decimal
 * comma), "1 000" or "5 mg" are not numbers: converting them would guess.
 */
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** The number a text cell holds; NaN when it is missing or not a plain number (see isMissingText). */
export function parseNumber(text: string): number {
  const t = text.trim()
  if (!NUMBER_PATTERN.test(t)) return NaN
  const v = Number(t)
  return Number.isFinite(v) ? v : NaN
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

const TRUE_TOKENS = new Set(['yes', 'y', 'true', 't', '1', '1.0', 'positive', 'pos', '+'])
const FALSE_TOKENS = new Set(['no', 'n', 'false', 'f', '0', '0.0', 'negative', 'neg', '-'])

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
