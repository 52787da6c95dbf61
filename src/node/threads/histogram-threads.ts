/**
 * The threaded histogram kernel in Node. `useThreads(n)` starts n - 1 helper
 * threads (worker_threads running histogram-thread.ts) over one shared
 * memory, waits until they serve, and makes every later tree fit in this
 * process build its histograms on n threads, this one included. Helpers live
 * as long as the process and never keep it alive (unref). Models are the
 * same bits on any n; if the helpers cannot start, fits stay on one thread
 * and the returned note says why.
 */
import { availableParallelism } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import { configureHistogramKernel } from '../../core/model/tree/kernel/default-kernel'
import { threadedMemory, threadSplitter, type ThreadedMemory } from '../../core/model/tree/kernel/parallel'
import { histogramModule, wasmKernel, type KernelOptions } from '../../core/model/tree/kernel/wasm-kernel'
import type { HistogramKernel } from '../../core/model/tree/kernel/workspace'
import { startWorker } from './start-worker'
import { nodeForestThreads, startForestThreads } from './forest-threads'
import { configureForestThreads } from '../../core/model/tree/forest-threads'

const FROM_TYPESCRIPT = import.meta.url.endsWith('.ts')
/** How long helpers may take to start (loading TypeScript through tsx on a busy machine takes seconds). */
const START_TIMEOUT_MS = 60_000

const startHelper = (): Worker => startWorker(new URL('./histogram-thread', import.meta.url), FROM_TYPESCRIPT)

/** Starts `count` helpers over a fresh shared memory and resolves once all serve it. */
async function startHelpers(count: number): Promise<ThreadedMemory> {
  const module = histogramModule(true)
  const shared = module ? threadedMemory(module, count) : null
  if (!shared) throw new Error('this Node has no shared WebAssembly memory')
  const workers = Array.from({ length: count }, startHelper)
  let failure: Error | null = null
  workers.forEach((worker, i) => {
    worker.once('error', (error) => (failure ??= error))
    worker.once('exit', (code) => (failure ??= new Error(`a helper thread exited with code ${code}`)))
    worker.postMessage(shared.setup(i + 1))
  })
  const started = Date.now()
  while (!shared.ready() && !shared.failed() && !failure) {
    if (Date.now() - started > START_TIMEOUT_MS) failure = new Error(`helper threads did not start within ${START_TIMEOUT_MS / 1000} s`)
    else await sleep(2)
  }
  if (failure || shared.failed()) {
    await Promise.all(workers.map((worker) => worker.terminate()))
    throw failure ?? new Error('a helper thread could not load the kernel')
  }
  for (const worker of workers) worker.removeAllListeners()
  return shared
}

const helperSets = new Map<number, Promise<ThreadedMemory>>()

/** The threads a fit uses unless told otherwise: every core this process may use. */
export function defaultThreads(): number {
  return availableParallelism()
}

/**
 * A kernel building on `threads` threads (helpers started and serving), the
 * single-thread WebAssembly kernel for 1, or null without WebAssembly.
 */
export async function nodeHistogramKernel(threads: number, options: KernelOptions = {}): Promise<HistogramKernel | null> {
  if (threads <= 1) return wasmKernel(null, options)
  const helpers = threads - 1
  let set = helperSets.get(helpers)
  if (!set) {
    set = startHelpers(helpers)
    helperSets.set(helpers, set)
    set.catch(() => helperSets.delete(helpers))
  }
  return wasmKernel(threadSplitter(await set), options)
}

/**
 * Makes later fits in this process use `threads` threads: tree histograms
 * (boosting, decision tree) and a forest's trees. Returns the histogram
 * kernel's name, and a note when fits stay on one thread.
 */
export async function useThreads(threads: number): Promise<{ kernel: string; note?: string }> {
  configureForestThreads(threads > 1 ? nodeForestThreads(threads) : null)
  try {
    // Forest helpers load now, not inside the first forest fit.
    await startForestThreads(threads)
    const kernel = await nodeHistogramKernel(threads)
    configureHistogramKernel(kernel)
    return { kernel: kernel?.name ?? 'typescript' }
  } catch (error) {
    configureForestThreads(null)
    const single = wasmKernel()
    configureHistogramKernel(single)
    return { kernel: single?.name ?? 'typescript', note: `histogram helper threads could not start (${error instanceof Error ? error.message : String(error)}); fitting on one thread` }
  }
}
