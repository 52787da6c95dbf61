/**
 * A random forest's helper workers in the training worker
 * (forest-thread.worker.ts), each binning blocks of a fit's columns and
 * growing the trees it claims from the fit's shared queue, over inputs in
 * shared memory; see core's forest-threads.ts. Needs a
 * cross-origin-isolated page, like the histogram threads; `useForestThreads`
 * is called by the training worker with the same thread count.
 */
import { StudioError } from '../src/core/errors'
import { configureForestThreads, type ForestThreads } from '../src/core/model/tree/forest-threads'
import type { ClaimedColumns } from '../src/core/model/tree/column-binning'
import type { ForestPart } from '../src/core/model/tree/random-forest'
import type { ForestRequest } from './forest-thread.worker'

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
type Reply = { id: number; part: ForestPart } | { id: number; bins: ClaimedColumns } | { id: number; error: { code: string; message: string } }

let helpers: Worker[] = []
let nextId = 0
let turn = 0

function pageForestThreads(threads: number): ForestThreads {
  helpers = Array.from({ length: threads - 1 }, () => new Worker(new URL('./forest-thread.worker.ts', import.meta.url), { type: 'module', name: 'forest-helper' }))
  const pool = helpers
  /** Posts `request` (less its id) to the next helper and resolves with the reply's result. */
  function ask<T>(request: DistributiveOmit<ForestRequest, 'id'>, result: (reply: Reply) => T | undefined): Promise<T> {
    const worker = pool[turn++ % pool.length]
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      const onMessage = (event: MessageEvent<Reply>): void => {
        if (event.data.id !== id) return
        done()
        const reply = event.data
        const value = result(reply)
        if (value !== undefined) resolve(value)
        else if ('error' in reply) reject(new StudioError(reply.error.code, reply.error.message))
        else reject(new StudioError('forest-thread-failed', 'training: a forest helper answered with something else than asked; train again'))
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
      worker.postMessage({ ...request, id })
    })
  }
  return {
    threads,
    allocate: (bytes) => new SharedArrayBuffer(bytes),
    grow: (inputs, queue) => ask({ inputs, queue }, (reply) => ('part' in reply ? reply.part : undefined)),
    bin: (X, queue, block, out, options) => ask({ X, queue, block, out, options }, (reply) => ('bins' in reply ? reply.bins : undefined)),
  }
}

/** Later forest fits in this worker grow on `threads` threads (1, or a page that is not isolated: this one alone). */
export function useForestThreads(threads: number): void {
  for (const worker of helpers) worker.terminate()
  helpers = []
  configureForestThreads(threads > 1 && self.crossOriginIsolated ? pageForestThreads(threads) : null)
}
