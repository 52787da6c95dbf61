/**
 * A random forest's helper threads in Node (forest-thread.ts): started on
 * first use, kept for the process's life (unref), each growing the trees it
 * claims from a fit's shared queue. See core's forest-threads.ts.
 */
import type { Worker } from 'node:worker_threads'
import { StudioError } from '../../core/errors'
import type { ForestThreads } from '../../core/model/tree/forest-threads'
import type { ForestPart } from '../../core/model/tree/random-forest'
import { startWorker } from './start-worker'

type Reply = { id: number; part: ForestPart } | { id: number; error: { code: string; message: string } }

const pools = new Map<number, { workers: Worker[]; ready: Promise<void>; loaded: boolean }>()
let nextId = 0
let turn = 0

/** `count` helpers, started on first use; `ready` resolves once each has loaded (from TypeScript sources that takes a second or more). */
function helpers(count: number): { workers: Worker[]; ready: Promise<void>; loaded: boolean } {
  let pool = pools.get(count)
  if (!pool) {
    const workers = Array.from({ length: count }, () => startWorker(new URL('./forest-thread', import.meta.url), import.meta.url.endsWith('.ts')))
    const ready = Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.once('message', () => resolve())
            worker.once('error', reject)
          }),
      ),
    ).then(() => undefined)
    const entry = { workers, ready, loaded: false }
    ready.then(
      () => void (entry.loaded = true),
      () => pools.delete(count),
    )
    pool = entry
    pools.set(count, pool)
  }
  return pool
}

/** Starts the helpers for fits on `threads` threads and resolves once they are ready, so no fit waits for them to load. */
export function startForestThreads(threads: number): Promise<void> {
  return threads > 1 ? helpers(threads - 1).ready : Promise.resolve()
}

/** Forest threads for fits on `threads` threads (threads - 1 helpers). */
export function nodeForestThreads(threads: number): ForestThreads {
  return {
    threads,
    allocate: (bytes) => new SharedArrayBuffer(bytes),
    async grow(inputs, queue) {
      const pool = helpers(threads - 1)
      // Posted at once when the helpers are loaded: the fit then grows its own trees without
      // yielding, and a post deferred behind an await would only leave after it.
      if (!pool.loaded) await pool.ready
      const worker = pool.workers[turn++ % pool.workers.length]
      const id = nextId++
      return new Promise<ForestPart>((resolve, reject) => {
        const onMessage = (reply: Reply): void => {
          if (reply.id !== id) return
          done()
          if ('part' in reply) resolve(reply.part)
          else reject(new StudioError(reply.error.code, reply.error.message))
        }
        const onError = (error: Error): void => {
          done()
          pools.delete(threads - 1)
          reject(new StudioError('forest-thread-failed', `training: a forest helper thread failed (${error.message}); train again, or on one thread`))
        }
        const done = (): void => {
          worker.off('message', onMessage)
          worker.off('error', onError)
          worker.unref()
        }
        worker.on('message', onMessage)
        worker.on('error', onError)
        // Keep the process alive while the helper grows (the fit awaits it).
        worker.ref()
        worker.postMessage({ id, inputs, queue })
      })
    },
  }
}
