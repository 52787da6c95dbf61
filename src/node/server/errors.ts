/**
 * Every error the server answers, as one JSON shape: `{ error_code, message,
 * row, column, expected }` (MLflow clients read `error_code` and `message`;
 * Open Inference Protocol clients read `error`, added on the /v2 routes).
 * Bad requests are 4xx with a code that says what was wrong; only a bug is a
 * 500, and the fuzz test holds that none is reachable from a request.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { InputError } from '../../core/bundle/input-error'
import { StudioError } from '../../core/errors'

/** The body of every error response. */
export interface ErrorBody {
  error_code: string
  message: string
  /** 0-based row of the request the problem is in, when it is about one row. */
  row: number | null
  /** The column (input name) the problem is in, when it is about one column. */
  column: string | null
  /** What the server expected instead, in words. */
  expected: string | null
  /** The same message, under the name the Open Inference Protocol uses (on /v2 routes only). */
  error?: string
}

/** A request the server refuses with `statusCode`, saying why. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly detail: { row?: number | null; column?: string | null; expected?: string | null; allow?: string } = {},
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/** A 400 about the shape of the request body (not about one cell). */
export function shapeError(message: string, expected: string, detail: { row?: number | null; column?: string | null } = {}): HttpError {
  return new HttpError(400, 'input-shape', message, { ...detail, expected })
}

/** The status a Fastify framework error maps to, keeping its 4xx and naming our own code. */
const FRAMEWORK_CODES: Record<string, { status: number; code: string; expected: string | null }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'body-not-json', expected: 'a JSON document' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'body-empty', expected: 'a JSON document' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body-too-large', expected: 'a smaller body (see --body-limit)' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported-media-type', expected: 'Content-Type application/json or text/csv' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad-content-length', expected: 'a Content-Length that matches the body' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'bad-content-type', expected: 'a Content-Type header' },
  FST_ERR_BAD_URL: { status: 400, code: 'bad-url', expected: 'a well-formed URL' },
}

/**
 * Turns anything thrown while answering into a status and a body. The
 * message of a body-parse error can quote the body (V8's JSON errors do), so
 * it is answered to the client, which sent it, but never logged (see logErrorFacts).
 */
export function errorResponse(error: unknown): { status: number; body: ErrorBody; allow?: string } {
  if (error instanceof HttpError) {
    const { row = null, column = null, expected = null } = error.detail
    return { status: error.statusCode, body: { error_code: error.code, message: error.message, row, column, expected }, allow: error.detail.allow }
  }
  if (error instanceof InputError) {
    return { status: 400, body: { error_code: error.code, message: error.message, row: error.row, column: error.column, expected: error.expected } }
  }
  if (error instanceof StudioError) {
    // Core refused the request's data (a CSV it cannot read, a value a rule refuses): the caller's to fix.
    return { status: 400, body: { error_code: error.code, message: error.message, row: null, column: null, expected: null } }
  }
  const fastifyError = error as Partial<FastifyError> | null
  const known = fastifyError?.code ? FRAMEWORK_CODES[fastifyError.code] : undefined
  if (known) {
    const message = `request: ${known.code.replace(/-/g, ' ')}${fastifyError?.message ? ` (${fastifyError.message})` : ''}`
    return { status: known.status, body: { error_code: known.code, message, row: null, column: null, expected: known.expected } }
  }
  const status = fastifyError?.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Another client error Fastify found (e.g. prototype poisoning in the JSON): keep its status.
    const code = (fastifyError?.code ?? 'bad-request').toLowerCase()
    return { status, body: { error_code: code, message: `request: ${fastifyError?.message ?? 'bad request'}`, row: null, column: null, expected: null } }
  }
  return { status: 500, body: { error_code: 'internal', message: 'server: internal error; the log has the details', row: null, column: null, expected: null } }
}

/**
 * What the log keeps of an error: its code, status and position, never its
 * message (which may quote patient values). Unexpected errors (500) keep their
 * stack without the first line, for the same reason.
 */
export function logErrorFacts(error: unknown, status: number, body: ErrorBody): Record<string, unknown> {
  const facts: Record<string, unknown> = { error_code: body.error_code, status }
  if (body.row !== null) facts.row = body.row
  if (body.column !== null) facts.column = body.column
  if (status >= 500 && error instanceof Error) {
    facts.error_name = error.name
    facts.stack = (error.stack ?? '').split('\n').slice(1).join('\n')
  }
  return facts
}

/** Fastify's error handler: one JSON shape for every failure, logged without values. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendError(error, request, reply)
}

/** Sends `error` as the JSON error body (adding `error` on /v2 routes and `Allow` on 405). */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body, allow } = errorResponse(error)
  if (request.url.startsWith('/v2')) body.error = body.message
  const facts = logErrorFacts(error, status, body)
  if (status >= 500) request.log.error(facts, 'request failed')
  else request.log.info(facts, 'request refused')
  if (allow) reply.header('allow', allow)
  void reply.code(status).type('application/json; charset=utf-8').send(body)
}
