/**
 * The model server as a Fastify instance: MLflow and Open Inference
 * Protocol routes over the model store, /metrics, one JSON error shape,
 * one log line per request. Building it does not listen, so tests drive it
 * with `inject`; cli/serve.ts listens and handles signals.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { DriftMonitor } from './drift-monitor'
import { registerDriftMetrics } from './drift-metrics'
import type { DriftWindowLimits } from './drift-window'
import { HttpError, handleError, sendError } from './errors'
import { logRequest, ServerLogController, type ServerLogger } from './logging'
import { route } from './method-routes'
import { ServerMetrics } from './metrics'
import { mlflowRoutes } from './mlflow-routes'
import { oipRoutes } from './oip-routes'
import type { ServerContext } from './prediction'
import type { ModelSnapshot } from './served-model'

/** Default largest request body: 10 MB. */
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024

export interface ServerOptions {
  /** The models (a ModelStore, or anything holding a snapshot). */
  store: { readonly snapshot: ModelSnapshot; onSwap?(listener: (snapshot: ModelSnapshot) => void): unknown }
  logger: ServerLogger
  /** Largest request body in bytes; larger is 413. */
  bodyLimit?: number
  version?: string
  /** Node process metrics (CPU, memory, event loop) in /metrics; on by default. */
  processMetrics?: boolean
  /** The live drift window's limits (rows 0: no live drift); DEFAULT_DRIFT_WINDOW when omitted. */
  driftWindow?: DriftWindowLimits
  /** Time source of the drift windows (tests). */
  clock?: () => number
}

/** Builds the server (routes, parsers, hooks) without listening. */
export async function buildServer(options: ServerOptions): Promise<{ app: FastifyInstance; metrics: ServerMetrics; drift: DriftMonitor }> {
  const metrics = new ServerMetrics({ processMetrics: options.processMetrics })
  const drift = new DriftMonitor(options.logger, options.driftWindow, options.clock)
  registerDriftMetrics(metrics.registry, drift)
  const ctx: ServerContext = { store: options.store, metrics, drift, version: options.version ?? '0.0.0' }
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new ServerLogController(),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
    // A malformed URL or header is the client's error: the same JSON shape as every other.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
  })

  metrics.setModels(options.store.snapshot)
  drift.setModels(options.store.snapshot)
  options.store.onSwap?.((snapshot) => {
    metrics.setModels(snapshot)
    drift.setModels(snapshot)
  })

  // Fastify reads text/plain by default; the protocols take JSON (and CSV on /invocations) only.
  app.removeContentTypeParser('text/plain')
  app.setErrorHandler(handleError)
  app.setNotFoundHandler((request, reply) => {
    sendError(new HttpError(404, 'not-found', `no route ${request.method} ${request.url.split('?')[0].slice(0, 200)}; see the README's serving section for the routes`, { expected: 'a known route' }), request, reply)
  })
  // While closing (SIGTERM), in-flight answers close their connection, so the drain ends with the last of them.
  let closing = false
  app.addHook('preClose', (done) => {
    closing = true
    done()
  })
  // Callback-style hooks: no promise per request on the hot path.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close')
    done(null, payload)
  })
  app.addHook('onResponse', (request, reply, done) => {
    const path = request.routeOptions.url ?? 'unmatched'
    metrics.observeRequest(request.method, path, reply.statusCode, reply.elapsedTime / 1000)
    logRequest(request, reply, path)
    done()
  })

  route(app, '/metrics', {
    GET: async (_request, reply) => reply.type(metrics.contentType).send(await metrics.text()),
  })
  await app.register(async (scope) => mlflowRoutes(scope, ctx))
  await app.register(async (scope) => oipRoutes(scope, ctx))
  return { app, metrics, drift }
}
