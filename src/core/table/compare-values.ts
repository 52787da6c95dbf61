/**
 * The one ordering of cell values as text used across the studio: class labels
 * (train/target.ts), most-frequent-value ties in the profile. It mirrors numpy's
 * unique on the values the readers produce: numbers numerically, text by code point.
 */

/** Orders values numerically when both are numbers, else as text (by UTF-16 code unit). */
export function compareValues(a: string, b: string): number {
  const x = Number(a), y = Number(b)
  if (a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y)) return x - y
  return a < b ? -1 : a > b ? 1 : 0
}
