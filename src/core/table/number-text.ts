/**
 * How numbers are written in text cells: plainly ("3.5", "1e3"), the European
 * way with a decimal comma ("3,5", "1.234,5", "1 234,5"), with a unit ("70 kg",
 * "6%") or as a pair ("120/80"). The CSV reader, the convert and split steps,
 * the cleaning proposals and the profile's unit check all read numbers through
 * these functions, so they agree on what a cell holds. Inputs are trimmed.
 */

/** A number written plainly: optional sign, digits, optional decimals and exponent. */
export const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * A number written with a decimal comma: optional sign; whole digits, or
 * digits grouped in threes by ONE separator — ".", a space, a no-break space
 * (U+00A0) or a narrow no-break space (U+202F), as Excel and LibreOffice write
 * them in Europe; then an optional ",digits" and exponent.
 */
const COMMA_NUMBER = /^[+-]?(?:\d+|\d{1,3}(?:([. \u00a0\u202f])\d{3})(?:\1\d{3})*)(?:,\d+)?(?:[eE][+-]?\d+)?$/

/** Separators of digit groups, by kind: all space-like characters count as one kind. */
type Grouping = 'point' | 'space'

/** The number a plainly written text holds, or NaN. */
export function parsePlainNumber(text: string): number {
  const t = text.trim()
  if (!PLAIN_NUMBER.test(t)) return NaN
  const v = Number(t)
  return Number.isFinite(v) ? v : NaN
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k)

/**
 * The common case "-12,34" (sign, at most 15 digits, one decimal comma) read
 * without a regex or a new string, because the CSV reader calls this once per
 * cell; NaN when the text is not of that form. Exact: an integer below 2^53
 * divided by a power of ten that is exact in binary is correctly rounded, so
 * the result is the double Number("-12.34") gives.
 */
function simpleCommaNumber(t: string): number {
  const n = t.length
  let i = 0, negative = false
  let c = n > 0 ? t.charCodeAt(0) : 0
  if (c === 43 || c === 45) {
    negative = c === 45
    i = 1
  }
  let mantissa = 0, digits = 0, decimals = 0, comma = false
  for (; i < n; i++) {
    c = t.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48)
      digits++
      if (comma) decimals++
    } else if (c === 44 && !comma && digits > 0) comma = true
    else return NaN
  }
  if (digits === 0 || digits > 15 || (comma && decimals === 0)) return NaN
  const v = mantissa / POWERS_OF_TEN[decimals]
  return negative ? -v : v
}

/** The number a text written with a decimal comma holds ("1.234,5" → 1234.5; "3.5" → NaN), or NaN. */
export function parseCommaNumber(text: string): number {
  const t = text.trim()
  const simple = simpleCommaNumber(t)
  if (!Number.isNaN(simple)) return simple
  if (!COMMA_NUMBER.test(t)) return NaN
  const v = Number(t.replace(/[. \u00a0\u202f]/g, '').replace(',', '.'))
  return Number.isFinite(v) ? v : NaN
}

/** The number `text` holds in the given style. */
export function parseNumberIn(text: string, decimalComma: boolean): number {
  return decimalComma ? parseCommaNumber(text) : parsePlainNumber(text)
}

/** Counts of distinct texts by how they read as numbers; see decimalStyle. */
export interface StyleCounts {
  /** Cells (weighted by `counts`) that read as a number only with a decimal point ("3.5"). */
  point: number
  /** Cells that read as a number only with a decimal comma or digit grouping ("3,5", "1 234"). */
  comma: number
  /** Cells that read as the same number either way (whole numbers: "12", "-3", "1e5"). */
  neutral: number
  /** Cells that read either way but differently: "1.234" is 1.234 plainly and 1234 with "." grouping. */
  ambiguous: number
  /** Cells that are not numbers in either style. */
  other: number
  /** Example texts of the point, comma and ambiguous kinds, for messages. */
  examples: { point?: string; comma?: string; ambiguous?: string; other?: string }
}

/**
 * The verdict on a column's numbers: 'point' when every number reads plainly,
 * 'comma' when they read only with a decimal comma, 'mixed' when both styles
 * occur (or "." grouping is not proven, see below), null when no cell is a
 * number needing either style.
 */
export type DecimalStyle = 'point' | 'comma' | 'mixed' | null

/**
 * Classifies distinct texts (with how many cells hold each) and decides the
 * column's decimal style. A column is read with a decimal comma only when it
 * is unambiguous: some value needs the comma style, none needs the point
 * style, all digit groups use one kind of separator, and a value that reads
 * both ways ("1.234") is accepted only when another value proves that "." groups
 * digits in this column ("12.345,6" or "1.234.567"). Missing tokens must be
 * removed by the caller.
 */
export function decimalStyle(texts: readonly string[], counts?: ArrayLike<number>): { style: DecimalStyle; counts: StyleCounts } {
  const c: StyleCounts = { point: 0, comma: 0, neutral: 0, ambiguous: 0, other: 0, examples: {} }
  const groupings = new Set<Grouping>()
  let pointGroupingProven = false
  texts.forEach((raw, k) => {
    const n = counts ? counts[k] : 1
    if (n === 0) return
    const t = raw.trim()
    const plain = PLAIN_NUMBER.test(t)
    const comma = COMMA_NUMBER.test(t)
    const grouping = comma ? groupingOf(t) : null
    if (grouping) groupings.add(grouping)
    if (plain && comma) {
      if (t.includes('.')) {
        c.ambiguous += n
        c.examples.ambiguous ??= t
      } else c.neutral += n
    } else if (plain) {
      c.point += n
      c.examples.point ??= t
    } else if (comma) {
      c.comma += n
      c.examples.comma ??= t
      if (grouping === 'point') pointGroupingProven = true
    } else {
      c.other += n
      c.examples.other ??= t
    }
  })
  let style: DecimalStyle = null
  if (c.comma === 0) style = c.point + c.ambiguous > 0 ? 'point' : null
  else if (c.point > 0 || groupings.size > 1 || (c.ambiguous > 0 && !pointGroupingProven)) style = 'mixed'
  else style = 'comma'
  return { style, counts: c }
}

function groupingOf(t: string): Grouping | null {
  const whole = t.replace(/^[+-]/, '').split(/[,eE]/)[0]
  if (whole.includes('.')) return 'point'
  return /[ \u00a0\u202f]/.test(whole) ? 'space' : null
}

/** Units are at most this long; a longer tail is text, not a unit. */
export const MAX_UNIT_LENGTH = 24

/** A unit starts with a letter, %, ‰, ° or µ ("kg", "mmHg", "mg/dL", "%", "°C", "µmol/L"). */
const UNIT_START = /[\p{L}%‰°µ]/u

/**
 * Splits "70 kg" into the value text "70" and the unit "kg" ("6%" → "6", "%";
 * "120/80 mmHg" → "120/80", "mmHg"; "1.5e3 g" → "1.5e3", "g"). The unit starts
 * at the first letter (or %, ‰, °, µ) after a digit, an exponent's "e" aside;
 * null when there is no such unit or it is longer than MAX_UNIT_LENGTH.
 * Whether the value text is a number is for the caller to decide.
 */
export function splitUnit(text: string): { value: string; unit: string } | null {
  const t = text.trim()
  for (let i = 1; i < t.length; i++) {
    const ch = t[i]
    if (!UNIT_START.test(ch)) continue
    if ((ch === 'e' || ch === 'E') && /\d/.test(t[i - 1]) && /^[+-]?\d/.test(t.slice(i + 1))) continue
    const value = t.slice(0, i).trim()
    const unit = t.slice(i)
    if (!/\d$/.test(value) || unit.length > MAX_UNIT_LENGTH) return null
    return { value, unit }
  }
  return null
}

/** True when `unit` is acceptable as a unit to strip (what splitUnit could return). */
export function isUnitText(unit: string): boolean {
  return unit === unit.trim() && unit.length > 0 && unit.length <= MAX_UNIT_LENGTH && UNIT_START.test(unit[0]) && splitUnit(`1 ${unit}`)?.unit === unit
}

/** How one cell reads when a unit is stripped: the number, and whether the cell carried the unit. */
export interface UnitReading {
  value: number
  /** True when the cell ended with the unit; false for a bare number (or a cell that is not a number). */
  hadUnit: boolean
}

/**
 * Reads a cell that should hold a number followed by `unit` (compared
 * ignoring case; spaces before it optional): "70 kg" → 70. A bare number
 * ("70") reads as itself, with hadUnit false; anything else, including a
 * number with another unit ("154 lb"), is NaN.
 */
export function parseWithUnit(text: string, unit: string, decimalComma: boolean): UnitReading {
  const t = text.trim()
  if (t.length > unit.length && t.slice(t.length - unit.length).toLowerCase() === unit.toLowerCase()) {
    const value = t.slice(0, t.length - unit.length).trim()
    return { value: /\d$/.test(value) ? parseNumberIn(value, decimalComma) : NaN, hadUnit: true }
  }
  return { value: parseNumberIn(t, decimalComma), hadUnit: false }
}

/**
 * Reads a compound cell such as "120/80" into `parts` numbers split at
 * `separator` (after stripping `unit` from the end, when given). Null when the
 * cell does not split into exactly that many numbers.
 */
export function parseCompound(text: string, separator: string, parts: number, options: { unit?: string; decimalComma?: boolean } = {}): number[] | null {
  let t = text.trim()
  const unit = options.unit
  if (unit && t.length > unit.length && t.slice(t.length - unit.length).toLowerCase() === unit.toLowerCase()) t = t.slice(0, t.length - unit.length).trim()
  const pieces = t.split(separator)
  if (pieces.length !== parts) return null
  const values = pieces.map((p) => parseNumberIn(p, options.decimalComma === true))
  return values.some((v) => Number.isNaN(v)) ? null : values
}

/**
 * A value to show when saying a column uses decimal commas: one whose decimals
 * matter ("3,5" rather than "1,0"), else any with a comma; '' when none.
 * `counts` (cells per text) skips texts no cell holds.
 */
export function decimalCommaExample(texts: readonly string[], counts?: ArrayLike<number>): string {
  let fallback = ''
  for (let k = 0; k < texts.length; k++) {
    if ((counts && counts[k] === 0) || !texts[k].includes(',')) continue
    const v = parseCommaNumber(texts[k])
    if (Number.isNaN(v)) continue
    if (!Number.isInteger(v)) return texts[k].trim()
    fallback ||= texts[k].trim()
  }
  return fallback
}
