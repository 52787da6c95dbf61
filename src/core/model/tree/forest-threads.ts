/**
 * Growing a random forest's trees on several threads. Trees are independent
 * (random-forest.ts), so a fit splits 0…nTrees into one contiguous range per
 * thread: helper threads grow theirs while this thread grows the first, and
 * the parts are assembled in tree order — the same forest, bit for bit, on
 * any thread count. The threads are the adapter's (worker_threads in Node,
 * Web Workers in the page), configured once per thread like the histogram
 * kernel; without them a forest fits on this thread alone.
 */
import type { ForestInputs } from './forest-inputs'
import type { ForestPart } from './random-forest'

/** Helper threads that grow ranges of trees. */
export interface ForestThreads {
  /** Threads a fit may use, this one included. */
  readonly threads: number
  /** Memory the helpers can read without a copy (SharedArrayBuffer): prepareForest places the inputs there. */
  allocate(bytes: number): ArrayBufferLike
  /** Trees from…to-1 grown on a helper thread (helpers take turns). */
  grow(inputs: ForestInputs, from: number, to: number): Promise<ForestPart>
}

let configured: ForestThreads | null = null

/** Sets the helper threads later forest fits on this thread use; null for none. */
export function configureForestThreads(threads: ForestThreads | null): void {
  configured = threads
}

export function defaultForestThreads(): ForestThreads | null {
  return configured
}

/** [from, to) of each of `threads` contiguous, nearly equal ranges of `total` trees. */
export function treeRanges(total: number, threads: number): [number, number][] {
  const count = Math.max(1, Math.min(threads, total))
  return Array.from({ length: count }, (_, i) => [Math.floor((i * total) / count), Math.floor(((i + 1) * total) / count)])
}
