/**
 * Dates and timestamps as the studio carries them: ISO-8601 text in category
 * columns ("2024-03-05", "2024-03-05T10:30:00.000Z"), as the Parquet and
 * Excel readers write them and as CSV exports usually hold them
 * ("2024-03-05 10:30", "2024-03-05T10:30:00+01:00").
 */

/** Date, optional time (minutes, seconds, fraction) and optional zone; a zone needs a time. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/

/**
 * The instant `text` names in milliseconds since 1970 (a date alone is its
 * midnight, a time without zone is read as UTC, so values of one column
 * order as their wall clocks do), or NaN when it is not an ISO date or
 * timestamp of a real calendar day ("2024-02-30" is not).
 */
export function isoDateTimeMillis(text: string): number {
  const m = ISO_DATE_TIME.exec(text)
  if (!m) return NaN
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3])
  const hour = m[4] === undefined ? 0 : Number(m[4])
  const minute = m[5] === undefined ? 0 : Number(m[5])
  const second = m[6] === undefined ? 0 : Number(m[6])
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'))
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN
  if (hour > 23 || minute > 59 || second > 59) return NaN
  let offsetMinutes = 0
  const zone = m[8]
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '')
    const hours = Number(digits.slice(0, 2)), minutes = digits.length > 2 ? Number(digits.slice(2)) : 0
    if (hours > 23 || minutes > 59) return NaN
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes)
  }
  const utc = new Date(0)
  utc.setUTCFullYear(year, month - 1, day)
  utc.setUTCHours(hour, minute, second, millis)
  return utc.getTime() - offsetMinutes * 60_000
}

/** True when `text` is an ISO date or timestamp of a real calendar day. */
export function isIsoDateTime(text: string): boolean {
  return !Number.isNaN(isoDateTimeMillis(text))
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Earliest and latest value of a date column, as written in the data. */
export interface DateRange {
  min: string
  max: string
}

/**
 * The earliest and latest of the levels in use (`counts[code] > 0`), as their
 * text; null when no level in use is a date.
 */
export function dateRange(levels: readonly string[], counts: ArrayLike<number>): DateRange | null {
  let min = Infinity, max = -Infinity, minText = '', maxText = ''
  for (let code = 0; code < levels.length; code++) {
    if (counts[code] === 0) continue
    const t = isoDateTimeMillis(levels[code])
    if (Number.isNaN(t)) continue
    if (t < min) [min, minText] = [t, levels[code]]
    if (t > max) [max, maxText] = [t, levels[code]]
  }
  return min === Infinity ? null : { min: minText, max: maxText }
}

/** True when every level in use is an ISO date or timestamp (and at least one is in use). */
export function allLevelsAreDates(levels: readonly string[], counts: ArrayLike<number>): boolean {
  let any = false
  for (let code = 0; code < levels.length; code++) {
    if (counts[code] === 0) continue
    if (!isIsoDateTime(levels[code])) return false
    any = true
  }
  return any
}
