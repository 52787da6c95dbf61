/**
 * Structured JSON logs (pino): one line per answered request and one per
 * model event. Patient values never reach the log by default: requests are
 * logged by route pattern, status, timing and model, never by body or raw
 * URL, and errors by code and position, never by message (a message can
 * quote a cell, errors.ts). The logging test sends a distinctive value
 * through every path and checks it is absent.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'
import { pino, type DestinationStream, type Logger } from 'pino'

export type ServerLogger = Logger

export interface LoggerOptions {
  level?: string
  /** Where lines go (tests pass a collecting stream); stdout, asynchronously buffered, by default. */
  destination?: DestinationStream
}

/** How often buffered log lines are written out at the latest (stdout is written in 4 KB batches under load). */
const LOG_FLUSH_MS = 1000

/** The server's logger: JSON lines with ISO time and the level as a word. */
export function createLogger(options: LoggerOptions = {}): ServerLogger {
  if (options.destination) return pinoLogger(options.level, options.destination)
  // Under load one write per request line costs a system call each; batch them, and flush at least every second.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 })
  setInterval(() => destination.flush(), LOG_FLUSH_MS).unref()
  return pinoLogger(options.level, destination)
}

function pinoLogger(level: string | undefined, destination: DestinationStream): ServerLogger {
  return pino(
    {
      level: level ?? 'info',
      base: { service: 'clinical-ml-studio-server', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Fastify's request serializer would log the raw URL; keep the method and route pattern only.
      serializers: { req: (req: { method?: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url }) },
    },
    destination,
  )
}

/** What a prediction route adds to its request's log line. */
export interface RequestFacts {
  model?: string
  version?: string
  rows?: number
}

const FACTS = Symbol('studio.requestFacts')

/** Attaches model facts to the request, for its log line. */
export function setRequestFacts(request: FastifyRequest, facts: RequestFacts): void {
  ;(request as FastifyRequest & { [FACTS]?: RequestFacts })[FACTS] = facts
}

/** The one log line per answered request: route pattern, status, time, model; no body, no query, no raw URL. */
export function logRequest(request: FastifyRequest, reply: FastifyReply, route: string): void {
  const facts = (request as FastifyRequest & { [FACTS]?: RequestFacts })[FACTS]
  request.log.info(
    { method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 1000) / 1000, ...facts },
    'request answered',
  )
}

/**
 * Fastify's own log lines: no per-request lines (logRequest writes ours),
 * and its error lines by error name and code only, never by message.
 */
export class ServerLogController extends LogController {
  constructor() {
    super({ disableRequestLogging: true })
  }

  override defaultErrorLog(error: Error, request: FastifyRequest): void {
    request.log.error(errorFacts(error), 'request failed')
  }

  override streamError(error: Error, request: FastifyRequest): void {
    request.log.warn(errorFacts(error), 'response stream failed')
  }

  override writeHeadError(error: Error, request: FastifyRequest): void {
    request.log.warn(errorFacts(error), 'writing the response head failed')
  }

  override serializerError(error: Error, request: FastifyRequest): void {
    request.log.error(errorFacts(error), 'serialising the response failed')
  }
}

function errorFacts(error: Error): Record<string, unknown> {
  return { error_name: error?.name, error_code: (error as { code?: unknown })?.code }
}
