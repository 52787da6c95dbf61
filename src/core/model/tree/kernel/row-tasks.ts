/**
 * Work over a range of row positions that threads can share (kernel/parallel.ts):
 * boosting's gradient pass and the three steps of a
 * large node's partition. A task's arguments are
 * byte addresses in the shared memory (and counts); `runRowTask` runs one
 * share, positions [from, to), on the calling thread — the caller's own share
 * or a helper's. Each position is computed on its own, so how the positions
 * are cut never changes a bit.
 */

/** The kernel's exports a row task calls: see assembly/gradients.ts and assembly/partition.ts. */
export interface RowTaskExports {
  binaryGradients(scores: number, y: number, w: number, rows: number, m: number, g: number, h: number, terms: number, slow: number, lanes: number): number
  partitionCount(rows: number, column: number, from: number, to: number, splitBin: number, missing: number, missingLeft: number): number
  partitionScatter(gradients: number, rows: number, g: number, h: number, scratch: number, gScratch: number, hScratch: number, column: number, from: number, to: number, splitBin: number, missing: number, missingLeft: number, counts: number, share: number, shares: number): void
  partitionCopy(gradients: number, rows: number, g: number, h: number, scratch: number, gScratch: number, hScratch: number, from: number, to: number): void
  binRows(values: number, p: number, from: number, to: number, guides: number, codes: number, n: number, rowBase: number): void
}

/**
 * binaryGradients over positions [from, to). Arguments: scores, y, w, rows,
 * g, h, terms, slow, lanes (LANES_STRIDE bytes per thread). The share's slow positions
 * are written from slow + 4 × from on, relative to `from`; the result is
 * their count. Shares must start at even positions: the kernel writes whole
 * pairs of terms.
 */
export const GRADIENT_TASK = 1
/**
 * Bytes between two threads' `lanes` (16 bytes of scratch the pass writes
 * for every pair of rows): two cache lines, so that no two threads write one
 * line (which made each thread's share as slow as the whole pass on one).
 */
export const LANES_STRIDE = 128

/**
 * A node's partition (assembly/partition.ts), positions relative to the
 * node's first. Count: rows, column, splitBin, missing, missingLeft; the
 * result is the share's left rows. Scatter: gradients, rows, g, h, scratch,
 * gScratch, hScratch, column, splitBin, missing, missingLeft, counts (the
 * counts' results, i32), shares. Copy: gradients and the six areas. The
 * shares must be cut as for the count.
 */
export const PARTITION_COUNT_TASK = 3
export const PARTITION_SCATTER_TASK = 4
export const PARTITION_COPY_TASK = 5

/** Bin codes of a block of rows (assembly/binning.ts binRows). Arguments: values, p, guides, codes, n, rowBase. */
export const BIN_TASK = 6

/** Runs task `task`'s share [from, to) on this thread (`thread`: 0 the caller, 1… the helpers); returns its result. */
export function runRowTask(kernel: RowTaskExports, task: number, a: ArrayLike<number>, from: number, to: number, thread: number): number {
  if (task === GRADIENT_TASK) return kernel.binaryGradients(a[0], a[1], a[2], a[3] + 4 * from, to - from, a[4], a[5], a[6] + 8 * from, a[7] + 4 * from, a[8] + LANES_STRIDE * thread)
  if (task === PARTITION_COUNT_TASK) return kernel.partitionCount(a[0], a[1], from, to, a[2], a[3], a[4])
  if (task === PARTITION_SCATTER_TASK) {
    kernel.partitionScatter(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], from, to, a[8], a[9], a[10], a[11], thread, a[12])
    return 0
  }
  if (task === BIN_TASK) {
    kernel.binRows(a[0], a[1], from, to, a[2], a[3], a[4], a[5])
    return 0
  }
  if (task === PARTITION_COPY_TASK) {
    kernel.partitionCopy(a[0], a[1], a[2], a[3], a[4], a[5], a[6], from, to)
    return 0
  }
  throw new Error(`row task ${task}: unknown`)
}

/** Where share `i` of `shares` over m positions starts: even, ascending, share 0 at 0. */
export function shareStart(m: number, shares: number, i: number): number {
  return i >= shares ? m : 2 * Math.floor((i * m) / (2 * shares))
}
