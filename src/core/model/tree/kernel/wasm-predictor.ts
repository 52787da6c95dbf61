/**
 * The WebAssembly prediction kernel (assembly/predict.ts) over one
 * ensemble: its trees laid out once (../predict-layout.ts) in a memory of
 * their own, which also holds the block buffer, a chunk of input rows and
 * their sums. Rows are copied in a chunk at a time, so the memory stays the
 * same size whatever the batch. Same bits as the TypeScript walk
 * (tests/unit/core/model/tree/wasm-predictor.test.ts).
 *
 * Measured in Node 20 on 100 depth-6 trees over 100,000 × 42 rows (CPU time,
 * median of 7): the TypeScript block walk 0.52–0.60 M rows/s; this kernel with
 * missing-value directions tested in the step 1.30 M; with them folded into
 * the layout (negated columns) 1.75–1.81 M; chunks of 2,048 rows rather than
 * 8,192 a little faster (1.66 M).
 */
import { decodeBase64 } from '../base64'
import type { Matrix } from '../../../types'
import { predictLayout } from '../predict-layout'
import type { TreeEnsembleArrays } from '../predictor'
import { PREDICT_WASM } from './predict-wasm'
import { webAssembly, type WasmModule } from './wasm-api'

type PredictExport = (nodes: number, values: number, roots: number, steps: number, treeOutput: number, trees: number, leafWidth: number, outputs: number, columns: number, width: number, block: number, buf: number, data: number, p: number, n: number, sums: number) => void

/** Bytes of input rows copied in per call of the kernel (at least one block of rows). */
const CHUNK_BYTES = 1 << 18
const PAGE = 65536

let compiled: WasmModule | null | undefined

/** The compiled kernel, or null where WebAssembly is unavailable. Compiled once per thread. */
function predictModule(): WasmModule | null {
  if (compiled !== undefined) return compiled
  compiled = null
  const wasm = webAssembly()
  try {
    const bytes = decodeBase64(PREDICT_WASM, 'prediction kernel') as Uint8Array<ArrayBuffer>
    if (wasm?.validate(bytes)) compiled = new wasm.Module(bytes)
  } catch {
    compiled = null
  }
  return compiled
}

/** Rows copied in per call of the kernel for matrices of p columns: about CHUNK_BYTES, whole blocks, at least one. */
export function predictChunkRows(p: number, blockRows: number): number {
  return Math.max(1, Math.floor(CHUNK_BYTES / (8 * Math.max(1, p) * blockRows))) * blockRows
}

/** Raw scores of X (row-major n × outputs), as TreeEnsemble.predictRaw gives them. */
export type RawPredictor = (X: Matrix) => Float64Array

/**
 * A predictor for the trees of `a` over matrices of `p` columns walking
 * `blockRows` rows at a time, or null where WebAssembly is unavailable or
 * the arrays are not trees.
 */
export function wasmPredictor(a: TreeEnsembleArrays, p: number, blockRows: number): RawPredictor | null {
  const module = predictModule()
  if (!module) return null
  const layout = predictLayout(a)
  // A feature past the matrix's columns would read outside the rows copied in: leave such arrays to the TypeScript walk.
  if (!layout || layout.columns.some((code) => code >> 2 >= p)) return null
  const wasm = webAssembly() as NonNullable<ReturnType<typeof webAssembly>>
  const { nodes, roots, columns } = layout
  const T = roots.length
  const W = a.leafWidth
  const D = a.outputs
  const width = columns.length
  const chunk = predictChunkRows(p, blockRows)
  let bytes = 0
  const take = (size: number): number => {
    const at = bytes
    bytes = (at + size + 15) & ~15
    return at
  }
  const nodesAt = take(16 * nodes)
  const valuesAt = take(8 * nodes * W)
  const rootsAt = take(4 * T)
  const stepsAt = take(4 * T)
  const outputAt = take(4 * T)
  const columnsAt = take(4 * width)
  const bufAt = take(8 * blockRows * width)
  const dataAt = take(8 * chunk * p)
  const sumsAt = take(8 * chunk * D)
  const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) })
  const buffer = memory.buffer as ArrayBuffer
  const predict = new wasm.Instance(module, { env: { memory, abort: () => {} } }).exports.predict as PredictExport
  // Node k: f64 threshold, i32 byte offset of its buffer column, i32 byte address of its first child.
  const threshold = new Float64Array(buffer, nodesAt, 2 * nodes)
  const ints = new Int32Array(buffer, nodesAt, 4 * nodes)
  for (let k = 0; k < nodes; k++) {
    threshold[2 * k] = layout.threshold[k]
    ints[4 * k + 2] = 8 * blockRows * layout.column[k]
    ints[4 * k + 3] = nodesAt + 16 * layout.first[k]
  }
  new Float64Array(buffer, valuesAt, nodes * W).set(layout.value.subarray(0, nodes * W))
  const rootAddress = new Int32Array(buffer, rootsAt, T)
  for (let t = 0; t < T; t++) rootAddress[t] = nodesAt + 16 * roots[t]
  new Int32Array(buffer, stepsAt, T).set(layout.steps)
  new Int32Array(buffer, outputAt, T).set(a.treeOutput)
  new Int32Array(buffer, columnsAt, width).set(columns)
  const input = new Float64Array(buffer, dataAt, chunk * p)
  const sums = new Float64Array(buffer, sumsAt, chunk * D)
  const { baseScore, scale } = a
  return (X: Matrix): Float64Array => {
    const { rows: n, data } = X
    const out = new Float64Array(n * D)
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start)
      input.set(data.subarray(start * p, (start + m) * p))
      predict(nodesAt, valuesAt, rootsAt, stepsAt, outputAt, T, W, D, columnsAt, width, blockRows, bufAt, dataAt, p, m, sumsAt)
      for (let i = 0; i < m; i++) for (let c = 0; c < D; c++) out[(start + i) * D + c] = baseScore[c] + scale * sums[i * D + c]
    }
    return out
  }
}
