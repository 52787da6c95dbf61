/**
 * The training worker's threaded histogram kernel: `useThreads(n)` starts
 * n - 1 helper workers (histogram-thread.worker.ts) over one shared memory,
 * waits until they serve it, and makes this worker's later tree fits build
 * histograms on n threads. Threads share memory only on a cross-origin
 * isolated page (COOP/COEP headers, see the README); elsewhere, or if a
 * helper cannot start, fits stay on one thread and the answer says why.
 * Models are the same bits on any thread count.
 */
import { configureHistogramKernel } from '../src/core/model/tree/kernel/default-kernel'
import { threadedMemory, threadSplitter, type ThreadedMemory } from '../src/core/model/tree/kernel/parallel'
import { histogramModule, wasmKernel } from '../src/core/model/tree/kernel/wasm-kernel'

/** What a training worker can use, for the Train page. */
export interface ComputeInfo {
  threads: number
  kernel: string
  /** Why fits use fewer threads than asked, in plain words. */
  note?: string
}

/** How long helpers may take to load and start serving. */
const START_TIMEOUT_MS = 30_000

let helpers: Worker[] = []

function single(note?: string): ComputeInfo {
  const kernel = wasmKernel()
  configureHistogramKernel(kernel)
  return { threads: 1, kernel: kernel?.name ?? 'typescript', note }
}

async function startHelpers(count: number): Promise<ThreadedMemory> {
  const module = histogramModule(true)
  const shared = module ? threadedMemory(module, count) : null
  if (!shared) throw new Error('this browser has no shared WebAssembly memory')
  let failure: string | null = null
  helpers = Array.from({ length: count }, (_, i) => {
    const worker = new Worker(new URL('./histogram-thread.worker.ts', import.meta.url), { type: 'module', name: 'histogram-helper' })
    worker.onerror = (event) => void (failure ??= event.message || 'a helper worker failed to load')
    worker.postMessage(shared.setup(i + 1))
    return worker
  })
  const started = Date.now()
  while (!shared.ready() && !shared.failed() && failure === null) {
    if (Date.now() - started > START_TIMEOUT_MS) failure = `helper workers did not start within ${START_TIMEOUT_MS / 1000} s`
    else await new Promise((resolve) => setTimeout(resolve, 5))
  }
  if (failure !== null || shared.failed()) throw new Error(failure ?? 'a helper worker could not load the kernel')
  return shared
}

export async function useThreads(threads: number): Promise<ComputeInfo> {
  for (const worker of helpers) worker.terminate()
  helpers = []
  if (threads <= 1) return single()
  if (!self.crossOriginIsolated) return single('this page is not cross-origin isolated (its server sends no COOP/COEP headers), so the browser allows no shared memory between threads')
  try {
    const kernel = wasmKernel(threadSplitter(await startHelpers(threads - 1)))
    if (!kernel) return single('this browser has no WebAssembly with SIMD')
    configureHistogramKernel(kernel)
    return { threads, kernel: kernel.name }
  } catch (error) {
    for (const worker of helpers) worker.terminate()
    helpers = []
    return single(`helper threads could not start (${error instanceof Error ? error.message : String(error)})`)
  }
}
