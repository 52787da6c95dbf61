/**
 * The WebAssembly histogram kernel (assembly/histogram.ts, SIMD): for
 * one-output boosting trees, whose node work — histogram builds,
 * subtractions, split searches and row partitions — is most of a fit.
 * A workspace is a region of WebAssembly memory holding everything that work
 * touches — the bin codes (copied in once per fit), the row index, the
 * ordered gradients and a fixed number of histogram slots — sized once per
 * fit and not grown during it, so the typed-array views the grower holds stay
 * valid. Large matrices also keep their codes row-major, for the nodes whose
 * rows are few and far apart (SPARSE_SHARE). The memory is the thread's own,
 * reused fit after fit. Histograms beyond the slots are ordinary arrays
 * handled by the reference code, which gives the same bits. With `threads` (kernel/parallel.ts) the memory is
 * shared and each node's features are split between this thread and the
 * helpers.
 */
import { decodeBase64 } from '../base64'
import { buildHistogram, HistogramPool, type HistogramLayout } from '../histogram'
import type { BinnedMatrix } from '../types'
import { HISTOGRAM_WASM, HISTOGRAM_WASM_SHARED } from './histogram-wasm'
import { MemoryLayout, webAssembly, type WasmMemory, type WasmModule } from './wasm-api'
import { binaryGradientPass, type PassPlace } from './gradient-pass'
import { PARTITION_COPY_TASK, PARTITION_COUNT_TASK, PARTITION_SCATTER_TASK, runRowTask, type RowTaskExports } from './row-tasks'
import { buildSearchInOrder, type HistogramKernel, type HistogramWorkspace, type NodeSums } from './workspace'
import type { SplitInfo } from '../types'
import { featureCost, featureCostSums, MIN_SPLIT_COST, NODES_TASK, UNITS_TASK, type ThreadedMemory } from './parallel'
import { LevelPlan } from './level-plan'
import { wasmBinMatrix } from './wasm-binning'
import { wasmBinEdges } from './wasm-edges'

/** The kernel's exports: see assembly/histogram.ts. */
type PartitionExport = (rows: number, g: number, h: number, scratch: number, gScratch: number, hScratch: number, column: number, start: number, end: number, splitBin: number, missing: number, missingLeft: number) => number
export type NodeTaskExport = (counted: number, hist: number, bins: number, n: number, rows: number, m: number, contiguous: number, g: number, h: number, offsets: number, nBins: number, features: number, parent: number, params: number, from: number, to: number, out: number, rowBins: number, width: number, block: number) => void
export interface KernelExports extends RowTaskExports {
  partition: PartitionExport
  partitionRows(rows: number, scratch: number, column: number, start: number, end: number, splitBin: number, missing: number, missingLeft: number): number
  nodeTask: NodeTaskExport
  transposeBins(bins: number, n: number, p: number, rowBins: number, width: number, from: number, to: number): void
  nodeUnits(units: number, from: number, to: number, counted: number, bins: number, n: number, offsets: number, nBins: number, features: number, width: number, block: number): void
  partitionNodes(records: number, from: number, to: number, rows: number, g: number, h: number, scratch: number, gScratch: number, hScratch: number): void
  columnEdges(values: number, m: number, p: number, maxBins: number, out: number, outStride: number, scratch: number, from: number, to: number): void
  edgeScratchBytes(m: number): number
}

/**
 * Bytes of one thread's nodeTask results: the best split of the built node
 * and of its parent, 48 bytes each, padded to whole 64-byte cache lines — a
 * search writes its slot at every improvement, and two threads' slots on one
 * line would make the line shuttle between cores.
 */
export const OUT_SLOT_BYTES = 128
/** Doubles of nodeTask's params: lambda, alpha, minChildWeight, minSamplesLeaf, (flag, G, H, count, score, floor) per node, the built node's G, H and count, the bundle table's address. */
const PARAM_DOUBLES = 20
/**
 * Nodes of at least this many rows are partitioned by all threads, each a
 * share of the rows (three steps, each waiting for every thread; see
 * sharedPartition).
 */
const PARALLEL_PARTITION_ROWS = 32_768
/** Bytes of one thread's block of gathered row codes per byte of row width: the kernel's BLOCK_ROWS. */
export const BLOCK_BYTES_PER_COLUMN = 64

/**
 * Row-major codes (see wasmWorkspace). A node holding at most 1/SPARSE_SHARE
 * of the rows builds from them: its rows are scattered so thinly that each
 * column-major code is a cache line of its own. Measured per bin update on
 * 1,000,000 × 42 (20 rounds, one thread), column-major against row-major:
 * 1.1–1.6 ns against 1.3–1.7 for nodes of 1/16–1/2 of the rows, even at
 * 1/32–1/16, then 2.8–3.7 against 1.8–2.1 at 1/64–1/32, 7.7–10.1 against
 * 1.9–2.2 at 1/128–1/64 and 14–22 against 2.0–2.5 below. The node work of
 * those fits fell from 2.97–3.35 s to 2.11–2.34 s.
 */
const SPARSE_SHARE = 32
/**
 * Binned matrices smaller than this (n × p bytes) keep no row-major copy:
 * their columns stay in the last-level cache, and on 100,000 × 42 (4.2 MB)
 * the row-major path gained nothing below 1/128 of the rows and lost at
 * 1/32–1/64 (2.0 against 1.5 ns an update).
 */
export const ROW_MAJOR_FROM_BYTES = 8 * 1024 * 1024

/** How a kernel lays out its work: the defaults are the fastest measured; tests change them to reach every path. */
export interface KernelOptions {
  /** See ROW_MAJOR_FROM_BYTES (0: always, Infinity: never). */
  rowMajorFromBytes?: number
  /** See SPARSE_SHARE (1: every node but the root). */
  sparseShare?: number
  /** Grow depth-wise trees a level at a time (default: with threads, where a level's nodes can be built side by side). */
  levels?: boolean
}

const PAGE = 65536

let plainModule: WasmModule | null | undefined
let sharedModule: WasmModule | null | undefined

/** The compiled kernel, or null where WebAssembly (with SIMD) is unavailable. Compiled once per thread. */
export function histogramModule(shared: boolean): WasmModule | null {
  if (shared ? sharedModule !== undefined : plainModule !== undefined) return (shared ? sharedModule : plainModule) as WasmModule | null
  let module: WasmModule | null = null
  const wasm = webAssembly()
  try {
    const bytes = decodeBase64(shared ? HISTOGRAM_WASM_SHARED : HISTOGRAM_WASM, 'histogram kernel') as Uint8Array<ArrayBuffer>
    if (wasm?.validate(bytes)) module = new wasm.Module(bytes)
  } catch {
    module = null
  }
  if (shared) sharedModule = module
  else plainModule = module
  return module
}

/** Instantiates the kernel over `memory` (helper threads run its node and row tasks). */
export function instantiateKernel(module: WasmModule, memory: WasmMemory): KernelExports {
  const instance = new (webAssembly() as NonNullable<ReturnType<typeof webAssembly>>).Instance(module, { env: { memory, abort: () => {} } })
  return instance.exports as unknown as KernelExports
}


/** Splits a build's features between threads; see kernel/parallel.ts. */
export interface BuildSplitter {
  /** Threads a build may use, this one included. */
  readonly threads: number
  /** The shared memory the helpers serve; workspaces are laid out in it after `reserved` bytes. */
  readonly shared: ThreadedMemory
  readonly dispatch: BuildDispatch
}

export interface BuildDispatch {
  /**
   * Runs nodeTask with `args` (counted … params, then the base of the out slots)
   * over features [from, to), splitting them between threads; this thread
   * runs its own share with `local`. Returns when every share is done, with
   * the number of threads used: out slots 0… of that many hold their
   * results, in feature order.
   */
  run(args: number[], from: number, to: number, local: NodeTaskExport): number
  /**
   * Runs row task `task` (row-tasks.ts) with `args` over positions [0, m),
   * cut into contiguous shares (shareStart) when there are enough; this
   * thread runs the first with `local(from, to)`. Returns when every share
   * is done, with the number of shares; results[i] holds share i's result.
   */
  runRows(task: number, args: number[], m: number, local: (from: number, to: number) => number, results: Int32Array): number
  /**
   * Runs queue task `task` (parallel.ts: UNITS_TASK, NODES_TASK) over `count`
   * records with `args` (the records, then the arguments every record
   * shares; two more words are set here): every thread, this one with
   * `local`, takes the next record until none is left. Returns when all are
   * done.
   */
  runQueue(task: number, args: number[], count: number, local: (from: number, to: number) => void): void
}

/** Bytes of one unit record of the kernel's nodeUnits (see assembly/histogram.ts). */
const UNIT_BYTES = 64
/** Bytes of one node's record of the kernel's partitionNodes (see assembly/partition.ts). */
const NODE_RECORD_BYTES = 64
/** A level's partitions go side by side on threads from this many rows in all (a partition costs about 2 ns a row; waking the helpers, microseconds). */
const MIN_NODE_PARTITION_ROWS = 8192

/** One out slot's result (at doubles[f…], its i32 fields at ints[2f + 8…]) into `best` when it has a split with a strictly larger gain. */
function mergeSlot(doubles: Float64Array, ints: Int32Array, f: number, best: SplitInfo): void {
  const feature = ints[2 * f + 8]
  if (feature < 0 || !(doubles[f] > best.gain)) return
  best.gain = doubles[f]
  best.leftG[0] = doubles[f + 1]
  best.leftH = doubles[f + 2]
  best.leftCount = doubles[f + 3]
  best.feature = feature
  best.bin = ints[2 * f + 9]
  best.defaultLeft = ints[2 * f + 10] === 1
}

/**
 * A kernel whose workspaces live in WebAssembly memory, or null where
 * WebAssembly SIMD (or, with a splitter, shared memory) is unavailable.
 */
export function wasmKernel(splitter: BuildSplitter | null = null, options: KernelOptions = {}): HistogramKernel | null {
  const rowMajorFrom = options.rowMajorFromBytes ?? ROW_MAJOR_FROM_BYTES
  const sparseShare = options.sparseShare ?? SPARSE_SHARE
  const module = splitter ? splitter.shared.module : histogramModule(false)
  if (!module) return null
  // A fit's gradient pass takes the start of the memory (this thread's, or the shared one after its control block), and the workspace made next follows it.
  let passBytes = 0
  return {
    name: splitter ? `wasm-simd ×${splitter.threads} threads` : 'wasm-simd',
    levels: options.levels ?? splitter !== null,
    workspace(data, layout, outputs, slots) {
      const after = passBytes
      passBytes = 0
      return wasmWorkspace(module, splitter, after, data, layout, outputs, slots, data.rows * data.cols >= rowMajorFrom ? sparseShare : 0)
    },
    binEdges(X, binning) {
      const memory = splitter ? splitter.shared.memory : threadMemory()
      const base = splitter ? splitter.shared.reserved : 0
      return wasmBinEdges(X, binning, { memory, base, kernel: () => instantiateKernel(module, memory), dispatch: splitter?.dispatch ?? null }, splitter?.threads ?? 1)
    },
    binMatrix(X, edges) {
      const memory = splitter ? splitter.shared.memory : threadMemory()
      const base = splitter ? splitter.shared.reserved : 0
      return wasmBinMatrix(X, edges, { memory, base, kernel: () => instantiateKernel(module, memory), dispatch: splitter?.dispatch ?? null })
    },
    binaryGradients(y, w, rows) {
      const place: PassPlace = splitter
        ? { memory: splitter.shared.memory, base: splitter.shared.reserved, dispatch: splitter.dispatch, threads: splitter.threads, bytes: 0 }
        : { memory: threadMemory(), base: 0, dispatch: null, threads: 1, bytes: 0 }
      const pass = binaryGradientPass(module, y, w, rows, place)
      passBytes = place.bytes
      return pass
    },
  }
}

/** The kernel's bundle table for the matrix's bundles (see assembly/histogram.ts), or none. */
function bundleWords(data: BinnedMatrix): Int32Array {
  const bundles = data.bundles
  if (!bundles) return new Int32Array(0)
  const count = bundles.members.length
  const words = [bundles.first, count]
  let at = 2 + 2 * count
  for (const list of bundles.members) {
    words.push(list.length, at)
    at += list.length
  }
  for (const list of bundles.members) words.push(...list)
  return Int32Array.from(words)
}

/** This thread's memory for workspaces (and gradient passes) without helpers (see workspaceMemory). */
let ownMemory: (WasmMemory & { grow(pages: number): number }) | null = null

function threadMemory(): WasmMemory & { grow(pages: number): number } {
  const wasm = webAssembly() as NonNullable<ReturnType<typeof webAssembly>>
  ownMemory ??= new wasm.Memory({ initial: 1 }) as WasmMemory & { grow(pages: number): number }
  return ownMemory
}

/**
 * The memory a workspace of `bytes` lives in, and where in it: `after`
 * bytes into this thread's own memory, or on threads into the helpers'
 * shared memory after its control block; grown if needed. One fit at a time runs on a thread (fits are
 * synchronous), so each workspace takes the place of the last, and a search
 * fitting hundreds of models does not make a memory each: every WebAssembly
 * memory reserves gigabytes of address space until it is collected.
 */
function workspaceMemory(splitter: BuildSplitter | null, after: number, bytes: number): { memory: WasmMemory; base: number } {
  const memory = splitter ? splitter.shared.memory : threadMemory()
  const base = (splitter ? splitter.shared.reserved : 0) + after
  const missing = Math.ceil((base + bytes - memory.buffer.byteLength) / PAGE)
  if (missing > 0) memory.grow(missing)
  return { memory, base }
}

/** A workspace `after` bytes into this thread's memory, or into the shared memory past its control block (the fit's gradient pass comes first). */
function wasmWorkspace(module: WasmModule, splitter: BuildSplitter | null, after: number, data: BinnedMatrix, layout: HistogramLayout, outputs: number, slots: number, sparseShare: number): HistogramWorkspace {
  // Nodes of at most 1/sparseShare of the rows build from row-major codes; 0: no row-major codes.
  const rowMajor = sparseShare > 0
  if (outputs !== 1 || layout.outputs !== 1) throw new Error('wasm histogram kernel: only one-output histograms')
  const counted = layout.counted ? 1 : 0
  const { rows: n, cols: p } = data
  // The features' columns of codes, then the bundles' (feature-bundles.ts).
  const columns = data.nBins.length
  const bundleTable = bundleWords(data)
  const at = new MemoryLayout()
  const featuresAt = at.take(4 * p)
  const offsetsAt = at.take(4 * columns)
  const nBinsAt = at.take(4 * columns)
  const binsAt = at.take(n * columns)
  const bundlesAt = at.take(4 * bundleTable.length)
  // Row-major codes, each row padded to whole 16-byte words (the kernel copies rows a word at a time), and a block of them per thread.
  const width = (columns + 15) & ~15
  const rowBinsAt = at.take(rowMajor ? n * width : 0)
  const blockAt = at.take(rowMajor ? BLOCK_BYTES_PER_COLUMN * width * (splitter?.threads ?? 1) : 0)
  const rowsAt = at.take(4 * n)
  const scratchAt = at.take(4 * n)
  const gScratchAt = at.take(8 * n)
  const hScratchAt = at.take(8 * n)
  const paramsAt = at.take(8 * PARAM_DOUBLES)
  // Each share's left count of a partition split between threads.
  const countsAt = at.take(4 * (splitter?.threads ?? 1))
  // Cache-line aligned (see OUT_SLOT_BYTES); `base` is a multiple of 16, so up to 48 bytes of padding.
  const outRaw = at.take(OUT_SLOT_BYTES * (splitter?.threads ?? 1) + 48)
  const gAt = at.take(8 * n)
  const hAt = at.take(8 * n)
  // A level's work at once (buildSearchBatch): each item's search parameters, each unit's record and results (cache-line aligned, as out).
  const threads = splitter?.threads ?? 1
  // A level plan's units: at most two per thread (UNITS_PER_THREAD; four allowed), plus one and a half per item (see LevelPlan).
  const maxUnits = 2 * slots + 4 * threads + 8
  const itemParamsAt = at.take(8 * PARAM_DOUBLES * slots)
  // A level's partitions side by side (partitionBatch): a record per node, cache-line aligned.
  const nodeRecordsRaw = at.take(NODE_RECORD_BYTES * slots + 48)
  const unitsRaw = at.take(UNIT_BYTES * maxUnits + 48)
  const unitOutRaw = at.take(OUT_SLOT_BYTES * maxUnits + 48)
  const histBytes = 8 * layout.size
  const slotsAt = at.take(0)
  for (let s = 0; s < slots; s++) at.take(histBytes)
  const { memory, base } = workspaceMemory(splitter, after, at.bytes)
  const outAt = ((base + outRaw + 63) & ~63) - base
  const unitsAt = ((base + unitsRaw + 63) & ~63) - base
  const nodeRecordsAt = ((base + nodeRecordsRaw + 63) & ~63) - base
  const unitOutAt = ((base + unitOutRaw + 63) & ~63) - base
  const buffer = memory.buffer
  const kernel = instantiateKernel(module, memory)
  const features = new Int32Array(buffer, base + featuresAt, p)
  new Int32Array(buffer, base + offsetsAt, columns).set(layout.offsets)
  new Int32Array(buffer, base + nBinsAt, columns).set(data.nBins)
  new Uint8Array(buffer, base + binsAt, n * p).set(data.bins.subarray(0, n * p))
  if (data.bundles) new Uint8Array(buffer, base + binsAt + n * p, data.bundles.codes.length).set(data.bundles.codes)
  new Int32Array(buffer, base + bundlesAt, bundleTable.length).set(bundleTable)
  // The bundle table's address, as nodeTask reads it from its parameters (0: no bundles).
  const bundles = bundleTable.length > 0 ? base + bundlesAt : 0
  if (rowMajor) kernel.transposeBins(base + binsAt, n, columns, base + rowBinsAt, width, 0, n)
  /** The row-major codes for a node of m rows where it builds from them (see SPARSE_SHARE), else 0. */
  const rowBinsFor = (m: number): number => (rowMajor && m * sparseShare <= n ? base + rowBinsAt : 0)
  const rows = new Uint32Array(buffer, base + rowsAt, n)
  const gOrdered = new Float64Array(buffer, base + gAt, n)
  const hOrdered = new Float64Array(buffer, base + hAt, n)
  const params = new Float64Array(buffer, base + paramsAt, PARAM_DOUBLES)
  const outF64 = new Float64Array(buffer, base + outAt, (OUT_SLOT_BYTES / 8) * (splitter?.threads ?? 1))
  const outI32 = new Int32Array(buffer, base + outAt, (OUT_SLOT_BYTES / 4) * (splitter?.threads ?? 1))
  const itemParams = new Float64Array(buffer, base + itemParamsAt, PARAM_DOUBLES * slots)
  const unitWords = new Int32Array(buffer, base + unitsAt, (UNIT_BYTES / 4) * maxUnits)
  const nodeWords = new Int32Array(buffer, base + nodeRecordsAt, (NODE_RECORD_BYTES / 4) * slots)
  const nodeQueue: number[] = []
  const unitOutF64 = new Float64Array(buffer, base + unitOutAt, (OUT_SLOT_BYTES / 8) * maxUnits)
  const unitOutI32 = new Int32Array(buffer, base + unitOutAt, (OUT_SLOT_BYTES / 4) * maxUnits)
  const plan = splitter ? new LevelPlan(threads) : null
  // featureCostSums of the last features a level was planned with.
  let costFeatures: Int32Array | null = null
  let featureSums = { rowWeight: 0, binWeight: 0 }
  const searchScratch = new Float64Array(2)
  // The features' and bundles' codes side by side, as in the memory.
  const codes = data.bundles ? { ...data, bins: new Uint8Array(buffer, base + binsAt, n * columns) } : data
  // Builds outside the memory read the ordered gradients from entry start on, as the kernel does.
  const referenceBuild = (hist: Float64Array, start: number, end: number, treeFeatures: Int32Array, contiguous: boolean, from = 0, to = treeFeatures.length): void =>
    buildHistogram(hist, layout, codes, rows, start, end, treeFeatures, from, to, gOrdered.subarray(start), hOrdered.subarray(start), contiguous)
  /** Writes the built node's sums and the bundle table's address (nodeTask's parameters 16…19) at target[at…]. */
  const setTotals = (target: Float64Array, at: number, totals: NodeSums): void => {
    target[at + 16] = totals.G[0]
    target[at + 17] = totals.H
    target[at + 18] = totals.count
    target[at + 19] = bundles
  }
  /** Writes one node's search parameters (flag, G, H, count, score, floor) at target[at…]. */
  const setSearch = (target: Float64Array, at: number, sums: NodeSums | null, best: SplitInfo): void => {
    target[at] = sums ? 1 : 0
    if (!sums) return
    target[at + 1] = sums.G[0]
    target[at + 2] = sums.H
    target[at + 3] = sums.count
    target[at + 4] = sums.score
    target[at + 5] = best.gain
  }
  /** Takes node `node`'s results from each thread's slot in feature order: a later share wins only with a strictly larger gain, as one scan would. */
  const merge = (threads: number, node: number, best: SplitInfo): void => {
    for (let t = 0; t < threads; t++) mergeSlot(outF64, outI32, (t * OUT_SLOT_BYTES + node * 48) / 8, best)
  }
  const counts = new Int32Array(buffer, base + countsAt, splitter?.threads ?? 1)
  /**
   * partition of rows[start..end) with the threads each taking a share of
   * the rows: count, scatter to the scratch areas, copy back (row-tasks.ts).
   * Returns the left count.
   */
  const sharedPartition = (start: number, end: number, column: number, splitBin: number, missing: number, missingLeft: number, gradients: number): number => {
    const run = (dispatch as BuildDispatch).runRows
    const m = end - start
    const rowsFrom = base + rowsAt + 4 * start
    const areas = [rowsFrom, base + gAt + 8 * start, base + hAt + 8 * start, base + scratchAt + 4 * start, base + gScratchAt + 8 * start, base + hScratchAt + 8 * start]
    const countArgs = [rowsFrom, column, splitBin, missing, missingLeft]
    const shares = run(PARTITION_COUNT_TASK, countArgs, m, (from, to) => runRowTask(kernel, PARTITION_COUNT_TASK, countArgs, from, to, 0), counts)
    let lefts = 0
    for (let i = 0; i < shares; i++) lefts += counts[i]
    const scatterArgs = [gradients, ...areas, column, splitBin, missing, missingLeft, base + countsAt, shares]
    run(PARTITION_SCATTER_TASK, scatterArgs, m, (from, to) => runRowTask(kernel, PARTITION_SCATTER_TASK, scatterArgs, from, to, 0), shareResults)
    const copyArgs = [gradients, ...areas]
    run(PARTITION_COPY_TASK, copyArgs, m, (from, to) => runRowTask(kernel, PARTITION_COPY_TASK, copyArgs, from, to, 0), shareResults)
    return lefts
  }
  const shareResults = new Int32Array(splitter?.threads ?? 1)
  const free: Float64Array[] = []
  for (let s = slots - 1; s >= 0; s--) free.push(new Float64Array(buffer, base + slotsAt + s * histBytes, layout.size))
  const overflow = new HistogramPool(layout.size)
  const dispatch = splitter?.dispatch ?? null
  const inMemory = (hist: Float64Array): boolean => hist.buffer === buffer
  return {
    rows,
    gOrdered,
    hOrdered,
    acquire: () => free.pop() ?? overflow.acquire(),
    release: (hist) => (inMemory(hist) ? free.push(hist) : overflow.release(hist)),
    build(hist, start, end, treeFeatures, from, to, contiguous) {
      if (!inMemory(hist)) return referenceBuild(hist, start, end, treeFeatures, contiguous, from, to)
      features.set(treeFeatures)
      // A build alone: nodeTask without a parent, searches or bundles' members (a build fills the slices of the entries it is given).
      params[4] = 0
      params[10] = 0
      params[19] = 0
      const args = [counted, hist.byteOffset, base + binsAt, n, base + rowsAt + 4 * start, end - start, contiguous ? 1 : 0, base + gAt + 8 * start, base + hAt + 8 * start, base + offsetsAt, base + nBinsAt, base + featuresAt, 0, base + paramsAt, base + outAt, rowBinsFor(end - start), width, base + blockAt]
      if (dispatch) dispatch.run(args, from, to, kernel.nodeTask)
      else kernel.nodeTask(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11], args[12], args[13], from, to, args[14], args[15], args[16], args[17])
    },
    partition(start, end, feature, splitBin, missingLeft, gradients) {
      const column = base + binsAt + feature * n
      const missing = data.nBins[feature]
      const left = missingLeft ? 1 : 0
      if (dispatch && end - start >= PARALLEL_PARTITION_ROWS) return start + sharedPartition(start, end, column, splitBin, missing, left, gradients ? 1 : 0)
      return gradients
        ? kernel.partition(base + rowsAt, base + gAt, base + hAt, base + scratchAt, base + gScratchAt, base + hScratchAt, column, start, end, splitBin, missing, left)
        : kernel.partitionRows(base + rowsAt, base + scratchAt, column, start, end, splitBin, missing, left)
    },
    partitionBatch(requests, count) {
      let levelRows = 0
      for (let i = 0; i < count; i++) levelRows += requests[i].end - requests[i].start
      const threads = splitter?.threads ?? 1
      // Nodes side by side, a node a thread, largest first; a node that would keep its thread busy longer than the others take for all the rest is
      // partitioned by every thread first (three steps, about twice a plain partition's work a row). On 2 threads no node is: the level's larger
      // node alone took less time than the three steps on it then the others (second level, 2 threads, a fit: 11–13 ms against 18 at 100,000
      // rows, 124–131 against 151–171 at 1,000,000).
      const queue = nodeQueue
      queue.length = 0
      let queued = 0
      for (let i = 0; i < count; i++) {
        const m = requests[i].end - requests[i].start
        if (dispatch && count > 1 && count <= slots && m * (threads - 1) <= levelRows) {
          queue.push(i)
          queued += m
        }
      }
      // Too few rows side by side to be worth waking the helpers: every node here, one after another.
      if (queued < MIN_NODE_PARTITION_ROWS) queue.length = 0
      for (let i = 0, k = 0; i < count; i++) {
        if (queue[k] === i) k++
        else requests[i].right = this.partition(requests[i].start, requests[i].end, requests[i].feature, requests[i].splitBin, requests[i].missingLeft, requests[i].gradients)
      }
      if (queue.length === 0) return
      queue.sort((a, b) => requests[b].end - requests[b].start - (requests[a].end - requests[a].start) || a - b)
      for (let k = 0; k < queue.length; k++) {
        const r = requests[queue[k]]
        const w = (NODE_RECORD_BYTES / 4) * k
        nodeWords[w] = r.start
        nodeWords[w + 1] = r.end
        nodeWords[w + 2] = base + binsAt + r.feature * n
        nodeWords[w + 3] = r.splitBin
        nodeWords[w + 4] = data.nBins[r.feature]
        nodeWords[w + 5] = r.missingLeft ? 1 : 0
        nodeWords[w + 6] = r.gradients ? 1 : 0
      }
      const nodeArgs = [base + nodeRecordsAt, base + rowsAt, base + gAt, base + hAt, base + scratchAt, base + gScratchAt, base + hScratchAt]
      ;(dispatch as BuildDispatch).runQueue(NODES_TASK, nodeArgs, queue.length, (from, to) => kernel.partitionNodes(nodeArgs[0], from, to, nodeArgs[1], nodeArgs[2], nodeArgs[3], nodeArgs[4], nodeArgs[5], nodeArgs[6]))
      for (let k = 0; k < queue.length; k++) requests[queue[k]].right = nodeWords[(NODE_RECORD_BYTES / 4) * k + 7]
    },
    buildSearch(work) {
      const { hist, parent, features: treeFeatures, constraints: c } = work
      if (!inMemory(hist) || (parent && !inMemory(parent))) return buildSearchInOrder(work, layout, data, searchScratch, referenceBuild)
      features.set(treeFeatures)
      params[0] = c.lambda
      params[1] = c.alpha
      params[2] = c.minChildWeight
      params[3] = c.minSamplesLeaf
      setSearch(params, 4, work.search, work.best)
      setSearch(params, 10, parent ? work.parentSearch : null, work.parentBest)
      setTotals(params, 0, work.totals)
      const args = [counted, hist.byteOffset, base + binsAt, n, base + rowsAt + 4 * work.start, work.end - work.start, work.contiguous ? 1 : 0, base + gAt + 8 * work.start, base + hAt + 8 * work.start, base + offsetsAt, base + nBinsAt, base + featuresAt, parent ? parent.byteOffset : 0, base + paramsAt, base + outAt, rowBinsFor(work.end - work.start), width, base + blockAt]
      const p = treeFeatures.length
      let threads = 1
      if (dispatch) threads = dispatch.run(args, 0, p, kernel.nodeTask)
      else kernel.nodeTask(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[11], args[12], args[13], 0, p, args[14], args[15], args[16], args[17])
      if (work.search) merge(threads, 0, work.best)
      if (parent && work.parentSearch) merge(threads, 1, work.parentBest)
    },
    buildSearchBatch(works, count) {
      let inPlace = dispatch !== null && plan !== null && count <= slots
      for (let i = 0; i < count && inPlace; i++) inPlace = inMemory(works[i].hist) && (!works[i].parent || inMemory(works[i].parent as Float64Array)) && works[i].features === works[0].features
      if (!inPlace || count === 0) {
        for (let i = 0; i < count; i++) this.buildSearch(works[i])
        return
      }
      const run = dispatch as BuildDispatch
      const levelPlan = plan as LevelPlan
      const treeFeatures = works[0].features
      const p = treeFeatures.length
      // Rows and passes over the bins (searches, subtraction) of each item, for the cost model.
      const itemRows = (i: number): number => works[i].end - works[i].start
      const itemPasses = (i: number): number => (works[i].search ? 1 : 0) + (works[i].parent ? (works[i].parentSearch ? 2 : 1) : 0)
      // An item's cost is its rows times the features' row weights plus its passes over their bins: sums made once per set of features.
      if (treeFeatures !== costFeatures) {
        costFeatures = treeFeatures
        featureSums = featureCostSums(data.nBins, treeFeatures)
      }
      const sums = featureSums
      levelPlan.plan(
        count,
        p,
        (i) => itemRows(i) * sums.rowWeight + itemPasses(i) * sums.binWeight,
        (i, fi) => featureCost(data.nBins[treeFeatures[fi]], itemRows(i), itemPasses(i)),
      )
      if (levelPlan.total < MIN_SPLIT_COST || levelPlan.count > maxUnits) {
        for (let i = 0; i < count; i++) this.buildSearch(works[i])
        return
      }
      features.set(treeFeatures)
      for (let i = 0; i < count; i++) {
        const work = works[i]
        const c = work.constraints
        const at = PARAM_DOUBLES * i
        itemParams[at] = c.lambda
        itemParams[at + 1] = c.alpha
        itemParams[at + 2] = c.minChildWeight
        itemParams[at + 3] = c.minSamplesLeaf
        setSearch(itemParams, at + 4, work.search, work.best)
        setSearch(itemParams, at + 10, work.parent ? work.parentSearch : null, work.parentBest)
        setTotals(itemParams, at, work.totals)
      }
      // Records in queue order; each unit's results in the slot of its place in the plan.
      for (let k = 0; k < levelPlan.count; k++) {
        const u = levelPlan.queue[k]
        const work = works[levelPlan.item[u]]
        const r = (UNIT_BYTES / 4) * k
        const m = work.end - work.start
        unitWords[r] = work.hist.byteOffset
        unitWords[r + 1] = base + rowsAt + 4 * work.start
        unitWords[r + 2] = m
        unitWords[r + 3] = work.contiguous ? 1 : 0
        unitWords[r + 4] = base + gAt + 8 * work.start
        unitWords[r + 5] = base + hAt + 8 * work.start
        unitWords[r + 6] = work.parent ? work.parent.byteOffset : 0
        unitWords[r + 7] = base + itemParamsAt + 8 * PARAM_DOUBLES * levelPlan.item[u]
        unitWords[r + 8] = levelPlan.from[u]
        unitWords[r + 9] = levelPlan.to[u]
        unitWords[r + 10] = base + unitOutAt + OUT_SLOT_BYTES * u
        unitWords[r + 11] = rowBinsFor(m)
      }
      const unitArgs = [base + unitsAt, counted, base + binsAt, n, base + offsetsAt, base + nBinsAt, base + featuresAt, width, base + blockAt]
      run.runQueue(UNITS_TASK, unitArgs, levelPlan.count, (from, to) => kernel.nodeUnits(base + unitsAt, from, to, counted, base + binsAt, n, base + offsetsAt, base + nBinsAt, base + featuresAt, width, base + blockAt))
      // Each item's units were planned features ascending: merged in plan order, a later unit wins only with a strictly larger gain.
      for (let u = 0; u < levelPlan.count; u++) {
        const work = works[levelPlan.item[u]]
        const f = (OUT_SLOT_BYTES / 8) * u
        if (work.search) mergeSlot(unitOutF64, unitOutI32, f, work.best)
        if (work.parent && work.parentSearch) mergeSlot(unitOutF64, unitOutI32, f + 6, work.parentBest)
      }
    },
  }
}
