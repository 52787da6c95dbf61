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
 *
 * Before any tree grows, the matrix is binned: on several threads that is
 * shared the same way (binForest), each thread claiming blocks of columns
 * (column-binning.ts) — the same codes as binning on one.
 */
import type { Matrix } from '../../types'
import type { BinningOptions } from './binning'
import { binClaimedColumns, joinClaimedColumns, type ClaimedColumns } from './column-binning'
import type { ForestInputs } from './forest-inputs'
import type { ForestPart } from './random-forest'
import type { BinnedMatrix } from './types'

/** Helper threads that bin blocks of columns and grow trees, each claimed from a shared counter. */
export interface ForestThreads {
  /** Threads a fit may use, this one included. */
  readonly threads: number
  /** Memory the helpers can read without a copy (SharedArrayBuffer): prepareForest places the inputs there, and the queue. */
  allocate(bytes: number): ArrayBufferLike
  /** The trees one helper claims from `queue` (growQueuedTrees) until it is empty, grown on that helper. */
  grow(inputs: ForestInputs, queue: TreeQueue): Promise<ForestPart>
  /** Blocks of X's columns (X in `allocate`'s memory) claimed from `queue` and binned on one helper into `out` (binClaimedColumns); absent: binning stays on this thread. */
  bin?(X: Matrix, queue: Int32Array, block: number, out: Uint8Array, options: BinningOptions): Promise<ClaimedColumns>
}

/**
 * Matrices up to this size are binned on several threads. The helpers read a
 * copy of the matrix in shared memory, which beside a large matrix would
 * raise the fit's peak memory by as much again (1,000,000 × 42: 336 MB);
 * below it the copy costs milliseconds and at most 64 MB (80,000 × 42: 27 MB).
 */
export const SHARED_BINNING_MAX_BYTES = 64 * 2 ** 20

/** Columns a thread claims at a time while binning: few passes over the row-major matrix, and a short wait for the last block. */
export const BIN_BLOCK_COLUMNS = 6

/**
 * The matrix binned as binning.ts bins it, this thread and the helpers
 * claiming blocks of columns from a shared counter (the helpers read a copy
 * of the matrix in shared memory; this thread the matrix itself), or null
 * when binning stays on this thread: no helpers that bin, fewer than two
 * blocks of columns, or a matrix above SHARED_BINNING_MAX_BYTES.
 */
export async function binForest(X: Matrix, options: BinningOptions, threads: ForestThreads): Promise<BinnedMatrix | null> {
  const { rows: n, cols: p, data } = X
  const helpers = Math.min(threads.threads, Math.ceil(p / BIN_BLOCK_COLUMNS)) - 1
  if (!threads.bin || helpers < 1 || options.rows || n * p * Float64Array.BYTES_PER_ELEMENT > SHARED_BINNING_MAX_BYTES) return null
  const shared = new Float64Array(threads.allocate(n * p * Float64Array.BYTES_PER_ELEMENT))
  shared.set(data.subarray(0, n * p))
  const out = new Uint8Array(threads.allocate(n * p))
  const queue = new Int32Array(threads.allocate(Int32Array.BYTES_PER_ELEMENT))
  const sharedX = { rows: n, cols: p, data: shared }
  const remote = Array.from({ length: helpers }, () => threads.bin!(sharedX, queue, BIN_BLOCK_COLUMNS, out, options))
  for (const part of remote) part.catch(() => undefined)
  // One turn of the event loop, so a browser worker's messages leave before this thread bins.
  await new Promise((resolve) => setTimeout(resolve, 0))
  const mine = binClaimedColumns(X, queue, BIN_BLOCK_COLUMNS, out, options)
  return joinClaimedColumns(n, p, out, [mine, ...(await Promise.all(remote))])
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
