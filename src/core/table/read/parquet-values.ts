/**
 * How Parquet's logical types become the studio's cells, so each value comes
 * through as its writer meant it (shared convention: dates and timestamps are
 * ISO-8601 text in category columns):
 * - DATE → "2024-03-05" (hyparquet's default is a Date at midnight UTC, which
 *   would read as a timestamp);
 * - TIMESTAMP (milli-, micro-, nanoseconds; with or without time zone) → the
 *   instant, later written as "2024-03-05T10:30:00.000Z"; sub-millisecond parts
 *   are floored, so an instant before 1970 keeps its millisecond;
 * - DECIMAL → the nearest number to the written decimal (12.34, not 1234 and
 *   not 12.340000000000002);
 * - INT64 → a number, refused by name beyond ±(2^53 − 1) (see ColumnAccumulator).
 */
import type { DecodedArray, ParquetParsers, SchemaElement } from 'hyparquet'

const MS_PER_DAY = 86_400_000

/** A day count since 1970-01-01 as "YYYY-MM-DD". */
export function isoDateFromDays(days: number): string {
  const iso = new Date(days * MS_PER_DAY).toISOString()
  return iso.slice(0, iso.indexOf('T'))
}

/** Floor division of a bigint, so -1.5 ms is -2 ms (an instant before 1970 keeps its millisecond). */
function floorDiv(value: bigint, divisor: bigint): bigint {
  const q = value / divisor
  return value % divisor < 0n ? q - 1n : q
}

/** The parsers the reader passes to hyparquet for dates and timestamps. */
export const STUDIO_PARSERS: Partial<ParquetParsers> = {
  dateFromDays: isoDateFromDays,
  timestampFromMilliseconds: (millis: bigint) => new Date(Number(millis)),
  timestampFromMicroseconds: (micros: bigint) => new Date(Number(floorDiv(micros, 1000n))),
  timestampFromNanoseconds: (nanos: bigint) => new Date(Number(floorDiv(nanos, 1_000_000n))),
}

/** Decimal places of a DECIMAL column, or null when the column is not DECIMAL. */
export function decimalScale(element: SchemaElement): number | null {
  if (element.logical_type?.type === 'DECIMAL') return element.logical_type.scale
  if (element.converted_type === 'DECIMAL') return element.scale ?? 0
  return null
}

/**
 * hyparquet scales a DECIMAL by multiplying with 10^-scale (1234 × 0.01 can be
 * 12.340000000000002); dividing the unscaled integer by 10^scale gives the
 * double nearest the written decimal, as parsing its text would. Values whose
 * unscaled integer is beyond 2^53 keep hyparquet's nearest value.
 */
export function exactDecimals(data: DecodedArray, scale: number): DecodedArray {
  if (scale <= 0 || scale > 22) return data
  const factor = 10 ** scale
  const out = new Array<unknown>(data.length)
  for (let i = 0; i < data.length; i++) {
    const v = data[i]
    if (typeof v !== 'number') {
      out[i] = v
      continue
    }
    const unscaled = Math.round(v * factor)
    out[i] = Number.isSafeInteger(unscaled) ? unscaled / factor : v
  }
  return out
}
