import { FALSE_TOKENS, TRUE_TOKENS } from '../../clean/values'
import { MISSING_TOKENS } from '../../table/missing'
import { JS_WHITESPACE, regexChar, type SqlDialect } from './dialect'

/*
 * The studio's cell rules (src/core/table/number-text.ts, missing.ts,
 * clean/values.ts) as SQL expressions over text. Each function names the
 * core function it mirrors; the DuckDB tests compare them cell for cell.
 */

/** PLAIN_NUMBER of number-text.ts (optional sign, digits, optional decimals and exponent). */
export const PLAIN_NUMBER_PATTERN = '[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?'

/**
 * COMMA_NUMBER of number-text.ts without its back-reference (neither RE2 nor
 * portable SQL has one): digit groups use ONE separator — ".", a space, U+00A0
 * or U+202F — written as four alternatives.
 */
export const COMMA_NUMBER_PATTERN =
  '[+-]?(?:[0-9]+' +
  ['\\.', ' ', '\\x{a0}', '\\x{202f}'].map((sep) => `|[0-9]{1,3}(?:${sep}[0-9]{3})+`).join('') +
  ')(?:,[0-9]+)?(?:[eE][+-]?[0-9]+)?'

/** Digit-group separators parseCommaNumber removes. */
const GROUP_SEPARATORS = '[. \\x{a0}\\x{202f}]'

const list = (d: SqlDialect, values: Iterable<string>) => [...values].map((v) => d.text(v)).join(', ')

/** String.prototype.trim. */
export function jsTrim(d: SqlDialect, expr: string): string {
  return d.trimChars(expr, JS_WHITESPACE)
}

/** isMissingToken / isMissingText: NULL, blank or a missing token (NA, null…), case and surrounding space ignored. */
export function isMissing(d: SqlDialect, expr: string): string {
  return `(${expr} IS NULL OR ${d.lowerForAscii(jsTrim(d, expr))} IN (${list(d, MISSING_TOKENS)}))`
}

/** parsePlainNumber of an already trimmed text: the number, NULL when it is none (or overflows). */
export function plainNumber(d: SqlDialect, trimmed: string): string {
  return `CASE WHEN ${d.fullMatch(trimmed, PLAIN_NUMBER_PATTERN)} THEN ${d.toFiniteDouble(trimmed)} END`
}

/** The digits of a decimal-comma number with a decimal point: "1.234,5" → "1234.5" (parseCommaNumber). */
export function commaAsPoint(d: SqlDialect, trimmed: string): string {
  return `replace(${d.replaceAll(trimmed, GROUP_SEPARATORS, '')}, ',', '.')`
}

/** parseCommaNumber of an already trimmed text. */
export function commaNumber(d: SqlDialect, trimmed: string): string {
  return `CASE WHEN ${d.fullMatch(trimmed, COMMA_NUMBER_PATTERN)} THEN ${d.toFiniteDouble(commaAsPoint(d, trimmed))} END`
}

/** parseNumberIn of a text (trimmed here, as parseNumberIn does). */
export function numberIn(d: SqlDialect, expr: string, decimalComma: boolean): string {
  const t = jsTrim(d, expr)
  return decimalComma ? commaNumber(d, t) : plainNumber(d, t)
}

/**
 * True when `trimmed` ends with `unit` compared ignoring case, with something
 * before it: `t.length > unit.length && t.slice(-unit.length).toLowerCase() ===
 * unit.toLowerCase()` (parseWithUnit, parseCompound). Written as one character
 * class per unit character holding every character JavaScript lower-cases to
 * it, so no engine's lower() is involved. `unitChars` comes from unitClasses.
 */
export function endsWithUnit(d: SqlDialect, trimmed: string, unitClasses: string, unitLength: number): string {
  return `(length(${trimmed}) > ${unitLength} AND ${d.fullMatch(`right(${trimmed}, ${unitLength})`, unitClasses)})`
}

let lowerInverse: Map<string, string[]> | null = null

/** For every BMP character, the characters JavaScript lower-cases to it (one character to one). */
function charsLoweringTo(ch: string): string[] {
  if (!lowerInverse) {
    lowerInverse = new Map()
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue
      const c = String.fromCharCode(cp)
      const lower = c.toLowerCase()
      if (lower.length !== 1) continue
      const chars = lowerInverse.get(lower) ?? []
      chars.push(c)
      lowerInverse.set(lower, chars)
    }
  }
  return lowerInverse.get(ch) ?? []
}

/**
 * The regular expression matching exactly the texts whose JavaScript lower
 * case equals `unit`'s, or null when that cannot be decided character by
 * character: a unit outside the Basic Multilingual Plane, or whose lower case
 * holds a sigma (its lower case depends on context) or changes length.
 */
export function unitClasses(unit: string): string | null {
  const lower = unit.toLowerCase()
  if (lower.length !== unit.length || /[\u03c2\u03c3\ud800-\udfff]/.test(lower)) return null
  let pattern = ''
  for (const ch of lower) {
    const chars = charsLoweringTo(ch)
    if (chars.length === 0) return null
    pattern += chars.length === 1 ? regexChar(chars[0]) : `[${chars.map(regexChar).join('')}]`
  }
  return pattern
}

/** parseBoolean of a text: 'yes', 'no' or NULL (case and surrounding space ignored). */
export function booleanText(d: SqlDialect, expr: string): string {
  const t = d.lowerForAscii(jsTrim(d, expr))
  return `CASE WHEN ${t} IN (${list(d, TRUE_TOKENS)}) THEN 'yes' WHEN ${t} IN (${list(d, FALSE_TOKENS)}) THEN 'no' END`
}

/** A DOUBLE literal holding exactly `value` (JavaScript's shortest round-trip text, read back by both engines). */
export function doubleLiteral(value: number): string {
  if (Number.isNaN(value)) throw new Error('no literal for NaN')
  if (!Number.isFinite(value)) return `CAST('${value > 0 ? 'Infinity' : '-Infinity'}' AS DOUBLE)`
  return `CAST('${String(value)}' AS DOUBLE)`
}
