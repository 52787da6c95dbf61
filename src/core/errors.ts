/**
 * Errors the studio raises for bad input. The message always names the bad
 * value and what was expected, prefixed with the domain ("csv: ..."): that
 * technical message is what the CLI prints, logs keep and tests match.
 * `code` lets the page and tests tell kinds of problem apart without parsing
 * text. People on the page read `userMessage(error)` (core/user-message.ts)
 * instead: the same facts as a plain sentence. Codes cross the worker boundary
 * (services/error-transfer.ts), so the page sees the code a worker threw.
 */
export class StudioError extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.name = 'StudioError'
    this.code = code
  }
}

/** Thrown when work is cancelled through an AbortSignal. */
export class CancelledError extends Error {
  constructor(message = 'cancelled by the user') {
    super(message)
    this.name = 'CancelledError'
  }
}

/** Throws CancelledError when `signal` has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError()
}

/** The `code` of a StudioError (or of anything carrying a string code, e.g. a storage error), else null. */
export function errorCode(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && code !== '' ? code : null
}

/** The technical message of anything thrown. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'object' && error && 'message' in error) return String((error as { message: unknown }).message)
  return String(error)
}
