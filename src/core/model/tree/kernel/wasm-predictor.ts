/**
 * The WebAssembly prediction kernel (assembly/predict.ts). Each ensemble's
 * trees are laid out once (../predict-layout.ts) as an image of bytes; one
 * memory per thread holds the image of the ensemble predicting now, the
 * block buffer, a chunk of input rows and their sums. Rows are copied in a
 * chunk at a time, so the memory stays small whatever the batch. One memory,
 * not one per model: every WebAssembly memory reserves gigabytes of address
 * space, and a process holding many fitted models could run out of it. An
 * ensemble predicting after another copies its image in again (24 bytes a
 * node). Same bits as the TypeScript walk
 * (tests/unit/core/model/tree/wasm-predictor.test.ts).
 *
 * Measured in Node 20 on 100 depth-6 trees over 100,000 × 42 rows (CPU time,
 * median of 7): the TypeScript block walk 0.52–0.75 M rows/s; this kernel with
 * missing-value directions tested in the step 1.30 M; with them folded into
 * the layout (negated columns) 1.75–1.83 M; input chunks of 256 KiB 4% faster
 * than 1 MiB.
 */
import { decodeBase64 } from '../base64'
import type { Matrix } from '../../../types'
import { predictLayout } from '../predict-layout'
import type { TreeEnsembleArrays } from '../predictor'
import { PREDICT_WASM } from './predict-wasm'
import { MemoryLayout, webAssembly, type WasmMemory, type WasmModule } from './wasm-api'

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

interface GrowableMemory extends WasmMemory {
  grow(pages: number): number
}

/** This thread's kernel: its memory, its export, and the image now in the memory. */
interface Kernel {
  memory: GrowableMemory
  predict: PredictExport
  loaded: Uint8Array | null
}

let kernel: Kernel | null | undefined

/** This thread's kernel, or null where WebAssembly is unavailable. */
function threadKernel(): Kernel | null {
  if (kernel !== undefined) return kernel
  kernel = null
  const module = predictModule()
  const wasm = webAssembly()
  if (!module || !wasm) return null
  try {
    const memory = new wasm.Memory({ initial: 1 }) as GrowableMemory
    const predict = new wasm.Instance(module, { env: { memory, abort: () => {} } }).exports.predict as PredictExport
    kernel = { memory, predict, loaded: null }
  } catch {
    kernel = null
  }
  return kernel
}

/** Makes the kernel's memory at least `bytes` long; false when it cannot grow. */
function reserve(k: Kernel, bytes: number): boolean {
  const missing = Math.ceil((bytes - k.memory.buffer.byteLength) / PAGE)
  if (missing <= 0) return true
  try {
    k.memory.grow(missing)
    return true
  } catch {
    return false
  }
}

/** Raw scores of X (row-major n × outputs), as TreeEnsemble.predictRaw gives them; null when the kernel's memory cannot grow to the trees. */
export type RawPredictor = (X: Matrix) => Float64Array | null

/**
 * A predictor for the trees of `a` over matrices of `p` columns walking
 * `blockRows` rows at a time, or null where WebAssembly is unavailable or
 * the arrays are not trees.
 */
export function wasmPredictor(a: TreeEnsembleArrays, p: number, blockRows: number): RawPredictor | null {
  const k = threadKernel()
  if (!k) return null
  const layout = predictLayout(a)
  // A feature past the matrix's columns would read outside the rows copied in: leave such arrays to the TypeScript walk.
  if (!layout || layout.columns.some((code) => code >> 2 >= p)) return null
  const { nodes, roots, columns } = layout
  const T = roots.length
  const W = a.leafWidth
  const D = a.outputs
  const width = columns.length
  const chunk = predictChunkRows(p, blockRows)
  const place = new MemoryLayout()
  const take = (size: number): number => place.take(size)
  // The image (trees, in memory from address 0), then the working space.
  const nodesAt = take(16 * nodes)
  const valuesAt = take(8 * nodes * W)
  const rootsAt = take(4 * T)
  const stepsAt = take(4 * T)
  const outputAt = take(4 * T)
  const columnsAt = take(4 * width)
  const image = new Uint8Array(place.bytes)
  const bufAt = take(8 * blockRows * width)
  const dataAt = take(8 * chunk * p)
  const sumsAt = take(8 * chunk * D)
  const total = place.bytes
  const at = image.buffer
  // Node k: f64 threshold, i32 byte offset of its buffer column, i32 byte address of its first child.
  const threshold = new Float64Array(at, nodesAt, 2 * nodes)
  const ints = new Int32Array(at, nodesAt, 4 * nodes)
  for (let i = 0; i < nodes; i++) {
    threshold[2 * i] = layout.threshold[i]
    ints[4 * i + 2] = 8 * blockRows * layout.column[i]
    ints[4 * i + 3] = nodesAt + 16 * layout.first[i]
  }
  new Float64Array(at, valuesAt, nodes * W).set(layout.value.subarray(0, nodes * W))
  const rootAddress = new Int32Array(at, rootsAt, T)
  for (let t = 0; t < T; t++) rootAddress[t] = nodesAt + 16 * roots[t]
  new Int32Array(at, stepsAt, T).set(layout.steps)
  new Int32Array(at, outputAt, T).set(a.treeOutput)
  new Int32Array(at, columnsAt, width).set(columns)
  const { baseScore, scale } = a
  return (X: Matrix): Float64Array | null => {
    if (!reserve(k, total)) return null
    const buffer = k.memory.buffer as ArrayBuffer
    if (k.loaded !== image) {
      new Uint8Array(buffer, 0, image.length).set(image)
      k.loaded = image
    }
    const input = new Float64Array(buffer, dataAt, chunk * p)
    const sums = new Float64Array(buffer, sumsAt, chunk * D)
    const { rows: n, data } = X
    const out = new Float64Array(n * D)
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start)
      input.set(data.subarray(start * p, (start + m) * p))
      k.predict(nodesAt, valuesAt, rootsAt, stepsAt, outputAt, T, W, D, columnsAt, width, blockRows, bufAt, dataAt, p, m, sumsAt)
      for (let i = 0; i < m; i++) for (let c = 0; c < D; c++) out[(start + i) * D + c] = baseScore[c] + scale * sums[i * D + c]
    }
    return out
  }
}
