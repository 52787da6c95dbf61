/**
 * One fit of the engine bench, in its own process so peak memory is this fit's
 * alone (the parent runs one worker per model and size). Reads the matrices
 * the suite cached as .npy (the same files the Python peers read), fits with
 * the studio's core estimator (or the ml-random-forest peer), scores the
 * held-out rows and prints one JSON line on stdout; progress goes to stderr.
 *
 *   node --expose-gc --import tsx tests/bench/engine-worker.ts --dir <cache> --family gbdt --params '{"…"}' [--sample 2000]
 *   node --expose-gc --import tsx tests/bench/engine-worker.ts --dir <cache> --peer ml-random-forest --trees 20 --sample 2000
 *
 * Peak memory: the kernel's own high-water mark of resident memory (VmHWM),
 * reset just before the fit by writing 5 to /proc/self/clear_refs, so it is
 * the peak RSS during the fit (data already loaded included), sampled on every
 * page fault rather than every 100 ms, and possible although fit blocks the
 * event loop.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { rocAuc } from '../../src/core/metrics/classification'
import { prepareTfjsBackend } from '../../src/core/model/mlp/tfjs-setup'
import { familyInfo } from '../../src/core/model/registry'
import { createRandom, shuffleInPlace } from '../../src/core/random'
import type { Matrix } from '../../src/core/types'
import { tenthsReporter } from '../../src/node/cli/progress'
import { useThreads } from '../../src/node/threads/histogram-threads'
import { useNodeTfjsBackend } from '../../src/node/tfjs-backend'

/** What a worker prints. */
export interface WorkerResult {
  fitSeconds: number
  predictRowsPerSecond: number
  auc: number | null
  /** Peak RSS during the fit in MB; null where /proc is unavailable. */
  peakMemoryMB: number | null
  /** RSS just before the fit (data loaded), MB. */
  rssBeforeFitMB: number | null
  trainRows: number
  testRows: number
  matrixColumns: number
  /** Parameters passed to the estimator (ours) or options of the peer. */
  params: Record<string, unknown>
  /** Threads the fit could use, and the histogram kernel tree fits built with (ours). */
  threads: number
  kernel: string | null
  /** Neural net only: the tfjs backend that ran, the epochs run and the fitted model (compared with the page's fit by mlp-page-bench.ts). */
  backend?: string
  epochs?: number
  model?: unknown
}

/** Seed of the training-row sample, so our forest and the peer see the same rows. */
const SAMPLE_SEED = 42

/** Reads a little-endian float64 C-order .npy file (what numpy.save writes for float64). */
export function readNpy(path: string): { shape: number[]; data: Float64Array } {
  const bytes = readFileSync(path)
  if (bytes.readUInt32BE(0) !== 0x934e554d) throw new Error(`npy: "${path}" does not start with \\x93NUMPY`)
  const major = bytes[6]
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8)
  const start = (major === 1 ? 10 : 12) + headerLength
  const header = bytes.subarray(major === 1 ? 10 : 12, start).toString('latin1')
  if (!header.includes("'descr': '<f8'") || !header.includes("'fortran_order': False")) throw new Error(`npy: "${path}" is not little-endian float64 in C order: ${header.trim()}`)
  const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number)
  const count = shape.reduce((a, b) => a * b, 1)
  const offset = bytes.byteOffset + start
  // Copy only when the data is not 8-byte aligned inside the buffer.
  const data = offset % 8 === 0 ? new Float64Array(bytes.buffer, offset, count) : new Float64Array(bytes.buffer.slice(offset, offset + count * 8))
  return { shape, data }
}

function loadMatrix(dir: string, name: string): Matrix {
  const { shape, data } = readNpy(join(dir, `${name}.npy`))
  return { rows: shape[0], cols: shape[1], data }
}

/** A seeded sample of `size` rows of X and y, in row order. */
function sampleRows(X: Matrix, y: Float64Array, size: number): { X: Matrix; y: Float64Array } {
  if (size >= X.rows) return { X, y }
  const order = shuffleInPlace(Array.from({ length: X.rows }, (_, i) => i), createRandom(SAMPLE_SEED)).slice(0, size).sort((a, b) => a - b)
  const data = new Float64Array(size * X.cols)
  order.forEach((row, i) => data.set(X.data.subarray(row * X.cols, (row + 1) * X.cols), i * X.cols))
  return { X: { rows: size, cols: X.cols, data }, y: Float64Array.from(order, (row) => y[row]) }
}

/** A /proc/self/status field (VmRSS, VmHWM) in MB, or null off Linux. */
function statusMB(field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))
    return match ? Math.round(Number(match[1]) / 1024) : null
  } catch {
    return null
  }
}

/** Collects garbage (when run with --expose-gc) and resets the peak-RSS mark to the current RSS. */
function resetPeak(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
  try {
    writeFileSync('/proc/self/clear_refs', '5')
  } catch {
    // Older kernels or no /proc: the peak then includes loading the data.
  }
}

/** The rows of `a` then those of `b` (same columns) as one matrix. */
function stackRows(a: Matrix, b: Matrix): Matrix {
  const data = new Float64Array((a.rows + b.rows) * a.cols)
  data.set(a.data.subarray(0, a.rows * a.cols))
  data.set(b.data.subarray(0, b.rows * b.cols), a.rows * a.cols)
  return { rows: a.rows + b.rows, cols: a.cols, data }
}

function rowsOf(X: Matrix): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)))
}

async function fitOurs(family: string, params: Record<string, unknown>, X: Matrix, y: Float64Array, XTest: Matrix, label: string) {
  const info = familyInfo(family)
  const model = info.create(params)
  resetPeak()
  const before = statusMB('VmRSS')
  const started = performance.now()
  const fitOptions = { task: 'binary' as const, classCount: 2, onProgress: tenthsReporter(label, { stdout: () => {}, stderr: (t) => void process.stderr.write(t) }) }
  // fitAsync where a family has it (the forest on helper threads), as the studio's fitModel does.
  const report = await (model.fitAsync ? model.fitAsync(X, y, fitOptions) : model.fit(X, y, fitOptions))
  const fitSeconds = (performance.now() - started) / 1000
  const peak = statusMB('VmHWM')
  const proba = model.predictProba(XTest)
  const score = Float64Array.from({ length: XTest.rows }, (_, i) => proba[i * 2 + 1])
  // Predict speed over every row of the dataset (training and held-out: 100,000 for the 100,000-row
  // table), the fastest of three passes, as peers.py times XGBoost and scikit-learn.
  const all = stackRows(X, XTest)
  let predictSeconds = Infinity
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now()
    model.predictProba(all)
    predictSeconds = Math.min(predictSeconds, (performance.now() - started) / 1000)
  }
  const extra = family === 'mlp' ? { backend: report.backend, epochs: report.iterations, model: model.toJSON() as unknown } : {}
  return { fitSeconds, predictSeconds, predictRows: all.rows, score, peak, before, ...extra }
}

/**
 * The ml-random-forest peer. Its predictProbability drops the first tree's
 * vote (Array.reduce without an initial value starts from that vote, 0 or 1,
 * instead of 0), so the positive-class probability is computed here as the
 * share of trees voting 1, from predictionValues.
 */
async function fitMlRandomForest(options: Record<string, unknown>, X: Matrix, y: Float64Array, XTest: Matrix) {
  const { RandomForestClassifier } = await import('ml-random-forest')
  const rows = rowsOf(X)
  const labels = Array.from(y)
  const testRows = rowsOf(XTest)
  const forest = new RandomForestClassifier(options)
  resetPeak()
  const before = statusMB('VmRSS')
  const started = performance.now()
  forest.train(rows, labels)
  const fitSeconds = (performance.now() - started) / 1000
  const peak = statusMB('VmHWM')
  const predictStarted = performance.now()
  const votes = forest.predictionValues(testRows)
  const score = new Float64Array(XTest.rows)
  for (let i = 0; i < XTest.rows; i++) {
    const row = votes.getRow(i)
    score[i] = row.reduce((sum: number, v: number) => sum + (v === 1 ? 1 : 0), 0) / row.length
  }
  const predictSeconds = (performance.now() - predictStarted) / 1000
  return { fitSeconds, predictSeconds, predictRows: XTest.rows, score, peak, before }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, family: { type: 'string' }, params: { type: 'string' }, peer: { type: 'string' }, trees: { type: 'string' }, sample: { type: 'string' }, label: { type: 'string' }, threads: { type: 'string' } },
    strict: true,
  })
  if (!values.dir) throw new Error('engine-worker: --dir is required')
  const full = loadMatrix(values.dir, 'X_train')
  const yFull = loadMatrix(values.dir, 'y_train').data
  const XTest = loadMatrix(values.dir, 'X_test')
  const yTest = loadMatrix(values.dir, 'y_test').data
  const { X, y } = values.sample ? sampleRows(full, yFull, Number(values.sample)) : { X: full, y: yFull }
  const label = values.label ?? values.family ?? values.peer ?? 'fit'
  const threads = Math.max(1, Number(values.threads ?? 1))
  // Helper threads start before the clock does, as they would once per process in the CLI or the page.
  const setup = values.family ? await useThreads(threads) : null
  if (setup?.note) process.stderr.write(`engine-worker: ${setup.note}\n`)
  let params: Record<string, unknown>
  let run: Awaited<ReturnType<typeof fitMlRandomForest>> & { backend?: string; epochs?: number; model?: unknown }
  if (values.peer === 'ml-random-forest') {
    // Its defaults (maxFeatures 1.0, replacement false, useSampleBagging true, seed 42) except the tree count and noOOB.
    params = { nEstimators: Number(values.trees ?? 20), noOOB: true, seed: 42 }
    run = await fitMlRandomForest(params, X, y, XTest)
  } else if (values.family) {
    params = values.params ? (JSON.parse(values.params) as Record<string, unknown>) : {}
    // The neural net trains on tfjs' wasm backend, as the CLI and the page do (STUDIO_TFJS_BACKEND=cpu: the pure-JS one).
    useNodeTfjsBackend()
    // Started before the timed fit, as the page's training worker starts it before fitting.
    if (values.family === 'mlp') await prepareTfjsBackend()
    run = await fitOurs(values.family, params, X, y, XTest, label)
  } else {
    throw new Error('engine-worker: give --family <id> or --peer ml-random-forest')
  }
  const result: WorkerResult = {
    fitSeconds: run.fitSeconds,
    predictRowsPerSecond: run.predictRows / Math.max(run.predictSeconds, 1e-9),
    auc: rocAuc(yTest, run.score),
    peakMemoryMB: run.peak,
    rssBeforeFitMB: run.before,
    trainRows: X.rows,
    testRows: XTest.rows,
    matrixColumns: X.cols,
    params,
    threads,
    kernel: setup?.kernel ?? null,
    ...(run.backend !== undefined ? { backend: run.backend, epochs: run.epochs, model: run.model } : {}),
  }
  process.stdout.write(JSON.stringify(result) + '\n')
}

try {
  await main()
} catch (error) {
  // One line for the suite's table, with the first project frame so a failure can be traced to its file.
  const frame = error instanceof Error ? /\((?:file:\/\/)?[^()]*?\/((?:src|tests)\/[^()]+)\)/.exec(error.stack ?? '')?.[1] : undefined
  process.stderr.write(`engine-worker: ${error instanceof Error ? error.message : String(error)}${frame ? ` (at ${frame})` : ''}\n`)
  process.exitCode = 1
}
