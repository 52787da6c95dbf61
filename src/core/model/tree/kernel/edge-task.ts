/**
 * Bin edges of gathered columns on any thread (findBinEdges' EdgeWorkers in
 * wasm-kernel.ts): the columns, their counts and the results live in the
 * helpers' shared memory, and each thread runs edgesOf (../binning.ts, the
 * same code as one thread) on the columns it takes from the queue.
 */
import { edgesOf, MAX_BINS } from '../binning'

/** Doubles of one column's result: its edge count, then its edges (at most MAX_BINS − 1). */
export const EDGE_SLOT = MAX_BINS + 1

/**
 * Edges of columns [from, to). Arguments: the columns (m doubles apart),
 * m, their counts (i32), maxBins and the results (EDGE_SLOT doubles a column).
 */
export function runEdgeTask(buffer: ArrayBufferLike, a: ArrayLike<number>, from: number, to: number): void {
  const [columnsAt, m, countsAt, maxBins, outAt] = [a[0], a[1], a[2], a[3], a[4]]
  const counts = new Int32Array(buffer, countsAt, to)
  for (let c = from; c < to; c++) {
    const edges = edgesOf(new Float64Array(buffer, columnsAt + 8 * m * c, counts[c]), maxBins)
    const out = new Float64Array(buffer, outAt + 8 * EDGE_SLOT * c, EDGE_SLOT)
    out[0] = edges.length
    out.set(edges, 1)
  }
}
