import * as Comlink from 'comlink'
import { StudioError } from '../core/errors'
import { installErrorTransfer } from './error-transfer'

// Errors a worker throws keep their StudioError code on the way back (see error-transfer.ts).
installErrorTransfer()

/** Codes of the errors a worker's death raises (the pool replaces a worker that failed with one of them). */
export const WORKER_FAILURE_CODES: ReadonlySet<string> = new Set(['worker-stopped', 'worker-message-unreadable'])

/**
 * A comlink-wrapped worker whose load failure or crash rejects pending calls
 * instead of leaving them waiting forever (comlink alone never hears about a
 * worker that failed to load).
 */
export interface WorkerHandle<T> {
  api: Comlink.Remote<T>
  /** Rejects when the worker fails to load or crashes. */
  failed: Promise<never>
  terminate(): void
}

export function startWorker<T>(create: () => Worker, label: string): WorkerHandle<T> {
  const worker = create()
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault()
      reject(new StudioError('worker-stopped', `${label} stopped unexpectedly${event.message ? ` (${event.message})` : ''}; please try again`))
    })
    worker.addEventListener('messageerror', () => reject(new StudioError('worker-message-unreadable', `${label} sent a message the page could not read; please try again`)))
  })
  failed.catch(() => undefined) // observed by callers through race(); avoid an unhandled rejection otherwise
  return { api: Comlink.wrap<T>(worker), failed, terminate: () => worker.terminate() }
}

/** Resolves with `call`, or rejects if the worker dies first. */
export function race<R>(handle: WorkerHandle<unknown>, call: Promise<R>): Promise<R> {
  return Promise.race([call, handle.failed])
}
