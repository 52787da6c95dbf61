/**
 * The training worker's threaded histogram kernel: `useThreads(n)` starts
 * n - 1 helper workers (histogram-thread.worker.ts), waits until they are
 * ready and makes this worker's later tree fits build histograms on n
 * threads. Threads share memory, which browsers allow only on a
 * cross-origin-isolated page (COOP/COEP headers, see the README); elsewhere,
 * or if a helper cannot start, fits stay on one thread and the answer says
 * why. Models are the same bits on any thread count.
 */
import { configureHistogramKernel } from '../src/core/model/tree/kernel/default-kernel'
import { threadSplitter } from '../src/core/model/tree/kernel/parallel'
import { wasmKernel } from '../src/core/model/tree/kernel/wasm-kernel'

/** What a training worker can use, for the Train page. */
export interface ComputeInfo {
  threads: number
  kernel: string
  /** Why fits use fewer threads than asked, in plain words. */
  note?: string
}

function startHelper(): Promise<Worker> {
  const worker = new Worker(new URL('./histogram-thread.worker.ts', import.meta.url), { type: 'module', name: 'histogram-helper' })
  return new Promise((resolve, reject) => {
    worker.onmessage = () => resolve(worker)
    worker.onerror = (event) => {
      worker.terminate()
      reject(new Error(event.message || 'a helper worker failed to load'))
    }
  })
}

let helpers: Worker[] = []

function single(note?: string): ComputeInfo {
  const kernel = wasmKernel()
  configureHistogramKernel(kernel)
  return { threads: 1, kernel: kernel?.name ?? 'typescript', note }
}

export async function useThreads(threads: number): Promise<ComputeInfo> {
  for (const worker of helpers) worker.terminate()
  helpers = []
  if (threads <= 1) return single()
  if (!self.crossOriginIsolated) return single('this page is not cross-origin isolated (its server sends no COOP/COEP headers), so the browser allows no shared memory between threads')
  const started = await Promise.allSettled(Array.from({ length: threads - 1 }, startHelper))
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) {
    for (const s of started) if (s.status === 'fulfilled') s.value.terminate()
    return single(`helper threads could not start (${failed.reason instanceof Error ? failed.reason.message : String(failed.reason)})`)
  }
  helpers = started.map((s) => (s as PromiseFulfilledResult<Worker>).value)
  const set = helpers
  for (const worker of set) worker.onmessage = null
  const kernel = wasmKernel(threadSplitter(threads - 1, (index, binding) => set[index - 1].postMessage(binding)))
  if (!kernel) return single('this browser has no WebAssembly with SIMD and shared memory')
  configureHistogramKernel(kernel)
  return { threads, kernel: kernel.name }
}
