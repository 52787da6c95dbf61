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
import { HISTOGRAM_WASM, HISTOGRAM_WASM_SHARED } from './histogram-wasm'
import { webAssembly, type WasmMemory, type WasmModule } from './wasm-api'
import { binaryGradientPass, type PassPlace } from './gradient-pass'
import type { RowTaskExports } from './row-tasks'
import type { HistogramKernel } from './workspace'
import type { ThreadedMemory } from './parallel'
import { wasmBinMatrix } from './wasm-binning'
import { wasmBinEdges } from './wasm-edges'
import { wasmWorkspace } from './wasm-workspace'

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
export function workspaceMemory(splitter: BuildSplitter | null, after: number, bytes: number): { memory: WasmMemory; base: number } {
  const memory = splitter ? splitter.shared.memory : threadMemory()
  const base = (splitter ? splitter.shared.reserved : 0) + after
  const missing = Math.ceil((base + bytes - memory.buffer.byteLength) / PAGE)
  if (missing > 0) memory.grow(missing)
  return { memory, base }
}
