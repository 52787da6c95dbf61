/**
 * Growing a random forest's trees on several threads. Trees are independent
 * (random-forest.ts), so the threads share one queue of tree indices: a
 * counter in shared memory that each thread (helpers and this one) advances
 * atomically to claim its next tree, until every tree is claimed. A thread
 * that is slow — busy with the fit's preparation, descheduled on a loaded
 * machine, still compiling — simply claims fewer trees; none waits for
 * another's fixed share. The parts are assembled in tree order, so the forest
 * is the same bit for bit on any thread count and any division of the trees.
 * The threads are the adapter's (worker_threads in Node, Web Workers in the
 * page), configured once per thread like the histogram kernel; without them a
 * forest fits on this thread alone.
 */
import type { ForestInputs } from './forest-inputs'
import type { ForestPart } from './random-forest'

/** Helper threads that grow trees claimed from a shared queue. */
export interface ForestThreads {
  /** Threads a fit may use, this one included. */
  readonly threads: number
  /** Memory the helpers can read without a copy (SharedArrayBuffer): prepareForest places the inputs there, and the queue. */
  allocate(bytes: number): ArrayBufferLike
  /** The trees one helper claims from `queue` (growQueuedTrees) until it is empty, grown on that helper. */
  grow(inputs: ForestInputs, queue: TreeQueue): Promise<ForestPart>
}

/**
 * The shared counters of one fit: [0] the next unclaimed tree, [1] trees
 * finished (progress). Claims and counts go through Atomics.
 */
export type TreeQueue = Int32Array

const NEXT = 0
const FINISHED = 1

/** A fresh queue over `allocate`'s memory (default an ordinary buffer, for one thread). */
export function treeQueue(allocate: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes)): TreeQueue {
  return new Int32Array(allocate(2 * Int32Array.BYTES_PER_ELEMENT))
}

/** Claims the next tree: its index, or ≥ total when none is left. */
export function claimTree(queue: TreeQueue): number {
  return Atomics.add(queue, NEXT, 1)
}

/** Counts a finished tree; returns how many are finished now, over all threads. */
export function finishTree(queue: TreeQueue): number {
  return Atomics.add(queue, FINISHED, 1) + 1
}

/** Claims every tree left (a cancelled fit stops its helpers after their current tree). */
export function drainQueue(queue: TreeQueue, total: number): void {
  Atomics.store(queue, NEXT, total)
}

let configured: ForestThreads | null = null

/** Sets the helper threads later forest fits on this thread use; null for none. */
export function configureForestThreads(threads: ForestThreads | null): void {
  configured = threads
}

export function defaultForestThreads(): ForestThreads | null {
  return configured
}
