/**
 * Boosting's gradient pass for the binary log loss in WebAssembly
 * (assembly/gradients.ts, in the histogram kernel's module): the scores,
 * gradients and hessians live in the kernel's memory, and each round one
 * call computes every training row two at a time. It gives the bits of
 * binaryLogLoss.gradients (objectives.ts), which stays the reference: rows
 * whose scores fall outside the ported branches are computed by the
 * reference's own loop (binaryLogLossTerms), and the loss is summed rows in
 * order. 12 ns a row against the reference's 27 (a ninth of a 100,000-row
 * fit before).
 *
 * On threads (wasm-kernel.ts with a splitter) the pass lives in the helpers'
 * shared memory and its rows are cut between the threads (row-tasks.ts); the
 * score update after each tree (addLeafValues) runs in WebAssembly too, the
 * grower's row index being in the same memory.
 */
import { binaryLogLossTerms } from '../objectives'
import { addLeafValues } from '../leaf-values'
import type { GrownTree } from '../types'
import { GRADIENT_TASK, LANES_STRIDE, runRowTask, shareStart, type RowTaskExports } from './row-tasks'
import { MemoryLayout, webAssembly, type WasmMemory, type WasmModule } from './wasm-api'
import type { BuildDispatch } from './wasm-kernel'

/** A gradient pass over fixed rows, with the buffers it reads and writes. */
export interface GradientPass {
  /** Scores by row (n), which the caller updates between passes. */
  readonly scores: Float64Array
  /** Gradients and hessians by row (n), written by run for the pass's rows. */
  readonly g: Float64Array
  readonly h: Float64Array
  /** Computes g and h of the rows from the scores; returns the weighted mean loss, as Objective.gradients. */
  run(): number
  /** addLeafValues (../leaf-values.ts) of `tree` into `scores`, with the same bits. */
  addLeafValues(tree: GrownTree, rate: number): void
}

/** Where a pass lives on threads, and how it reaches the helpers. */
export interface SharedPlace {
  memory: WasmMemory & { grow(pages: number): number }
  /** The pass's first byte in the memory. */
  base: number
  dispatch: BuildDispatch
  threads: number
  /** Set by binaryGradientPass: the bytes the pass took from `base` on. */
  bytes: number
}

interface GradientExports extends RowTaskExports {
  sumTerms(terms: number, w: number, rows: number, m: number): number
  addLeafValues(scores: number, rows: number, starts: number, ends: number, values: number, count: number, from: number, to: number): void
}

const PAGE = 65536
/** Leaves a tree may have for its score update to run in WebAssembly; larger trees take the reference loop. */
const LEAF_CAPACITY = 4096

/**
 * One memory and instance per thread, grown as fits need: a fit is
 * synchronous, so the next pass made on this thread comes after the last
 * one's fit ended. (Every WebAssembly memory reserves gigabytes of address
 * space until it is collected; a search fitting hundreds of models should
 * not make one each.)
 */
let reused: { module: WasmModule; memory: WasmMemory & { grow(pages: number): number }; kernel: GradientExports } | null = null

/**
 * The binary log loss's pass over `rows` (y and w indexed by row, n of
 * them) with the histogram kernel's `module`: in this thread's one memory
 * (plain module), or with `place` in the helpers' shared memory (shared
 * module). A pass is valid until the next is made on this thread.
 */
export function binaryGradientPass(module: WasmModule, y: Float64Array, w: Float64Array, rows: Uint32Array, place: SharedPlace | null = null): GradientPass {
  const wasm = webAssembly() as NonNullable<ReturnType<typeof webAssembly>>
  const n = y.length
  const m = rows.length
  const threads = place ? place.threads : 1
  const base = place ? place.base : 0
  const layout = new MemoryLayout()
  const take = (size: number): number => base + layout.take(size)
  const scoresAt = take(8 * n)
  const yAt = take(8 * n)
  const wAt = take(8 * n)
  const gAt = take(8 * n)
  const hAt = take(8 * n)
  const rowsAt = take(4 * m)
  // Whole pairs: one double past an odd m.
  const termsAt = take(8 * m + 8)
  const slowAt = take(4 * m)
  const lanesAt = take(LANES_STRIDE * threads)
  const leaves = place ? LEAF_CAPACITY : 0
  const startsAt = take(4 * leaves)
  const endsAt = take(4 * leaves)
  const valuesAt = take(8 * leaves)
  let memory: WasmMemory & { grow(pages: number): number }
  let kernel: GradientExports
  if (place) {
    memory = place.memory
    place.bytes = layout.bytes
  } else {
    if (!reused || reused.module !== module) {
      const own = new wasm.Memory({ initial: Math.max(1, Math.ceil(layout.bytes / PAGE)) }) as WasmMemory & { grow(pages: number): number }
      reused = { module, memory: own, kernel: new wasm.Instance(module, { env: { memory: own, abort: () => {} } }).exports as unknown as GradientExports }
    }
    memory = reused.memory
  }
  const missing = Math.ceil((base + layout.bytes - memory.buffer.byteLength) / PAGE)
  if (missing > 0) memory.grow(missing)
  if (place) kernel = new wasm.Instance(module, { env: { memory, abort: () => {} } }).exports as unknown as GradientExports
  else kernel = (reused as NonNullable<typeof reused>).kernel
  // Views only now: growing replaces the buffer.
  const buffer = memory.buffer
  const scores = new Float64Array(buffer, scoresAt, n)
  const yIn = new Float64Array(buffer, yAt, n)
  const wIn = new Float64Array(buffer, wAt, n)
  const g = new Float64Array(buffer, gAt, n)
  const h = new Float64Array(buffer, hAt, n)
  const terms = new Float64Array(buffer, termsAt, m)
  const slow = new Uint32Array(buffer, slowAt, m)
  const starts = new Int32Array(buffer, startsAt, leaves)
  const ends = new Int32Array(buffer, endsAt, leaves)
  const values = new Float64Array(buffer, valuesAt, leaves)
  // The last fit's values are still there: rows outside `rows` must read 0, as in a fresh array.
  g.fill(0)
  h.fill(0)
  yIn.set(y)
  wIn.set(w)
  new Uint32Array(buffer, rowsAt, m).set(rows)
  const gradientArgs = [scoresAt, yAt, wAt, rowsAt, gAt, hAt, termsAt, slowAt, lanesAt]
  const results = new Int32Array(threads)
  const localGradients = (from: number, to: number): number => runRowTask(kernel, GRADIENT_TASK, gradientArgs, from, to, 0)
  return {
    scores,
    g,
    h,
    run() {
      const shares = place ? place.dispatch.runRows(GRADIENT_TASK, gradientArgs, m, localGradients, results) : ((results[0] = localGradients(0, m)), 1)
      // Each share listed its slow positions from its own start on, relative to it.
      for (let i = 0; i < shares; i++) {
        const start = shareStart(m, shares, i)
        for (let j = 0; j < results[i]; j++) {
          const k = start + slow[start + j]
          // One row's sum is its term (+0 for a −0 term, which adds the same to the loss).
          terms[k] = binaryLogLossTerms(scores, yIn, wIn, rows, k, k + 1, g, h)
        }
      }
      return kernel.sumTerms(termsAt, wAt, rowsAt, m)
    },
    addLeafValues(tree, rate) {
      // The grower's rows in this memory (its buffer object changes when the memory grows, as it does for the workspace made after the pass).
      if (!place || tree.rows.buffer !== memory.buffer) return addLeafValues(tree, rate, scores)
      let count = 0
      for (let node = 0; node < tree.nodeCount && count <= leaves; node++) {
        if (tree.feature[node] >= 0) continue
        if (count < leaves) {
          starts[count] = tree.rowStart[node]
          ends[count] = tree.rowEnd[node]
          values[count] = rate * tree.value[node]
        }
        count++
      }
      if (count > leaves) return addLeafValues(tree, rate, scores)
      // On this thread alone: rows of one leaf are scattered over the scores, and threads sharing the
      // update would write the same cache lines (measured: each half as slow as the whole on one).
      kernel.addLeafValues(scoresAt, tree.rows.byteOffset, startsAt, endsAt, valuesAt, count, 0, tree.rowEnd[0])
      // Passengers (validation and unsampled rows) are few next to the grown rows: the reference adds them.
      addLeafValues(tree, rate, scores, false)
    },
  }
}
