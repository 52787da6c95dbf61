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
 * The kernel (wasm-kernel.ts) puts the pass at the start of the memory its
 * workspace then follows in — this thread's, or on threads the helpers'
 * shared one, where the pass's rows are cut between the threads
 * (row-tasks.ts) — so the score update after each tree (addLeafValues) runs
 * in WebAssembly too, over the grower's row index in the same memory
 * (1,000,000 rows, one thread: 370 → 150 ms a fit).
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
  /**
   * Writes the gradients and hessians into `g` and `h` from now on (n
   * entries each, views of the pass's memory: a grower's ordered gradients,
   * when every tree grows on all rows in order, so that the grower need not
   * copy them). Returns false, changing nothing, for arrays elsewhere.
   */
  target(g: Float64Array, h: Float64Array): boolean
}

/** Where a pass lives — a memory from `base` on — and, on threads, how its rows reach the helpers. */
export interface PassPlace {
  memory: WasmMemory & { grow(pages: number): number }
  /** The pass's first byte in the memory. */
  base: number
  /** The helpers' dispatch, or null on one thread. */
  dispatch: BuildDispatch | null
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
 * The binary log loss's pass over `rows` (y and w indexed by row, n of
 * them) with the histogram kernel's `module`, in `place` (the kernel's:
 * this thread's memory before the workspace, or the helpers' shared memory;
 * see wasm-kernel.ts). A pass is valid until the next is made on this thread. Its arrays are views of the memory, made
 * again when the memory has grown (a plain memory's buffer is then
 * replaced): read them after making the fit's workspace.
 */
export function binaryGradientPass(module: WasmModule, y: Float64Array, w: Float64Array, rows: Uint32Array, place: PassPlace): GradientPass {
  const wasm = webAssembly() as NonNullable<ReturnType<typeof webAssembly>>
  const n = y.length
  const m = rows.length
  const { memory, threads, base } = place
  const layout = new MemoryLayout()
  const take = (size: number): number => base + layout.take(size)
  const scoresAt = take(8 * n)
  const yAt = take(8 * n)
  const wAt = take(8 * n)
  let gAt = take(8 * n)
  let hAt = take(8 * n)
  const rowsAt = take(4 * m)
  // Whole pairs: one double past an odd m.
  const termsAt = take(8 * m + 8)
  const slowAt = take(4 * m)
  const lanesAt = take(LANES_STRIDE * threads)
  const leaves = LEAF_CAPACITY
  const startsAt = take(4 * leaves)
  const endsAt = take(4 * leaves)
  const valuesAt = take(8 * leaves)
  place.bytes = layout.bytes
  const missing = Math.ceil((base + layout.bytes - memory.buffer.byteLength) / PAGE)
  if (missing > 0) memory.grow(missing)
  const kernel = new wasm.Instance(module, { env: { memory, abort: () => {} } }).exports as unknown as GradientExports
  const viewsOf = (buffer: ArrayBuffer | SharedArrayBuffer) => ({
    buffer,
    scores: new Float64Array(buffer, scoresAt, n),
    y: new Float64Array(buffer, yAt, n),
    w: new Float64Array(buffer, wAt, n),
    g: new Float64Array(buffer, gAt, n),
    h: new Float64Array(buffer, hAt, n),
    terms: new Float64Array(buffer, termsAt, m),
    slow: new Uint32Array(buffer, slowAt, m),
    starts: new Int32Array(buffer, startsAt, leaves),
    ends: new Int32Array(buffer, endsAt, leaves),
    values: new Float64Array(buffer, valuesAt, leaves),
  })
  let current = viewsOf(memory.buffer)
  const views = (): ReturnType<typeof viewsOf> => (current.buffer === memory.buffer ? current : (current = viewsOf(memory.buffer)))
  // The last fit's values are still there: rows outside `rows` must read 0, as in a fresh array.
  current.g.fill(0)
  current.h.fill(0)
  current.y.set(y)
  current.w.set(w)
  new Uint32Array(memory.buffer, rowsAt, m).set(rows)
  const gradientArgs = [scoresAt, yAt, wAt, rowsAt, gAt, hAt, termsAt, slowAt, lanesAt]
  const results = new Int32Array(threads)
  const localGradients = (from: number, to: number): number => runRowTask(kernel, GRADIENT_TASK, gradientArgs, from, to, 0)
  return {
    get scores() {
      return views().scores
    },
    get g() {
      return views().g
    },
    get h() {
      return views().h
    },
    run() {
      const shares = place.dispatch ? place.dispatch.runRows(GRADIENT_TASK, gradientArgs, m, localGradients, results) : ((results[0] = localGradients(0, m)), 1)
      const { scores, y: yIn, w: wIn, g, h, terms, slow } = views()
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
    target(g, h) {
      if (g.buffer !== memory.buffer || h.buffer !== memory.buffer || g.length !== n || h.length !== n) return false
      gAt = g.byteOffset
      hAt = h.byteOffset
      gradientArgs[4] = gAt
      gradientArgs[5] = hAt
      current = viewsOf(memory.buffer)
      return true
    },
    addLeafValues(tree, rate) {
      const { scores, starts, ends, values } = views()
      // WebAssembly where the grower's rows are in this memory (the kernel's workspace, made after the pass).
      if (tree.rows.buffer !== memory.buffer) return addLeafValues(tree, rate, scores)
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
