/**
 * The histogram kernel a grower uses unless told otherwise: WebAssembly SIMD
 * where it runs (Node 20, every current browser), else the TypeScript
 * reference. Both give the same bits, so the choice never changes a model.
 * Threads are opted into by the caller (FitOptions.histogramKernel), never by default.
 */
import { wasmKernel } from './wasm-kernel'
import { typescriptKernel, type HistogramKernel } from './workspace'

let chosen: HistogramKernel | undefined

export function defaultHistogramKernel(): HistogramKernel {
  chosen ??= wasmKernel() ?? typescriptKernel
  return chosen
}
