/**
 * The histogram kernel a grower uses unless a fit names one
 * (FitOptions.histogramKernel): WebAssembly SIMD where it runs (Node 20, every
 * current browser), else the TypeScript reference. An adapter that owns
 * threads (Node's useThreads, the training worker) configures a threaded
 * kernel once for its thread. Every kernel gives the same bits, so the
 * choice never changes a model.
 */
import { wasmKernel } from './wasm-kernel'
import { typescriptKernel, type HistogramKernel } from './workspace'

let chosen: HistogramKernel | undefined

export function defaultHistogramKernel(): HistogramKernel {
  chosen ??= wasmKernel() ?? typescriptKernel
  return chosen
}

/** Sets the kernel later fits on this thread use; null goes back to the default. */
export function configureHistogramKernel(kernel: HistogramKernel | null): void {
  chosen = kernel ?? undefined
}
