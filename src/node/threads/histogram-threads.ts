/**
 * The threaded histogram kernel in Node. `useThreads(n)` starts n - 1 helper
 * threads (worker_threads running histogram-thread.ts), waits until they are
 * ready, and makes every later tree fit in this process build its histograms
 * on n threads, this one included. Helpers live as long as the process and
 * never keep it alive (unref). Models are the same bits on any n; if the
 * helpers cannot start, fits stay on one thread and the returned note says why.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { configureHistogramKernel } from '../../core/model/tree/kernel/default-kernel'
import { threadSplitter } from '../../core/model/tree/kernel/parallel'
import { wasmKernel } from '../../core/model/tree/kernel/wasm-kernel'
import type { HistogramKernel } from '../../core/model/tree/kernel/workspace'

const ENTRY = new URL(`./histogram-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)

/** A helper thread; from TypeScript sources (tsx) it registers tsx's loader first, which workers do not inherit. */
function startHelper(): Worker {
  if (!ENTRY.pathname.endsWith('.ts')) return new Worker(ENTRY)
  const loader = import.meta.resolve('tsx/esm/api')
  return new Worker(`import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY.href)}) })`, { eval: true })
}

/** Resolves once the helper said ready; rejects if it fails or exits first. */
function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve())
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`a helper thread exited with code ${code} before it was ready`)))
  })
}

const helperSets = new Map<number, Worker[]>()

async function helpersFor(count: number): Promise<Worker[]> {
  const known = helperSets.get(count)
  if (known) return known
  const set = Array.from({ length: count }, () => startHelper())
  try {
    await Promise.all(set.map(ready))
  } catch (error) {
    await Promise.all(set.map((worker) => worker.terminate()))
    throw error
  }
  for (const worker of set) {
    worker.removeAllListeners()
    worker.unref()
  }
  helperSets.set(count, set)
  return set
}

/** The threads a fit uses unless told otherwise: every core this process may use. */
export function defaultThreads(): number {
  return availableParallelism()
}

/**
 * A kernel building on `threads` threads (helpers started and ready), the
 * single-thread WebAssembly kernel for 1, or null without WebAssembly.
 */
export async function nodeHistogramKernel(threads: number): Promise<HistogramKernel | null> {
  if (threads <= 1) return wasmKernel()
  const helpers = threads - 1
  const set = await helpersFor(helpers)
  return wasmKernel(threadSplitter(helpers, (index, binding) => set[index - 1].postMessage(binding)))
}

/**
 * Makes later fits in this process use `threads` threads. Returns the
 * kernel's name, and a note when fits stay on one thread.
 */
export async function useThreads(threads: number): Promise<{ kernel: string; note?: string }> {
  try {
    const kernel = await nodeHistogramKernel(threads)
    configureHistogramKernel(kernel)
    return { kernel: kernel?.name ?? 'typescript' }
  } catch (error) {
    const single = wasmKernel()
    configureHistogramKernel(single)
    return { kernel: single?.name ?? 'typescript', note: `histogram helper threads could not start (${error instanceof Error ? error.message : String(error)}); fitting on one thread` }
  }
}
