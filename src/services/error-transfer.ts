import * as Comlink from 'comlink'
import { InputError, type InputErrorCode } from '../core/bundle/input-error'
import { CancelledError, StudioError } from '../core/errors'

/**
 * Errors thrown in a worker reach the page through comlink's "throw" transfer
 * handler, which keeps only message, name and stack: a StudioError arrived as
 * a plain Error without its `code`, so the page could not tell a refused
 * recipe from a damaged file. This handler carries the code too and rebuilds
 * StudioError and CancelledError on the receiving side, so `instanceof` and
 * `error.code` work on the page as in the worker.
 *
 * Both ends must install it: the page through worker-handle.ts, each worker by
 * importing this module. Installing twice is harmless.
 */

interface WireError {
  isError: true
  /** `input` holds an InputError's row, column and what was expected (a prediction request the Predictor refused). */
  value: { message: string; name: string; stack?: string; code?: string; input?: { row: number | null; column: string | null; expected: string } }
}

interface WireValue {
  isError: false
  value: unknown
}

type Wire = WireError | WireValue

/** Rebuilds the error a worker threw, as its own class when the studio knows it. */
export function errorFromWire(wire: WireError['value']): Error {
  const error =
    wire.name === 'InputError' && typeof wire.code === 'string' && wire.input
      ? new InputError(wire.code as InputErrorCode, wire.message, wire.input)
      : wire.name === 'StudioError' && typeof wire.code === 'string'
      ? new StudioError(wire.code, wire.message)
      : wire.name === 'CancelledError'
        ? new CancelledError(wire.message)
        : Object.assign(new Error(wire.message), { name: wire.name }, typeof wire.code === 'string' ? { code: wire.code } : {})
  if (wire.stack) error.stack = wire.stack
  return error
}

/** What crosses the boundary for a thrown value: an Error's fields, its string `code` included. */
export function errorToWire(value: unknown): Wire {
  if (!(value instanceof Error)) return { isError: false, value }
  const code = (value as { code?: unknown }).code
  const input = value instanceof InputError ? { input: { row: value.row, column: value.column, expected: value.expected } } : {}
  return { isError: true, value: { message: value.message, name: value.name, stack: value.stack, ...(typeof code === 'string' ? { code } : {}), ...input } }
}

let installed = false

/** Replaces comlink's "throw" handler with one that keeps error codes (idempotent). */
export function installErrorTransfer(): void {
  if (installed) return
  const original = Comlink.transferHandlers.get('throw')
  if (!original) throw new Error('comlink has no "throw" transfer handler to extend; check the comlink version')
  const handler: Comlink.TransferHandler<{ value: unknown }, Wire> = {
    canHandle: (value): value is { value: unknown } => original.canHandle(value),
    serialize: ({ value }) => [errorToWire(value), []],
    deserialize: (wire) => {
      throw wire.isError ? errorFromWire(wire.value) : wire.value
    },
  }
  Comlink.transferHandlers.set('throw', handler as Comlink.TransferHandler<unknown, unknown>)
  installed = true
}

installErrorTransfer()
