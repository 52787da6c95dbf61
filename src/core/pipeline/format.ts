/**
 * Number formatting for the plain-language pipeline summary. Written by hand
 * rather than with toLocaleString so the text is the same in every browser,
 * worker and Node locale.
 */

/** A count with thousands separators: 1684 → "1,684". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** A learned value to 4 significant digits without trailing zeros: 27.4012 → "27.4". */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  if (v === 0) return '0'
  const magnitude = Math.abs(v)
  if (magnitude >= 1e-3 && magnitude < 1e7) return String(Number(v.toPrecision(4)))
  return v.toPrecision(3)
}

/** Up to `max` names joined by ", ", then "…" and how many more. */
export function formatList(names: readonly string[], max = 8): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, … (${names.length - max} more)`
}

/** A count and a noun, pluralised with "s" unless the count is 1: (1, "row") → "1 row"; (1684, "row") → "1,684 rows". */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : plural}`
}
