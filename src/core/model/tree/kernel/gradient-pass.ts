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
 */
import { binaryLogLossTerms } from '../objectives'
import { MemoryLayout, webAssembly, type WasmMemory, type WasmModule } from './wasm-api'

/** A gradient pass over fixed rows, with the buffers it reads and writes. */
export interface GradientPass {
  /** Scores by row (n), which the caller updates between passes. */
  readonly scores: Float64Array
  /** Gradients and hessians by row (n), written by run for the pass's rows. */
  readonly g: Float64Array
  readonly h: Float64Array
  /** Computes g and h of the rows from the scores; returns the weighted mean loss, as Objective.gradients. */
  run(): number
}

interface GradientExports {
  binaryGradients(scores: number, y: number, w: number, rows: number, m: number, g: number, h: number, terms: number, slow: number, lanes: number): number
  sumTerms(terms: number, w: number, rows: number, m: number): number
}

const PAGE = 65536

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
 * them) with the histogram kernel's `module` (plain memory). The buffers
 * are this thread's one memory: a pass is valid until the next is made.
 */
export function binaryGradientPass(module: WasmModule, y: Float64Array, w: Float64Array, rows: Uint32Array): GradientPass {
  const wasm = webAssembly() as NonNullable<ReturnType<typeof webAssembly>>
  const n = y.length
  const m = rows.length
  const layout = new MemoryLayout()
  const take = (size: number): number => layout.take(size)
  const scoresAt = take(8 * n)
  const yAt = take(8 * n)
  const wAt = take(8 * n)
  const gAt = take(8 * n)
  const hAt = take(8 * n)
  const rowsAt = take(4 * m)
  // Whole pairs: one double past an odd m.
  const termsAt = take(8 * m + 8)
  const slowAt = take(4 * m)
  const lanesAt = take(16)
  if (!reused || reused.module !== module) {
    const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(layout.bytes / PAGE)) }) as WasmMemory & { grow(pages: number): number }
    reused = { module, memory, kernel: new wasm.Instance(module, { env: { memory, abort: () => {} } }).exports as unknown as GradientExports }
  }
  const { memory, kernel } = reused
  const missing = Math.ceil((layout.bytes - memory.buffer.byteLength) / PAGE)
  if (missing > 0) memory.grow(missing)
  // Views only now: growing replaces the buffer.
  const buffer = memory.buffer
  const scores = new Float64Array(buffer, scoresAt, n)
  const yIn = new Float64Array(buffer, yAt, n)
  const wIn = new Float64Array(buffer, wAt, n)
  const g = new Float64Array(buffer, gAt, n)
  const h = new Float64Array(buffer, hAt, n)
  const terms = new Float64Array(buffer, termsAt, m)
  const slow = new Uint32Array(buffer, slowAt, m)
  // The last fit's values are still there: rows outside `rows` must read 0, as in a fresh array.
  g.fill(0)
  h.fill(0)
  yIn.set(y)
  wIn.set(w)
  new Uint32Array(buffer, rowsAt, m).set(rows)
  return {
    scores,
    g,
    h,
    run() {
      const count = kernel.binaryGradients(scoresAt, yAt, wAt, rowsAt, m, gAt, hAt, termsAt, slowAt, lanesAt)
      for (let j = 0; j < count; j++) {
        const k = slow[j]
        // One row's sum is its term (+0 for a −0 term, which adds the same to the loss).
        terms[k] = binaryLogLossTerms(scores, yIn, wIn, rows, k, k + 1, g, h)
      }
      return kernel.sumTerms(termsAt, wAt, rowsAt, m)
    },
  }
}
