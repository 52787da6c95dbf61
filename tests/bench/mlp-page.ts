/**
 * The in-browser half of the engine bench's neural-net comparison: fits in a
 * module Web Worker, as the Train page does, and answers with the worker's result.
 */
import type { PageFitRequest, PageFitResult } from './mlp-bench-types'

function fit(request: PageFitRequest): Promise<PageFitResult> {
  const worker = new Worker(new URL('./mlp-bench.worker.ts', import.meta.url), { type: 'module' })
  return new Promise<PageFitResult>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<PageFitResult & { error?: string }>) => {
      if (event.data.error) reject(new Error(event.data.error))
      else resolve(event.data)
    })
    // Without this a worker that fails to load leaves the promise waiting forever.
    worker.addEventListener('error', (event) => reject(new Error(`mlp bench worker failed: ${event.message}`)))
    worker.postMessage(request)
  }).finally(() => worker.terminate())
}

Object.assign(window, { bench: { fit } })
document.getElementById('status')!.textContent = 'ready'
