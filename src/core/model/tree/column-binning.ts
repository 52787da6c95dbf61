/**
 * Binning a matrix by blocks of columns, so that threads can share the work
 * of a fit's preparation: each thread claims the next block from a shared
 * counter, cuts it out of the row-major matrix and bins it on its own with
 * binning.ts's findBinEdges and binMatrix, which treat every column
 * independently (the rows sampled for edges depend only on the row count and
 * the seed), writing the codes into one shared column-major array. The blocks
 * together give exactly what binning the whole matrix gives (tested), however
 * the threads divided them.
 */
import type { Matrix } from '../../types'
import { binMatrix, findBinEdges, type BinningOptions } from './binning'
import type { BinnedMatrix } from './types'

/** Columns from…to-1 binned: their edges, value bins and column-major codes, (to − from) × rows. */
export interface ColumnBins {
  edges: Float64Array[]
  nBins: Int32Array
  bins: Uint8Array
}

/** Bins columns from…to-1 of X (0 ≤ from < to ≤ cols) as binning all of X would. */
export function binColumns(X: Matrix, from: number, to: number, options: BinningOptions): ColumnBins {
  const { rows: n, cols: p, data } = X
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from < to && to <= p)) throw new RangeError(`tree binning: column range ${from}…${to} is not within 0…${p}`)
  const width = to - from
  const part = new Float64Array(n * width)
  // A plain loop: a subarray and set() per row cost more than the copy, and set() from shared memory is slower still.
  for (let i = 0, src = from, dst = 0; i < n; i++, src += p, dst += width) for (let c = 0; c < width; c++) part[dst + c] = data[src + c]
  const sub = { rows: n, cols: width, data: part }
  const { edges, nBins, bins } = binMatrix(sub, findBinEdges(sub, options))
  return { edges, nBins, bins }
}

/** The columns one thread binned (binClaimedColumns): their indices, ascending, and their edges and value bins. */
export interface ClaimedColumns {
  columns: Int32Array
  edges: Float64Array[]
  nBins: Int32Array
}

/**
 * Claims blocks of `block` columns from `queue` ([0]: the next block, advanced
 * with Atomics) until none is left, bins each (binColumns) and writes its
 * codes into `out` (column-major, cols × rows, shared by every thread).
 */
export function binClaimedColumns(X: Matrix, queue: Int32Array, block: number, out: Uint8Array, options: BinningOptions): ClaimedColumns {
  const { rows: n, cols: p } = X
  if (out.length !== n * p) throw new RangeError(`tree binning: the codes array holds ${out.length} codes; ${n} rows × ${p} columns need ${n * p}`)
  const columns: number[] = []
  const edges: Float64Array[] = []
  const nBins: number[] = []
  for (;;) {
    const from = Atomics.add(queue, 0, 1) * block
    if (from >= p) break
    const to = Math.min(p, from + block)
    const part = binColumns(X, from, to, options)
    out.set(part.bins, from * n)
    for (let j = from; j < to; j++) {
      columns.push(j)
      edges.push(part.edges[j - from])
      nBins.push(part.nBins[j - from])
    }
  }
  return { columns: Int32Array.from(columns), edges, nBins: Int32Array.from(nBins) }
}

/** The binned matrix from the codes every thread wrote into `bins` and the parts they returned, which must cover each column once. */
export function joinClaimedColumns(rows: number, cols: number, bins: Uint8Array, parts: readonly ClaimedColumns[]): BinnedMatrix {
  const edges: (Float64Array | null)[] = Array.from({ length: cols }, () => null)
  const nBins = new Int32Array(cols)
  for (const part of parts) {
    part.columns.forEach((j, k) => {
      if (!(j >= 0 && j < cols) || edges[j]) throw new RangeError(`tree binning: column ${j} was binned twice or is outside 0…${cols - 1}`)
      edges[j] = part.edges[k]
      nBins[j] = part.nBins[k]
    })
  }
  const missing = edges.indexOf(null)
  if (missing >= 0) throw new RangeError(`tree binning: column ${missing} of 0…${cols - 1} was not binned`)
  return { rows, cols, bins, nBins, edges: edges as Float64Array[] }
}

/** The transferable buffers of a ClaimedColumns, to post it from a worker. */
export function claimedColumnsBuffers(part: ClaimedColumns): ArrayBufferLike[] {
  return [...new Set([part.columns.buffer, part.nBins.buffer, ...part.edges.map((e) => e.buffer)])]
}
