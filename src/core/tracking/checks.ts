import { StudioError } from '../errors'

/**
 * Field checks for tracking records read from outside (an experiment file):
 * each names the field by its path and says what it found and what it expected,
 * so "experiment file: runs[3].status is "done"; expected one of …" points at
 * the exact place to look.
 */

/** Shows a value in a message: text in quotes, anything else as JSON, long values shortened. */
export function quote(value: unknown): string {
  if (value === undefined) return 'missing'
  const short = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text)
  if (typeof value === 'string') return JSON.stringify(short(value))
  return short(JSON.stringify(value) ?? String(value))
}

/** A StudioError with the tracking domain prefix. */
export function trackingError(code: string, domain: string, problem: string): StudioError {
  return new StudioError(code, `${domain}: ${problem}`)
}

/**
 * ISO 8601 day or date-time ("2026-03-02", "2026-03-02T09:00:00.000Z"). Checked
 * by shape first because Date.parse also accepts loose text ("2 March" becomes
 * 2001-03-02 in V8), which would silently misdate history.
 */
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** Milliseconds of an ISO day or date-time, or NaN for anything else. */
export function parseIso(text: string): number {
  return ISO.test(text) ? Date.parse(text) : NaN
}

/** Checks one field of a parsed document; the error names `field` under `domain`. */
export class FieldChecker {
  constructor(readonly domain: string, readonly code: string) {}

  fail(field: string, value: unknown, expected: string): never {
    throw trackingError(this.code, this.domain, `${field} is ${quote(value)}; expected ${expected}`)
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, value, 'an object')
    return value as Record<string, unknown>
  }

  array(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) this.fail(field, value, 'a list')
    return value
  }

  string(value: unknown, field: string, options: { nonEmpty?: boolean } = {}): string {
    if (typeof value !== 'string' || (options.nonEmpty && value.trim() === '')) this.fail(field, value, options.nonEmpty ? 'non-empty text' : 'text')
    return value
  }

  /** A whole number at least `min`. */
  integer(value: unknown, field: string, min = 0): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) this.fail(field, value, `a whole number ≥ ${min}`)
    return value
  }

  /** An ISO 8601 date-time that Date.parse understands. */
  date(value: unknown, field: string): string {
    if (typeof value !== 'string' || Number.isNaN(parseIso(value))) this.fail(field, value, 'an ISO date such as "2026-03-02T09:00:00.000Z"')
    return value
  }

  oneOf<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
    if (typeof value !== 'string' || !choices.includes(value as T)) this.fail(field, value, `one of ${choices.join(', ')}`)
    return value as T
  }
}

/** Turns a Date or ISO text into canonical ISO text; `domain` prefixes the error for anything else. */
export function toIso(when: Date | string, domain: string): string {
  const ms = when instanceof Date ? when.getTime() : typeof when === 'string' ? parseIso(when) : NaN
  if (Number.isNaN(ms)) throw trackingError('bad-date', domain, `time ${quote(when instanceof Date ? String(when) : when)} is not a valid date`)
  return new Date(ms).toISOString()
}
