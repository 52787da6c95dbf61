/**
 * Running the server as a process: open the model store, build the app,
 * listen, and on SIGTERM/SIGINT stop taking connections, let in-flight
 * requests finish (up to a drain limit), and exit 0.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildServer } from './app'
import type { DriftWindowLimits } from './drift-window'
import type { ServerLogger } from './logging'
import { ModelStore } from './model-store'

export interface RunOptions {
  model: string
  host: string
  port: number
  bodyLimit: number
  logger: ServerLogger
  /** Seconds between rescans of the model files when no watch event comes. */
  rescanSeconds: number
  /** Longest wait for in-flight requests on shutdown before closing their connections. */
  drainSeconds: number
  /** The live drift window per model version (rows 0: off). */
  driftWindow?: DriftWindowLimits
}

export interface RunningServer {
  url: string
  port: number
  /** Resolves with the exit code once the server has shut down (after a signal or `stop`). */
  closed: Promise<number>
  stop(reason: string): void
}

/** Opens the models, listens, and wires SIGTERM/SIGINT to a graceful shutdown. */
export async function runServer(options: RunOptions): Promise<RunningServer> {
  const { logger } = options
  const store = await ModelStore.open(options.model, { logger, rescanMs: options.rescanSeconds * 1000 })
  const { app } = await buildServer({ store, logger, bodyLimit: options.bodyLimit, version: studioVersion(), driftWindow: options.driftWindow })
  await app.listen({ host: options.host, port: options.port, listenTextResolver: () => 'listening' })
  store.watch()
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`
  const snapshot = store.snapshot
  logger.info(
    { url, port, models: snapshot.all().map((m) => `${m.name}@${m.version}`), startup_ms: Math.round(performance.now()) },
    snapshot.ready ? 'ready' : 'listening without a model; waiting for bundles',
  )
  // Log lines are batched under load; the ready line is written now.
  logger.flush()

  let resolveClosed: (code: number) => void = () => undefined
  const closed = new Promise<number>((resolve) => (resolveClosed = resolve))
  let stopping = false
  const stop = (reason: string) => {
    if (stopping) return
    stopping = true
    logger.info({ reason }, 'shutting down: finishing in-flight requests')
    store.close()
    const timer = setTimeout(() => {
      logger.warn({ drain_seconds: options.drainSeconds }, 'in-flight requests did not finish in time; closing their connections')
      app.server.closeAllConnections()
    }, options.drainSeconds * 1000)
    timer.unref()
    app.close().then(
      () => {
        clearTimeout(timer)
        logger.info({}, 'stopped')
        logger.flush()
        resolveClosed(0)
      },
      (error: unknown) => {
        logger.error({ error_name: (error as Error)?.name }, 'shutdown failed')
        logger.flush()
        resolveClosed(1)
      },
    )
  }
  const onSignal = (signal: NodeJS.Signals) => stop(signal)
  process.once('SIGTERM', onSignal)
  process.once('SIGINT', onSignal)
  void closed.then(() => {
    process.off('SIGTERM', onSignal)
    process.off('SIGINT', onSignal)
  })
  return { url, port, closed, stop }
}

/** The studio's version from the nearest package.json above this module (source tree or dist-server/). */
export function studioVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'clinical-ml-studio' && pkg.version) return pkg.version
    } catch {
      // not here; look one level up
    }
    dir = dirname(dir)
  }
  return '0.0.0'
}
