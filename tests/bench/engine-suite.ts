/**
 * `npm run bench -- engine [--quick] [--repeat=3] [--families=a,b] [--threads=1,2] [--all-peers] [--skip-sample] [--fit-timeout=1200] [--params-<family>='<json>']`:
 * the model engine on generated 100,000 × 30 and 1,000,000 × 30 binary tables
 * (--quick: 100,000 only). For every registered family that does binary
 * classification: fit seconds, predict rows/second, held-out AUC and peak
 * memory during the fit, each fit in its own child process
 * (engine-worker.ts). Peers on the very same matrices: XGBoost hist and
 * scikit-learn's random forest (tests/bench/peers.py, /usr/bin/python3), and
 * ml-random-forest on a 2,000-row sample. Families whose fits use threads
 * (THREADED) run at every count of --threads (default 1 and 2), each beside
 * its peer at the same count (n_jobs); every row records its `threads`.
 * Prediction is timed at one thread on both sides. Writes
 * bench-results/engine.json and prints a table with the goals.
 *
 * Why matrices and not tables: the studio's feature pipeline (the data bench
 * measures it) runs once here, in the parent, exactly as runTraining runs it
 * (same stratified seeded 80/20 split, DEFAULT_PIPELINE_CONFIG fitted on the
 * training rows); its output is cached as .npy so our estimators and the
 * peers fit on identical numbers and fit times compare estimators alone.
 * Likewise predict rows/second is the estimator's predictProba over every
 * row (training and held-out matrices stacked), fastest of three passes, at
 * one thread on both sides, without the pipeline's transform.
 */
import { spawn, spawnSync } from 'node:child_process'
import { track } from './processes'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { FAMILIES, type FamilyInfo } from '../../src/core/model/registry'
import { DEFAULT_PIPELINE_CONFIG } from '../../src/core/pipeline/config'
import { FeaturePipeline } from '../../src/core/pipeline/pipeline'
import { takeRows } from '../../src/core/table/access'
import { holdoutSplit } from '../../src/core/train/split'
import type { Column, Table } from '../../src/core/types'
import type { WorkerResult } from './engine-worker'
import { generateTable } from './generate-table'
import { attachPageFit, printMlpGoal } from './mlp-page-bench'

/** One line of bench-results/engine.json. Peer fields are null where no peer ran. */
export interface EngineRow {
  dataset: string
  rows: number
  /** Input columns of the table (the target excluded); the model sees `matrixColumns` after one-hot encoding. */
  features: number
  model: string
  fitSeconds: number | null
  predictRowsPerSecond: number | null
  auc: number | null
  peakMemoryMB: number | null
  peer: string | null
  peerFitSeconds: number | null
  peerAuc: number | null
  matrixColumns: number
  trainRows: number | null
  params: Record<string, unknown> | null
  peerParams: Record<string, unknown> | null
  peerPeakMemoryMB: number | null
  /** Threads our fit and the peer's fit could use (n_jobs for the peer). */
  threads: number
  /** The histogram kernel our tree fits built with (engine-worker's report), null for other families. */
  kernel: string | null
  /** The peer's predict rows/second on the same held-out rows, at one thread. */
  peerPredictRowsPerSecond: number | null
  note: string | null
}

const RESULTS = 'bench-results'
const CACHE = join(RESULTS, 'cache')
/** Bump when the generator, split or pipeline of the cached matrices changes. */
const DATA_VERSION = 1
const SPLIT_SEED = 42
const TEST_SHARE = 0.2
const PYTHON = '/usr/bin/python3'
const WORKER = 'tests/bench/engine-worker.ts'
/** ml-random-forest: 2,000 rows × 20 trees takes about 90 s here (about 4.5 s a tree; NOTES.md: 459 s for 100). */
const PEER_SAMPLE_ROWS = 2000
const PEER_SAMPLE_TREES = 20
const PEER_SAMPLE_TIMEOUT_S = 150

/** Settings the bench fixes for a family, each tried under the parameter names a family might use. */
interface Knob {
  what: string
  names: string[]
  value: unknown
  /** A nicety, not a bench condition: no note when the family lacks or refuses it. */
  optional?: boolean
}
const GBDT_KNOBS: Knob[] = [
  { what: 'rounds', names: ['nEstimators', 'rounds', 'nRounds', 'numRounds', 'maxRounds', 'iterations', 'maxIterations', 'numIterations', 'maxIter'], value: 100 },
  { what: 'depth', names: ['maxDepth', 'depth'], value: 6 },
  { what: 'learning rate', names: ['learningRate', 'eta', 'shrinkage'], value: 0.1 },
  { what: 'early stopping off', names: ['earlyStoppingRounds', 'earlyStoppingPatience', 'nIterNoChange', 'earlyStopping'], value: 'off' },
  // Without early stopping no rows should be held back (XGBoost trains on all); a family that refuses 0 holds none back then anyway.
  { what: 'no validation rows', names: ['validationFraction', 'validationShare'], value: 0, optional: true },
]
const BENCH_KNOBS: Record<string, Knob[]> = {
  gbdt: GBDT_KNOBS,
  forest: [
    { what: 'trees', names: ['nEstimators', 'trees', 'nTrees', 'numTrees'], value: 100 },
    // The same work as the peer: scikit-learn's forest computes no out-of-bag score unless asked.
    { what: 'out-of-bag score off', names: ['oobScore'], value: false, optional: true },
  ],
}
/** Families whose fit splits work across threads (tree histograms: kernel/parallel.ts; a forest's trees: forest-threads.ts); others run once, at one thread. */
const THREADED = new Set(['gbdt', 'tree', 'forest'])
/** The Python peer each family is compared with. */
const PEERS: Record<string, { name: string; model: 'xgboost-hist' | 'sklearn-forest' }> = {
  gbdt: { name: 'xgboost-hist', model: 'xgboost-hist' },
  forest: { name: 'sklearn-forest', model: 'sklearn-forest' },
}

interface Options {
  sizes: number[]
  families: string[] | null
  allPeers: boolean
  /** Fits per model and peer; the fastest counts (the machine is shared, so noise only ever adds time). */
  repeat: number
  skipSample: boolean
  fitTimeoutS: number
  overrides: Record<string, Record<string, unknown>>
  threads: number[]
}

/** Runs the engine bench over `sizes` (default 100,000 and 1,000,000 rows); options come from process.argv. */
export async function runEngineBench(sizes = [100_000, 1_000_000]): Promise<EngineRow[]> {
  const options = readOptions(process.argv.slice(2), sizes)
  const python = pythonPeersAvailable()
  console.log(`engine bench: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); peers: ${python ? 'XGBoost and scikit-learn via /usr/bin/python3' : 'no /usr/bin/python3 with sklearn and xgboost — Python peers skipped'}`)
  // Every fit is single-threaded; other work on the machine still steals its core and memory bandwidth.
  const load = loadavg()[0]
  if (load > 0.5) console.log(`  note: 1-minute load average ${load.toFixed(2)} before the bench — other processes share the ${cpus().length} cores, so times are noisy`)
  const families = Object.values(FAMILIES).filter((f) => f.tasks.includes('binary') && (!options.families || options.families.includes(f.id)))
  console.log(`families registered for binary classification: ${families.map((f) => f.id).join(', ') || 'none'}`)
  for (const id of Object.keys(PEERS)) {
    if (!FAMILIES[id]) console.log(`  ${id}: not registered yet — its ${PEERS[id].name} comparison is ${options.allPeers ? 'run for the peer alone (--all-peers)' : 'skipped'}`)
  }
  const results: EngineRow[] = []
  for (const rows of options.sizes) {
    const data = prepareMatrices(rows)
    const dataset = `generated ${rows.toLocaleString('en-US')} × 30`
    const base = { dataset, rows, features: data.features, matrixColumns: data.matrixColumns }
    for (const info of families) {
      const { params, notes } = benchParams(info, options.overrides[info.id])
      for (const threads of THREADED.has(info.id) ? options.threads : [1]) {
        const label = `  ${info.id} ${rows.toLocaleString('en-US')} (${threads} thread${threads > 1 ? 's' : ''})`
        const peer = python ? PEERS[info.id] : undefined
        // Ours and the peer take turns, so that a slow spell of the machine (minutes long on a shared host) falls on both sides alike.
        const [ours, theirs] = await fastestOfTurns(
          options.repeat,
          () => runWorker(['--dir', data.dir, '--family', info.id, '--params', JSON.stringify(params), '--label', label, '--threads', String(threads)], options.fitTimeoutS),
          peer ? () => runPeer(data.dir, peer.model, options.fitTimeoutS, threads) : null,
        )
        const row = rowOf({ ...base, threads }, info.id, ours, notes)
        if (peer && theirs) attachPeer(row, peer.name, theirs)
        // The neural net's peer is the page: the same fit on tfjs wasm in a Chromium worker (mlp-page-bench.ts).
        if (info.id === 'mlp') await attachPageFit(row, ours.result, data.dir, params, options.repeat, options.fitTimeoutS)
        results.push(row)
        logRow(row)
      }
    }
    if (python && options.allPeers) {
      for (const id of Object.keys(PEERS).filter((id) => !FAMILIES[id])) {
        const row = rowOf({ ...base, threads: 1 }, id, { result: null, error: 'not registered yet' }, [])
        attachPeer(row, PEERS[id].name, await fastestOf(options.repeat, () => runPeer(data.dir, PEERS[id].model, options.fitTimeoutS, 1)))
        results.push(row)
        logRow(row)
      }
    }
    // ml-random-forest needs minutes for a few trees on a few thousand rows: one small run, on the first size only.
    if (rows === options.sizes[0] && !options.skipSample) {
      const row = await sampledForestComparison(data, dataset, options)
      results.push(row)
      logRow(row)
    }
  }
  printTable(results)
  printGoals(results, options.sizes, options.threads)
  mkdirSync(RESULTS, { recursive: true })
  const environment = { node: process.version, cpu: cpus()[0]?.model ?? null, cores: cpus().length, loadAverageAtStart: Math.round(load * 100) / 100, date: new Date().toISOString() }
  writeFileSync(join(RESULTS, 'engine.json'), JSON.stringify({ environment, results }, null, 2) + '\n')
  console.log(`wrote ${join(RESULTS, 'engine.json')}`)
  return results
}

/**
 * Options as --name=value: run.ts takes every argument not starting with "--"
 * for a suite name, so a value may not stand alone.
 */
function readOptions(argv: string[], sizes: number[]): Options {
  const value = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
  const overrides: Record<string, Record<string, unknown>> = {}
  for (const arg of argv) {
    const match = /^--params-([a-z]+)=(.*)$/s.exec(arg)
    if (match) overrides[match[1]] = JSON.parse(match[2]) as Record<string, unknown>
  }
  return {
    sizes,
    families: value('families')?.split(',') ?? null,
    allPeers: argv.includes('--all-peers'),
    repeat: Math.max(1, Number(value('repeat') ?? 1)),
    skipSample: argv.includes('--skip-sample'),
    fitTimeoutS: Number(value('fit-timeout') ?? 1200),
    overrides,
    threads: (value('threads') ?? '1,2').split(',').map(Number).filter((t) => Number.isInteger(t) && t >= 1),
  }
}

// ---------------------------------------------------------------- data

interface PreparedData {
  dir: string
  features: number
  matrixColumns: number
}

/**
 * Generates the table, splits and encodes it as runTraining does, and caches
 * X_train, y_train, X_test and y_test as .npy under bench-results/cache.
 */
function prepareMatrices(rows: number): PreparedData {
  const dir = join(CACHE, `engine-${rows}-v${DATA_VERSION}`)
  const metaPath = join(dir, 'meta.json')
  if (existsSync(metaPath)) return { dir, ...(JSON.parse(readFileSync(metaPath, 'utf8')) as Omit<PreparedData, 'dir'>) }
  const started = Date.now()
  const generated = generateTable(rows)
  const columns: Column[] = [
    ...generated.numeric.map((values, j): Column => ({ name: generated.names[j], type: 'number', values })),
    ...generated.categorical.map((c, k): Column => ({ name: generated.names[24 + k], type: 'category', codes: c.codes, levels: c.levels })),
  ]
  const table: Table = { name: `generated-${rows}`, rowCount: rows, columns }
  const y = Float64Array.from(generated.label)
  const split = holdoutSplit(Int32Array.from({ length: rows }, (_, i) => i), TEST_SHARE, SPLIT_SEED, y)
  const train = takeRows(table, split.train)
  const features = columns.map((c) => c.name)
  const yTrain = Float64Array.from(split.train, (i) => y[i])
  const pipeline = FeaturePipeline.create(train, features, DEFAULT_PIPELINE_CONFIG, 'binary')
  const { X } = pipeline.fitTransform(train, yTrain)
  const XTest = pipeline.transform(takeRows(table, split.test))
  mkdirSync(dir, { recursive: true })
  writeNpy(join(dir, 'X_train.npy'), X.data, [X.rows, X.cols])
  writeNpy(join(dir, 'y_train.npy'), yTrain, [yTrain.length])
  writeNpy(join(dir, 'X_test.npy'), XTest.data, [XTest.rows, XTest.cols])
  writeNpy(join(dir, 'y_test.npy'), Float64Array.from(split.test, (i) => y[i]), [split.test.length])
  const meta = { features: features.length, matrixColumns: X.cols, featureNames: pipeline.featureNames }
  writeFileSync(metaPath, JSON.stringify(meta, null, 2))
  console.log(`  prepared ${rows.toLocaleString('en-US')} × 30 → ${X.rows.toLocaleString('en-US')} + ${XTest.rows.toLocaleString('en-US')} rows × ${X.cols} columns in ${((Date.now() - started) / 1000).toFixed(1)} s (${dir})`)
  return { dir, features: meta.features, matrixColumns: meta.matrixColumns }
}

/** Writes float64 values as a C-order .npy file (format 1.0) that numpy.load reads. */
function writeNpy(path: string, data: Float64Array, shape: number[]): void {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shapeText}, }`
  // Magic (6) + version (2) + length (2) + header + newline is padded to a multiple of 64 bytes.
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n'
  const prefix = Buffer.alloc(10)
  prefix.write('\x93NUMPY', 0, 'latin1')
  prefix[6] = 1
  prefix[7] = 0
  prefix.writeUInt16LE(header.length, 8)
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, prefix)
    writeSync(fd, Buffer.from(header, 'latin1'))
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    // writeSync may write less than asked for large buffers; loop until all is written.
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, Math.min(bytes.length - offset, 1 << 26))
  } finally {
    closeSync(fd)
  }
}

// ---------------------------------------------------------------- parameters

/**
 * The family's defaults with the bench's fixed settings applied under
 * whichever parameter name the family declares, then `override` (from
 * --params-<family>). Settings the family has no name for are reported.
 */
function benchParams(info: FamilyInfo, override: Record<string, unknown> = {}): { params: Record<string, unknown>; notes: string[] } {
  const params: Record<string, unknown> = { ...info.defaults }
  const notes: string[] = []
  for (const knob of BENCH_KNOBS[info.id] ?? []) {
    const name = knob.names.find((n) => n in info.defaults)
    if (name === undefined) {
      if (!knob.optional) notes.push(`no parameter for ${knob.what} (has ${Object.keys(info.defaults).join(', ')}); default kept`)
      continue
    }
    // "Off" is null for an optional setting, else false or 0, whichever the estimator accepts.
    const candidates = knob.value === 'off' ? [null, offValue(info.defaults[name])] : [knob.value]
    let refusal: string | null = null
    for (const value of candidates) {
      try {
        // The estimator is the authority on ranges (a family may refuse, say, validationFraction 0).
        info.create({ ...params, [name]: value })
        params[name] = value
        refusal = null
        break
      } catch (error) {
        refusal = `${name} = ${JSON.stringify(value)} refused (${error instanceof Error ? error.message : error}); default kept`
      }
    }
    if (refusal && !knob.optional) notes.push(refusal)
  }
  return { params: { ...params, ...override }, notes }
}

/** What turns early stopping off for a parameter whose default is `current`. */
function offValue(current: unknown): unknown {
  if (typeof current === 'boolean') return false
  if (typeof current === 'number') return 0
  return null
}

// ---------------------------------------------------------------- child processes

interface ChildOutcome<T> {
  result: T | null
  error: string | null
}

/** Runs a command whose last stdout line is JSON; stderr is shown live. Killed after `timeoutS`. */
function runChild<T>(command: string, args: string[], timeoutS: number): Promise<ChildOutcome<T>> {
  return new Promise((resolve) => {
    // Tracked, so an interrupted bench stops the fit too (processes.ts).
    const child = track(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }), { group: false })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      process.stderr.write(chunk)
    })
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutS * 1000)
    child.on('close', (code) => {
      clearTimeout(timer)
      if (timedOut) return resolve({ result: null, error: `killed after the ${timeoutS} s time limit` })
      const last = stdout.trim().split('\n').pop() ?? ''
      if (code === 0 && last.startsWith('{')) return resolve({ result: JSON.parse(last) as T, error: null })
      const reason = stderr.trim().split('\n').pop() ?? `exit code ${code}`
      resolve({ result: null, error: reason })
    })
  })
}

/** One fit of ours (or of ml-random-forest) in a fresh Node process. */
function runWorker(args: string[], timeoutS: number): Promise<ChildOutcome<WorkerResult>> {
  // Straight node with the tsx loader: no npx wrapper, so the pid measured and killed is the fit's own.
  return runChild<WorkerResult>(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', WORKER, ...args], timeoutS)
}

interface PeerResult {
  fitSeconds: number
  predictRowsPerSecond: number
  auc: number
  peakMemoryMB: number
  params: Record<string, unknown>
  version: string
}

function runPeer(dir: string, model: 'xgboost-hist' | 'sklearn-forest', timeoutS: number, threads: number): Promise<ChildOutcome<PeerResult>> {
  console.log(`    ${model} (${threads} thread${threads > 1 ? 's' : ''})…`)
  return runChild<PeerResult>(PYTHON, ['tests/bench/peers.py', '--dir', dir, '--model', model, '--rounds', '100', '--depth', '6', '--learning-rate', '0.1', '--trees', '100', '--threads', String(threads)], timeoutS)
}

/** True when /usr/bin/python3 can import scikit-learn, XGBoost and numpy (the pyenv python on PATH cannot). */
/** Runs `run` up to `n` times and keeps the fastest fit; the first failure ends it. */
async function fastestOf<T extends { fitSeconds: number }>(n: number, run: () => Promise<ChildOutcome<T>>): Promise<ChildOutcome<T>> {
  let best: ChildOutcome<T> | null = null
  for (let i = 0; i < n; i++) {
    const outcome = await run()
    if (!outcome.result) return outcome
    if (!best?.result || outcome.result.fitSeconds < best.result.fitSeconds) best = outcome
  }
  return best as ChildOutcome<T>
}

/**
 * fastestOf for two sides run in turns (a, b, a, b, …): each side's fastest
 * outcome, or its first failure (after which that side runs no more).
 */
async function fastestOfTurns<A extends { fitSeconds: number }, B extends { fitSeconds: number }>(
  n: number,
  a: () => Promise<ChildOutcome<A>>,
  b: (() => Promise<ChildOutcome<B>>) | null,
): Promise<[ChildOutcome<A>, ChildOutcome<B> | null]> {
  let bestA: ChildOutcome<A> | null = null
  let bestB: ChildOutcome<B> | null = null
  for (let i = 0; i < n; i++) {
    if (!bestA || bestA.result) {
      const outcome = await a()
      if (!outcome.result || !bestA?.result || outcome.result.fitSeconds < bestA.result.fitSeconds) bestA = outcome
    }
    if (b && (!bestB || bestB.result)) {
      const outcome = await b()
      if (!outcome.result || !bestB?.result || outcome.result.fitSeconds < bestB.result.fitSeconds) bestB = outcome
    }
  }
  return [bestA as ChildOutcome<A>, bestB]
}

function pythonPeersAvailable(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import sklearn, xgboost, numpy'], { stdio: 'ignore' }).status === 0
}

// ---------------------------------------------------------------- rows

function rowOf(base: Pick<EngineRow, 'dataset' | 'rows' | 'features' | 'matrixColumns' | 'threads'>, model: string, outcome: ChildOutcome<WorkerResult>, notes: string[]): EngineRow {
  const r = outcome.result
  return {
    ...base,
    model,
    fitSeconds: r ? round(r.fitSeconds) : null,
    predictRowsPerSecond: r ? Math.round(r.predictRowsPerSecond) : null,
    auc: r?.auc ?? null,
    peakMemoryMB: r?.peakMemoryMB ?? null,
    peer: null,
    peerFitSeconds: null,
    peerAuc: null,
    trainRows: r?.trainRows ?? null,
    params: r?.params ?? null,
    peerParams: null,
    peerPeakMemoryMB: null,
    kernel: r?.kernel ?? null,
    peerPredictRowsPerSecond: null,
    note: [...notes, ...(outcome.error ? [`ours: ${outcome.error}`] : [])].join('; ') || null,
  }
}

function attachPeer(row: EngineRow, peer: string, outcome: ChildOutcome<PeerResult | WorkerResult>): void {
  row.peer = peer
  const r = outcome.result
  if (r) {
    row.peerFitSeconds = round(r.fitSeconds)
    row.peerAuc = r.auc
    row.peerParams = 'version' in r ? { ...r.params, version: r.version } : r.params
    row.peerPeakMemoryMB = r.peakMemoryMB
    row.peerPredictRowsPerSecond = Math.round(r.predictRowsPerSecond)
  }
  if (outcome.error) row.note = [row.note, `${peer}: ${outcome.error}`].filter(Boolean).join('; ')
}

/**
 * ml-random-forest on a seeded 2,000-row sample of the training rows with 20
 * trees (noOOB true: with the default noOOB false, 1 or 10 trees end in
 * "input must not be empty"), beside our forest on the same sample with the
 * same tree count; both are scored on all held-out rows.
 */
async function sampledForestComparison(data: PreparedData, dataset: string, options: Options): Promise<EngineRow> {
  const sample = ['--sample', String(PEER_SAMPLE_ROWS)]
  const base = { dataset: `${dataset}, ${PEER_SAMPLE_ROWS.toLocaleString('en-US')}-row sample`, rows: PEER_SAMPLE_ROWS, features: data.features, matrixColumns: data.matrixColumns, threads: 1 }
  const forest = FAMILIES.forest
  let row: EngineRow
  if (forest) {
    const { params, notes } = benchParams(forest, options.overrides.forest)
    const treesName = BENCH_KNOBS.forest[0].names.find((n) => n in forest.defaults)
    if (treesName) params[treesName] = PEER_SAMPLE_TREES
    row = rowOf(base, 'forest', await runWorker(['--dir', data.dir, '--family', 'forest', '--params', JSON.stringify(params), ...sample, '--label', '  forest (sample)'], options.fitTimeoutS), notes)
  } else {
    console.log('  forest: not registered yet — ml-random-forest runs alone')
    row = rowOf(base, 'forest', { result: null, error: 'not registered yet' }, [])
  }
  console.log(`    ml-random-forest (${PEER_SAMPLE_TREES} trees, ${PEER_SAMPLE_ROWS} rows)…`)
  const peer = await runWorker(['--dir', data.dir, '--peer', 'ml-random-forest', '--trees', String(PEER_SAMPLE_TREES), ...sample], PEER_SAMPLE_TIMEOUT_S)
  attachPeer(row, `ml-random-forest@2.1.0 (${PEER_SAMPLE_TREES} trees)`, peer)
  return row
}

// ---------------------------------------------------------------- report

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}

function ratio(row: EngineRow): number | null {
  return row.fitSeconds !== null && row.peerFitSeconds !== null && row.peerFitSeconds > 0 ? row.fitSeconds / row.peerFitSeconds : null
}

function logRow(row: EngineRow): void {
  const ours = row.fitSeconds !== null ? `fit ${row.fitSeconds.toFixed(2)} s, AUC ${row.auc?.toFixed(4)}, peak ${row.peakMemoryMB} MB` : 'no fit'
  const peer = row.peer ? `; ${row.peer}: ${row.peerFitSeconds !== null ? `fit ${row.peerFitSeconds.toFixed(2)} s, AUC ${row.peerAuc?.toFixed(4)}` : 'no fit'}` : ''
  console.log(`  ${row.model} on ${row.dataset}: ${ours}${peer}${row.note ? ` (${row.note})` : ''}`)
}

function printTable(rows: EngineRow[]): void {
  const header = ['dataset', 'model', 'threads', 'fit s', 'predict rows/s', 'AUC', 'peak MB', 'peer', 'peer fit s', 'peer predict rows/s', 'peer AUC', 'ours/theirs time', 'ΔAUC']
  const fmt = (x: number | null, digits: number): string => (x === null ? '—' : x.toFixed(digits))
  const lines = rows.map((r) => {
    const t = ratio(r)
    return [
      r.dataset,
      r.model,
      String(r.threads),
      fmt(r.fitSeconds, 2),
      r.predictRowsPerSecond === null ? '—' : r.predictRowsPerSecond.toLocaleString('en-US'),
      fmt(r.auc, 4),
      r.peakMemoryMB === null ? '—' : String(r.peakMemoryMB),
      r.peer ?? '—',
      fmt(r.peerFitSeconds, 2),
      r.peerPredictRowsPerSecond === null ? '—' : r.peerPredictRowsPerSecond.toLocaleString('en-US'),
      fmt(r.peerAuc, 4),
      t === null ? '—' : `${t < 0.1 ? t.toPrecision(2) : t.toFixed(2)}×`,
      r.auc !== null && r.peerAuc !== null ? (r.auc - r.peerAuc >= 0 ? '+' : '') + (r.auc - r.peerAuc).toFixed(4) : '—',
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 2 && i !== 7 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')
  console.log('\n' + line(header))
  for (const l of lines) console.log(line(l))
}

function printGoals(rows: EngineRow[], sizes: number[], threadCounts: number[]): void {
  const find = (model: string, n: number, peer: string, threads = 1) => rows.find((r) => r.model === model && r.rows === n && r.peer === peer && r.threads === threads)
  const aucGap = (r: EngineRow): number | null => (r.auc !== null && r.peerAuc !== null ? Math.abs(r.auc - r.peerAuc) : null)
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met')
  const size = (n: number): string => `${n.toLocaleString('en-US')} rows`
  const missing = (family: string): string => `not measured (${!FAMILIES[family] ? `${family} not registered yet` : 'a fit failed or no Python peer'})`
  const plural = (t: number, word: string): string => `${t} ${word}${t > 1 ? 's' : ''}`
  console.log('')
  for (const n of sizes) {
    for (const threads of threadCounts) {
      const gbdt = find('gbdt', n, 'xgboost-hist', threads)
      const r = gbdt ? ratio(gbdt) : null
      const gap = gbdt ? aucGap(gbdt) : null
      const what = `goal: gbdt fit ≤ 1.0× XGBoost hist's time at ${plural(threads, 'thread')}, AUC within 0.002, on ${size(n)} —`
      console.log(r !== null && gap !== null ? `${what} ${r.toFixed(2)}× its time, |ΔAUC| ${gap.toFixed(4)} (${verdict(r <= 1 && gap <= 0.002)})` : `${what} ${missing('gbdt')}`)
    }
  }
  for (const n of sizes) {
    for (const threads of threadCounts) {
      const forest = find('forest', n, 'sklearn-forest', threads)
      const r = forest ? ratio(forest) : null
      const gap = forest ? aucGap(forest) : null
      const what = `goal: forest ≥ 8× faster than scikit-learn's forest at ${plural(threads, 'job')}, AUC within 0.005, on ${size(n)} —`
      console.log(r !== null && gap !== null ? `${what} ${(1 / r).toFixed(2)}× faster, |ΔAUC| ${gap.toFixed(4)} (${verdict(1 / r >= 8 && gap <= 0.005)})` : `${what} ${missing('forest')}`)
    }
  }
  const predict = find('gbdt', sizes[0], 'xgboost-hist', 1)
  console.log(
    predict?.predictRowsPerSecond && predict.peerPredictRowsPerSecond
      ? `goal: gbdt predict ≥ XGBoost's predict rows/s at one thread on ${size(sizes[0])} — ${predict.predictRowsPerSecond.toLocaleString('en-US')} vs ${predict.peerPredictRowsPerSecond.toLocaleString('en-US')} (${(predict.predictRowsPerSecond / predict.peerPredictRowsPerSecond).toFixed(2)}×, ${verdict(predict.predictRowsPerSecond >= predict.peerPredictRowsPerSecond)})`
      : `goal: gbdt predict ≥ XGBoost's predict rows/s — ${missing('gbdt')}`,
  )
  const memoryGoal = (model: string, limitMB: number, what: string): void => {
    const big = rows.find((r) => r.model === model && r.rows === 1_000_000 && r.threads === 1)
    if (!sizes.includes(1_000_000)) console.log(`goal: ${what} — not run (--quick)`)
    else if (!big || big.peakMemoryMB === null) console.log(`goal: ${what} — ${missing(model)}`)
    else console.log(`goal: ${what} — peak ${big.peakMemoryMB} MB (${verdict(big.peakMemoryMB < limitMB)})`)
  }
  memoryGoal('forest', 800, '1,000,000-row forest fit under 800 MB')
  memoryGoal('gbdt', 2048, '1,000,000-row gbdt fit under 2 GB')
  printMlpGoal(rows, sizes)
}
