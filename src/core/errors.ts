/**
 * Errors the studio raises for bad input. The message always names the bad
 * value and what was expected, prefixed with the domain ("csv: ...").
 * `code` lets the page and tests tell kinds of problem apart without parsing text.
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
