/**
 * The in-browser half of `npm run bench -- drift`: runs the drift report in a
 * module Web Worker (as the Monitor page does) and watches the main thread's
 * heartbeat meanwhile, which must stay free.
 */
import type { DriftTiming } from './drift-timing'

interface PageResult extends DriftTiming {
  /** Fetching the files and building the tables in the worker (not part of the timed report). */
  loadSeconds: number
  longestStallMs: number
}

function run(referenceRows: number, repeats: number): Promise<PageResult> {
  const worker = new Worker(new URL('./drift-bench.worker.ts', import.meta.url), { type: 'module' })
  let last = performance.now()
  let longest = 0
  const timer = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 10)
  return new Promise<PageResult>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<DriftTiming & { loadSeconds: number; error?: string }>) => {
      if (event.data.error) reject(new Error(event.data.error))
      else resolve({ ...event.data, longestStallMs: Math.max(0, Math.round(longest - 10)) })
    })
    worker.addEventListener('error', (event) => reject(new Error(`drift bench worker failed to load: ${event.message}`)))
    worker.postMessage({ referenceRows, repeats })
  }).finally(() => {
    clearInterval(timer)
    worker.terminate()
  })
}

Object.assign(window, { bench: { run } })
document.getElementById('status')!.textContent = 'ready'
