/**
 * A random forest's helper workers in the training worker
 * (forest-thread.worker.ts), each growing the trees it claims from a fit's
 * shared queue, over inputs in shared memory; see core's forest-threads.ts. Needs a
 * cross-origin-isolated page, like the histogram threads; `useForestThreads`
 * is called by the training worker with the same thread count.
 */
import { StudioError } from '../src/core/errors'
import { configureForestThreads, type ForestThreads } from '../src/core/model/tree/forest-threads'
import type { ForestPart } from '../src/core/model/tree/random-forest'

type Reply = { id: number; part: ForestPart } | { id: number; error: { code: string; message: string } }

let helpers: Worker[] = []
let nextId = 0
let turn = 0

function pageForestThreads(threads: number): ForestThreads {
  helpers = Array.from({ length: threads - 1 }, () => new Worker(new URL('./forest-thread.worker.ts', import.meta.url), { type: 'module', name: 'forest-helper' }))
  const pool = helpers
  return {
    threads,
    allocate: (bytes) => new SharedArrayBuffer(bytes),
    grow(inputs, queue) {
      const worker = pool[turn++ % pool.length]
      const id = nextId++
      return new Promise<ForestPart>((resolve, reject) => {
        const onMessage = (event: MessageEvent<Reply>): void => {
          if (event.data.id !== id) return
          done()
          const reply = event.data
          if ('part' in reply) resolve(reply.part)
          else reject(new StudioError(reply.error.code, reply.error.message))
        }
        const onError = (event: ErrorEvent): void => {
          done()
          reject(new StudioError('forest-thread-failed', `training: a forest helper stopped (${event.message || 'it could not load'}); train again`))
        }
        const done = (): void => {
          worker.removeEventListener('message', onMessage)
          worker.removeEventListener('error', onError)
        }
        worker.addEventListener('message', onMessage)
        worker.addEventListener('error', onError)
        worker.postMessage({ id, inputs, queue })
      })
    },
  }
}

/** Later forest fits in this worker grow on `threads` threads (1, or a page that is not isolated: this one alone). */
export function useForestThreads(threads: number): void {
  for (const worker of helpers) worker.terminate()
  helpers = []
  configureForestThreads(threads > 1 && self.crossOriginIsolated ? pageForestThreads(threads) : null)
}
