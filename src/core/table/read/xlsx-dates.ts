/**
 * Excel stores a date as a number of days (a "serial") and marks it a date
 * only through the cell's number format. This module says which formats are
 * dates or times, and turns serials into the ISO text the studio carries
 * dates as: "2024-03-05" for a whole day, toISOString() ("2024-03-05T10:30:00.000Z")
 * for a moment, "10:30:00" for a time of day. Serials carry no time zone;
 * the wall-clock digits are kept and written as UTC.
 */

/** What a number format shows: a date (and maybe a time), only a time, or a plain number. */
export type DateFormatKind = 'date' | 'datetime' | 'time' | null

/**
 * Built-in number formats (ECMA-376 §18.8.30) that show dates or times; ids
 * 27–36 and 50–58 are the East Asian locales' built-in date formats.
 */
const BUILT_IN: ReadonlyMap<number, DateFormatKind> = new Map<number, DateFormatKind>([
  [14, 'date'], [15, 'date'], [16, 'date'], [17, 'date'], [18, 'time'], [19, 'time'], [20, 'time'], [21, 'time'], [22, 'datetime'],
  [27, 'date'], [28, 'date'], [29, 'date'], [30, 'date'], [31, 'date'], [32, 'time'], [33, 'time'], [34, 'time'], [35, 'time'], [36, 'date'],
  [45, 'time'], [46, null /* [h]:mm:ss is a duration */], [47, 'time'],
  [50, 'date'], [51, 'date'], [52, 'date'], [53, 'date'], [54, 'date'], [55, 'date'], [56, 'date'], [57, 'date'], [58, 'date'],
])

/** The kind of a number format, by its id and (for custom formats) its code. */
export function dateFormatKind(numFmtId: number, formatCode: string | undefined): DateFormatKind {
  if (formatCode === undefined) return BUILT_IN.get(numFmtId) ?? null
  return classifyFormatCode(formatCode)
}

/**
 * Classifies a custom format code such as "yyyy-mm-dd hh:mm" by the date and
 * time letters outside quoted text, escapes and [colour]/[$-locale] brackets.
 * Elapsed-time formats ("[h]:mm") are durations, so they stay numbers.
 */
export function classifyFormatCode(code: string): DateFormatKind {
  // Only the first section (positive numbers) decides.
  const section = code.split(';')[0]
  if (/\[(h+|m+|s+)\]/i.test(section)) return null
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '')
  if (/general/i.test(bare)) return null
  const hasTime = /[hs]|am\/pm|a\/p/i.test(bare)
  const hasDate = /[yd]/i.test(bare) || (!hasTime && /m/i.test(bare)) || /m{3,}/i.test(bare)
  if (hasDate) return hasTime ? 'datetime' : 'date'
  return hasTime ? 'time' : null
}

const MS_PER_DAY = 86_400_000
/** 1899-12-30: day 0 of the 1900 date system as Excel counts after its fictitious 1900-02-29 (serial 60). */
const EPOCH_1900 = Date.UTC(1899, 11, 30)
const EPOCH_1904 = Date.UTC(1904, 0, 1)

/**
 * ISO text for `serial` shown with a format of `kind`, or null when the
 * serial cannot be a date (negative, or beyond year 9999).
 */
export function serialToIso(serial: number, kind: Exclude<DateFormatKind, null>, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return null
  if (kind === 'time' && serial < 1) return timeOfDay(Math.round(serial * MS_PER_DAY))
  let days = serial
  // Excel's 1900 system counts a 29 February 1900 that never was (Lotus 1-2-3's bug): serials below 61 are one day early.
  if (!date1904 && serial < 61) days = serial < 60 ? serial + 1 : 60
  const ms = (date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(days * MS_PER_DAY)
  const iso = new Date(ms).toISOString()
  // A whole day in a date-only format is a date; anything with a time of day keeps it, even if the format hides it.
  return kind === 'date' && ms % MS_PER_DAY === 0 ? iso.slice(0, 10) : iso
}

/** "10:30:00", or "10:30:00.250" with milliseconds. */
function timeOfDay(ms: number): string {
  const clamped = Math.min(ms, MS_PER_DAY - 1)
  const iso = new Date(clamped).toISOString()
  return clamped % 1000 === 0 ? iso.slice(11, 19) : iso.slice(11, 23)
}

/** ISO text for a cell stored as an ISO 8601 date (cell type "d"): date-only stays as it is; a moment becomes toISOString(). */
export function isoCellText(text: string): string | null {
  const trimmed = text.trim()
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed
  // Without a zone the value is wall-clock time, written as UTC like serials.
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`
  const ms = Date.parse(zoned)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}
