/**
 * binMatrix (../binning.ts) in the histogram kernel's WebAssembly
 * (assembly/binning.ts): the same bucket guides and the same codes, bit for
 * bit, about four times faster on one thread, and on threads each takes a
 * share of the rows. The matrix is row-major doubles in JavaScript memory,
 * which WebAssembly cannot read: blocks of rows are copied into the memory
 * (a copy costs a fraction of binning them) and binned there, and the codes
 * are copied out at the end. The memory used is scratch: the fit's gradient
 * pass and workspace take its place afterwards.
 */
import type { Matrix } from '../../../types'
import { bucketGuide, FEW_EDGES, GUIDE_WIDTH, valueBins } from '../binning'
import type { BinnedMatrix } from '../types'
import { BIN_TASK, runRowTask } from './row-tasks'
import { MemoryLayout, type WasmMemory } from './wasm-api'
import type { BuildDispatch, KernelExports } from './wasm-kernel'

/** Bytes of one feature's guide record (assembly/binning.ts GUIDE_BYTES). */
const GUIDE_BYTES = 32
/** Bytes of doubles copied in per block: enough rows for every thread's share (row tasks want 16,384 rows a thread), few enough to stay small beside the matrix. */
const BLOCK_BYTES = 16 * 1024 * 1024
const PAGE = 65536
/** Blocks of WARM_BLOCK_ROWS rows first (see wasmBinMatrix). */
const WARM_BLOCKS = 8
const WARM_BLOCK_ROWS = 2048

/** Where the binning may work: a memory, the byte it may start at, the kernel over it and the threads' dispatch (or null). */
export interface BinningPlace {
  memory: WasmMemory & { grow(pages: number): number }
  base: number
  kernel: () => KernelExports
  dispatch: BuildDispatch | null
}

/** The binned matrix of X with `edges` (as binMatrix), coded in WebAssembly. */
export function wasmBinMatrix(X: Matrix, edges: Float64Array[], place: BinningPlace): BinnedMatrix {
  const { rows: n, cols: p, data } = X
  const nBins = valueBins(X, edges)
  const guides = edges.map((e) => (e.length > FEW_EDGES ? bucketGuide(e) : null))
  const at = new MemoryLayout()
  const guidesAt = at.take(GUIDE_BYTES * p)
  const edgesAt = edges.map((e) => at.take(8 * (e.length + GUIDE_WIDTH + 1)))
  const tablesAt = guides.map((g) => (g ? at.take(4 * g.table.length) : 0))
  const blockRows = Math.max(1024, Math.min(n, Math.floor(BLOCK_BYTES / (8 * Math.max(1, p)))))
  const valuesAt = at.take(8 * blockRows * p)
  const codesAt = at.take(n * p)
  const { memory, base } = place
  const missing = Math.ceil((base + at.bytes - memory.buffer.byteLength) / PAGE)
  if (missing > 0) memory.grow(missing)
  const kernel = place.kernel()
  const buffer = memory.buffer
  const records = new DataView(buffer, base + guidesAt, GUIDE_BYTES * p)
  for (let j = 0; j < p; j++) {
    const e = edges[j]
    const g = guides[j]
    const padded = new Float64Array(buffer, base + edgesAt[j], e.length + GUIDE_WIDTH + 1)
    padded.fill(Infinity)
    padded.set(e)
    records.setInt32(GUIDE_BYTES * j, e.length, true)
    records.setInt32(GUIDE_BYTES * j + 12, base + edgesAt[j], true)
    if (!g) continue
    new Int32Array(buffer, base + tablesAt[j], g.table.length).set(g.table)
    records.setInt32(GUIDE_BYTES * j + 4, g.buckets, true)
    records.setInt32(GUIDE_BYTES * j + 8, base + tablesAt[j], true)
    records.setFloat64(GUIDE_BYTES * j + 16, g.low, true)
    records.setFloat64(GUIDE_BYTES * j + 24, g.scale, true)
  }
  const values = new Float64Array(buffer, base + valuesAt, blockRows * p)
  const results = new Int32Array(1 + (place.dispatch ? 64 : 0))
  for (let start = 0, block = 0; start < n; block++) {
    // The first blocks small: WebAssembly code starts as baseline code, and a call runs to its end in the code it began with; the optimised code, compiled meanwhile, then bins the large blocks.
    const count = Math.min(block < WARM_BLOCKS ? WARM_BLOCK_ROWS : blockRows, n - start)
    values.set(data.subarray(start * p, (start + count) * p))
    const args = [base + valuesAt, p, base + guidesAt, base + codesAt, n, start]
    if (place.dispatch) place.dispatch.runRows(BIN_TASK, args, count, (from, to) => runRowTask(kernel, BIN_TASK, args, from, to, 0), results)
    else runRowTask(kernel, BIN_TASK, args, 0, count, 0)
    start += count
  }
  // Out of the scratch memory, which the fit reuses.
  const bins = new Uint8Array(n * p)
  bins.set(new Uint8Array(buffer, base + codesAt, n * p))
  return { rows: n, cols: p, bins, nBins, edges }
}
