/**
 * findBinEdges (../binning.ts) in the histogram kernel's WebAssembly
 * (assembly/edges.ts): the same edges, bit for bit. The sampled rows are
 * copied into the memory once, row-major; then each thread takes the next
 * feature from a queue and finds its edges there. In JavaScript the edges of
 * a first fit ran mostly as unoptimised code, and their compilation competed
 * with the fit for the cores (100,000 rows: about 75 ms on one thread in a
 * first fit, 40 once warm). The memory used is scratch, as for binning: the
 * fit's gradient pass and workspace take its place afterwards.
 */
import type { Matrix } from '../../../types'
import { edgeSampleRows, MAX_BINS, type BinningOptions } from '../binning'
import { EDGES_TASK } from './parallel'
import { MemoryLayout } from './wasm-api'
import type { BinningPlace } from './wasm-binning'

const PAGE = 65536
/** Bytes of one feature's edges record: an i32 count, padding, then up to MAX_BINS − 1 doubles. */
const RECORD_BYTES = 8 + 8 * (MAX_BINS - 1)

/** findBinEdges(X, options) found in WebAssembly, on `threads` threads where the place has a dispatch. */
export function wasmBinEdges(X: Matrix, options: BinningOptions, place: BinningPlace, threads: number): Float64Array[] {
  const { rows: n, cols: p, data } = X
  const { maxBins } = options
  if (!(Number.isInteger(maxBins) && maxBins >= 2 && maxBins <= MAX_BINS)) throw new Error(`tree binning: maxBins = ${maxBins}; use a whole number from 2 to ${MAX_BINS}`)
  const sample = edgeSampleRows(options, n)
  const m = sample.length
  const kernel = place.kernel()
  const at = new MemoryLayout()
  const valuesAt = at.take(8 * m * p)
  const recordsAt = at.take(RECORD_BYTES * p)
  const scratchBytes = (kernel.edgeScratchBytes(m) + 63) & ~63
  const scratchAt = at.take(scratchBytes * threads + 64)
  const { memory, base } = place
  const missing = Math.ceil((base + at.bytes - memory.buffer.byteLength) / PAGE)
  if (missing > 0) memory.grow(missing)
  const buffer = memory.buffer
  copySampledRows(data, p, sample, new Float64Array(buffer, base + valuesAt, m * p))
  // Each thread's scratch on whole cache lines.
  const scratch = (base + scratchAt + 63) & ~63
  const args = [base + valuesAt, m, p, maxBins, base + recordsAt, RECORD_BYTES, scratch, scratchBytes]
  const local = (from: number, to: number): void => kernel.columnEdges(args[0], m, p, maxBins, args[4], RECORD_BYTES, scratch, from, to)
  if (place.dispatch && threads > 1 && p > 1) place.dispatch.runQueue(EDGES_TASK, args, p, local)
  else local(0, p)
  const records = new DataView(buffer, base + recordsAt, RECORD_BYTES * p)
  const edges: Float64Array[] = []
  for (let j = 0; j < p; j++) {
    const count = records.getInt32(RECORD_BYTES * j, true)
    // A copy: the memory may be shared, and is scratch.
    edges.push(new Float64Array(new Float64Array(buffer, base + recordsAt + RECORD_BYTES * j + 8, count)))
  }
  return edges
}

/** Rows to copy per call of copyRows: called often enough that V8 optimises it at once. */
const COPY_BLOCK = 4096

/** The sampled rows of the row-major matrix, in sample order, into `to`: one copy when they are all rows in order. */
function copySampledRows(data: Float64Array, p: number, sample: Int32Array, to: Float64Array): void {
  const m = sample.length
  if (m === 0) return
  if (consecutive(sample)) {
    to.set(data.subarray(sample[0] * p, (sample[0] + m) * p))
    return
  }
  for (let k = 0; k < m; k += COPY_BLOCK) copyRows(data, p, sample, k, Math.min(m, k + COPY_BLOCK), to)
}

/** Whether the rows are first, first + 1, …, in order. */
function consecutive(sample: Int32Array): boolean {
  for (let k = 1; k < sample.length; k++) if (sample[k] !== sample[0] + k) return false
  return true
}

function copyRows(data: Float64Array, p: number, sample: Int32Array, from: number, to: number, out: Float64Array): void {
  for (let k = from; k < to; k++) {
    const src = sample[k] * p
    const dst = k * p
    for (let c = 0; c < p; c++) out[dst + c] = data[src + c]
  }
}
