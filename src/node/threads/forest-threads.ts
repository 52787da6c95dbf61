/**
 * A random forest's helper threads in Node (forest-thread.ts): started on
 * first use, kept for the process's life (unref), each growing one range of
 * trees at a time. See core's forest-threads.ts.
 */
import type { Worker } from 'node:worker_threads'
import { StudioError } from '../../core/errors'
import type { ForestThreads } from '../../core/model/tree/forest-threads'
import type { ForestPart } from '../../core/model/tree/random-forest'
import { startWorker } from './start-worker'

type Reply = { id: number; part: ForestPart } | { id: number; error: { code: string; message: string } }

const pools = new Map<number, Worker[]>()
let nextId = 0
let turn = 0

function helpers(count: number): Worker[] {
  let pool = pools.get(count)
  if (!pool) {
    pool = Array.from({ length: count }, () => startWorker(new URL('./forest-thread', import.meta.url), import.meta.url.endsWith('.ts')))
    pools.set(count, pool)
  }
  return pool
}

/** Forest threads for fits on `threads` threads (threads - 1 helpers). */
export function nodeForestThreads(threads: number): ForestThreads {
  return {
    threads,
    allocate: (bytes) => new SharedArrayBuffer(bytes),
    grow(inputs, from, to) {
      const pool = helpers(threads - 1)
      const worker = pool[turn++ % pool.length]
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
        // Keep the process alive while a range is growing (the fit awaits it).
        worker.ref()
        worker.postMessage({ id, inputs, from, to })
      })
    },
  }
}
