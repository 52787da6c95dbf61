/**
 * A server under test: the real app (buildServer) over a real ModelStore on
 * a temporary directory, with its log lines collected in memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { buildServer } from '../../../../../src/node/server/app'
import { createLogger, type ServerLogger } from '../../../../../src/node/server/logging'
import type { DriftMonitor } from '../../../../../src/node/server/drift-monitor'
import type { DriftWindowLimits } from '../../../../../src/node/server/drift-window'
import type { ServerMetrics } from '../../../../../src/node/server/metrics'
import { ModelStore } from '../../../../../src/node/server/model-store'
import { tempDir } from './bundles'

/** Log lines written to memory, parsed on demand. */
export class LogCapture {
  text = ''
  readonly stream = new Writable({
    write: (chunk, _encoding, done) => {
      this.text += String(chunk)
      done()
    },
  })

  lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
  }
}

export interface TestServer {
  app: FastifyInstance
  store: ModelStore
  metrics: ServerMetrics
  drift: DriftMonitor
  logs: LogCapture
  logger: ServerLogger
  dir: string
  close(): Promise<void>
}

/** Writes `files` (name → bundle JSON) into a new directory and serves it. */
export async function serveBundles(files: Record<string, unknown>, options: { bodyLimit?: number; single?: string; processMetrics?: boolean; driftWindow?: DriftWindowLimits } = {}): Promise<TestServer> {
  const { dir, remove } = tempDir('serve')
  for (const [name, json] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), JSON.stringify(json))
  }
  const logs = new LogCapture()
  const logger = createLogger({ level: 'debug', destination: logs.stream })
  const store = await ModelStore.open(options.single ? join(dir, options.single) : dir, { logger, rescanMs: 0 })
  const { app, metrics, drift } = await buildServer({
    store,
    logger,
    bodyLimit: options.bodyLimit,
    version: '9.9.9',
    processMetrics: options.processMetrics ?? false,
    driftWindow: options.driftWindow,
  })
  await app.ready()
  return {
    app,
    store,
    metrics,
    drift,
    logs,
    logger,
    dir,
    close: async () => {
      store.close()
      await app.close()
      remove()
    },
  }
}

/** A bundle with registry metadata (as the registry's "Export for server" writes it). */
export function withRegistryMeta(bundle: Record<string, unknown>, name: string, version: number, stage: string): Record<string, unknown> {
  return { ...bundle, registry: { name, version, stage, exportedAt: '2026-01-01T00:00:00.000Z' } }
}
