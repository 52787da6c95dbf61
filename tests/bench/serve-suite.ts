/**
 * `npm run bench -- serve [--seconds=10] [--connections=8]`: the model server
 * under HTTP load, as production runs it (`npm run build:server`, then
 * deploy/Dockerfile's command), on 127.0.0.1 with wrk (Debian's `wrk`,
 * tests/bench/serve-post.lua). Models: logistic regression and 100 boosted
 * trees, trained here with core on sample-data/parkinsons.csv. For each:
 * single-row and 100-row requests to MLflow's /invocations and the Open
 * Inference Protocol's infer, `seconds` each after a 2 s warm-up: req/s,
 * rows/s, p50, p99. Also the time to ready (spawn → /v2/health/ready
 * answering 200), median of 5 starts. Beside it, when Debian's python3-flask,
 * gunicorn, python3-pandas and python3-xgboost are installed, the peer the
 * studio replaces (tests/bench/serve_flask_peer.py: Flask + pandas +
 * XGBoost predict_proba under gunicorn with one sync worker) under the same
 * load. Writes bench-results/serve.json. Every process it starts it stops
 * (process groups), also on failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { trainMain } from '../../src/node/cli/train'
import { parseCsv } from '../../src/core/table/read/csv'

const ROOT = new URL('../../', import.meta.url).pathname
const RESULTS = join(ROOT, 'bench-results')
const DATA = join(ROOT, 'sample-data/parkinsons.csv')
const TARGET = 'Diagnosis'
const BATCH = 100
const WARMUP_SECONDS = 2
const GOALS = { singleRequestsPerSecond: 10_000, singleP99Ms: 5, timesFlask: 10, batchRowsPerSecond: 200_000 }

/** One measured load. */
export interface ServeRow {
  server: 'studio' | 'flask'
  model: string
  protocol: 'mlflow' | 'oip'
  rowsPerRequest: number
  connections: number
  seconds: number
  requestsPerSecond: number
  rowsPerSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Non-2xx answers and socket errors: must be 0. */
  errors: number
}

interface WrkResult {
  requests: number
  durationUs: number
  non2xx: number
  socketErrors: number
  p50Us: number
  p90Us: number
  p99Us: number
  maxUs: number
}

const running = new Set<ChildProcess>()

/** Stops a process started here, and its whole group. */
async function stop(child: ChildProcess): Promise<void> {
  running.delete(child)
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    return
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL')
    } catch {
      // gone
    }
  }, 5000)
  await exited
  clearTimeout(timer)
}

function stopAllSync(): void {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // gone
    }
  }
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** Polls `url` until it answers 200; resolves with the milliseconds since `since`. */
async function waitReady(url: string, since: number, child: ChildProcess): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench serve: the server exited (${child.exitCode}) before ${url} answered`)
    try {
      const response = await fetch(url)
      if (response.status === 200) return performance.now() - since
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * Starts the production server (the Dockerfile's command) on a free port.
 * Its log (a JSON line per request) goes to a file, as a container runtime
 * would take it: read through a pipe here, the bench process itself parsed
 * ~1,500 lines a second on the cores the server and wrk share.
 */
async function startStudio(models: string, logDir: string): Promise<{ child: ChildProcess; port: number; readyMs: number; startupMs: number }> {
  const port = await freePort()
  const logFile = join(logDir, `server-${port}.log`)
  const log = openSync(logFile, 'w')
  const started = performance.now()
  const child = spawn('node', ['dist-server/serve.mjs'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', SERVE_MODEL: models, SERVE_HOST: '127.0.0.1', SERVE_PORT: String(port) },
    stdio: ['ignore', log, 'inherit'],
    detached: true,
  })
  closeSync(log)
  running.add(child)
  const readyMs = await waitReady(`http://127.0.0.1:${port}/v2/health/ready`, started, child)
  let startupMs = NaN
  // The "ready" line may reach the file just after the port answers.
  for (let attempt = 0; attempt < 40 && Number.isNaN(startupMs); attempt++) {
    const ready = readFileSync(logFile, 'utf8')
      .split('\n')
      .find((text) => text.includes('"msg":"ready"'))
    if (ready) startupMs = (JSON.parse(ready) as { startup_ms: number }).startup_ms
    else await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return { child, port, readyMs, startupMs }
}

/** Starts the Flask peer under gunicorn with one sync worker, or null when its Debian packages are missing. */
async function startFlask(features: string[]): Promise<{ child: ChildProcess; port: number } | null> {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import flask, pandas, xgboost'], { encoding: 'utf8' })
  if (!existsSync('/usr/bin/gunicorn') || probe.status !== 0) {
    console.log('bench serve: no Flask peer (needs Debian packages python3-flask gunicorn python3-pandas python3-xgboost)')
    return null
  }
  const port = await freePort()
  const child = spawn('/usr/bin/gunicorn', ['-w', '1', '-k', 'sync', '-b', `127.0.0.1:${port}`, '--chdir', join(ROOT, 'tests/bench'), '--log-level', 'warning', 'serve_flask_peer:app'], {
    env: { ...process.env, BENCH_DATA: DATA, BENCH_TARGET: TARGET, BENCH_FEATURES: features.join(','), BENCH_TREES: '100', OMP_NUM_THREADS: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  running.add(child)
  await waitReady(`http://127.0.0.1:${port}/ping`, performance.now(), child)
  return { child, port }
}

/** Runs wrk against `url` with `bodyFile` for `seconds`. */
function wrk(url: string, bodyFile: string, seconds: number, connections: number): WrkResult {
  const run = spawnSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', join(ROOT, 'tests/bench/serve-post.lua'), url], {
    env: { ...process.env, BENCH_BODY: bodyFile },
    encoding: 'utf8',
    timeout: (seconds + 30) * 1000,
  })
  const line = run.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '))
  if (!line) throw new Error(`bench serve: wrk gave no result for ${url}: ${run.stderr || run.stdout}`)
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as WrkResult
}

function measure(server: ServeRow['server'], model: string, protocol: ServeRow['protocol'], rows: number, url: string, bodyFile: string, seconds: number, connections: number): ServeRow {
  wrk(url, bodyFile, WARMUP_SECONDS, connections)
  const r = wrk(url, bodyFile, seconds, connections)
  const requestsPerSecond = r.requests / (r.durationUs / 1e6)
  const row: ServeRow = {
    server,
    model,
    protocol,
    rowsPerRequest: rows,
    connections,
    seconds,
    requestsPerSecond: Math.round(requestsPerSecond),
    rowsPerSecond: Math.round(requestsPerSecond * rows),
    p50Ms: r.p50Us / 1000,
    p99Ms: r.p99Us / 1000,
    maxMs: r.maxUs / 1000,
    errors: r.non2xx + r.socketErrors,
  }
  console.log(
    `${server.padEnd(6)} ${model.padEnd(8)} ${protocol.padEnd(6)} ${String(rows).padStart(3)} rows: ${String(row.requestsPerSecond).padStart(6)} req/s ${String(row.rowsPerSecond).padStart(8)} rows/s  p50 ${row.p50Ms.toFixed(2)} ms  p99 ${row.p99Ms.toFixed(2)} ms${row.errors ? `  ERRORS ${row.errors}` : ''}`,
  )
  return row
}

/** Trains the bench's models with core (the train CLI's main, in-process). */
async function trainModels(dir: string): Promise<void> {
  const models: [string, string, string][] = [
    ['logreg', 'logreg', '{}'],
    ['gbdt100', 'gbdt', '{"nRounds":100,"earlyStoppingRounds":null}'],
  ]
  for (const [name, model, params] of models) {
    let stderr = ''
    const code = await trainMain(['--data', DATA, '--target', TARGET, '--model', model, '--params', params, '--out', join(dir, `${name}.json`)], {
      stdout: () => undefined,
      stderr: (t) => void (stderr += t),
    })
    if (code !== 0) throw new Error(`bench serve: training ${name} failed: ${stderr}`)
  }
}

/** Request bodies: MLflow dataframe_split and OIP tensors, for 1 and BATCH rows of the data. */
function writeBodies(dir: string, schema: { name: string; type: string }[]): Record<string, string> {
  const table = parseCsv(readFileSync(DATA, 'utf8'), 'parkinsons.csv').table
  const cell = (name: string, i: number): unknown => {
    const column = table.columns.find((c) => c.name === name)
    if (!column) throw new Error(`bench serve: no column ${name}`)
    if (column.type === 'number') return Number.isNaN(column.values[i]) ? null : column.values[i]
    return column.codes[i] < 0 ? null : column.levels[column.codes[i]]
  }
  const files: Record<string, string> = {}
  for (const n of [1, BATCH]) {
    const rows = Array.from({ length: n }, (_, i) => i)
    const mlflow = { dataframe_split: { columns: schema.map((c) => c.name), data: rows.map((i) => schema.map((c) => cell(c.name, i))) } }
    const oip = { inputs: schema.map((c) => ({ name: c.name, shape: [n], datatype: c.type === 'number' ? 'FP64' : 'BYTES', data: rows.map((i) => cell(c.name, i)) })) }
    for (const [protocol, body] of [['mlflow', mlflow], ['oip', oip]] as const) {
      const file = join(dir, `${protocol}-${n}.json`)
      writeFileSync(file, JSON.stringify(body))
      files[`${protocol}-${n}`] = file
    }
  }
  return files
}

function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
}

/** Runs the serve bench and writes bench-results/serve.json. */
export async function runServeBench(): Promise<unknown> {
  const seconds = Number(option('seconds') ?? 10)
  const connections = Number(option('connections') ?? 8)
  if (spawnSync('wrk', ['--version']).error) throw new Error('bench serve: wrk is not installed (apt-get install -y wrk)')
  const work = mkdtempSync(join(tmpdir(), 'studio-bench-serve-'))
  const onSignal = () => {
    stopAllSync()
    process.exit(130)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const models = join(work, 'models')
    mkdirSync(models)
    console.log('bench serve: training logistic regression and 100 boosted trees with core…')
    await trainModels(models)
    const schema = (JSON.parse(readFileSync(join(models, 'logreg.json'), 'utf8')) as { inputSchema: { name: string; type: string }[] }).inputSchema
    const bodies = writeBodies(work, schema)
    const built = spawnSync('npm', ['run', '-s', 'build:server'], { cwd: ROOT, encoding: 'utf8' })
    if (built.status !== 0) throw new Error(`bench serve: npm run build:server failed: ${built.stderr}`)

    const starts: { readyMs: number; startupMs: number }[] = []
    for (let i = 0; i < 5; i++) {
      const { child, readyMs, startupMs } = await startStudio(models, work)
      starts.push({ readyMs, startupMs })
      await stop(child)
    }
    const readyMs = median(starts.map((s) => s.readyMs))
    console.log(`bench serve: ready (spawn → /v2/health/ready 200) median ${readyMs.toFixed(0)} ms over 5 starts; logged startup ${median(starts.map((s) => s.startupMs)).toFixed(0)} ms`)

    const rows: ServeRow[] = []
    const studio = await startStudio(models, work)
    try {
      const base = `http://127.0.0.1:${studio.port}`
      for (const model of ['logreg', 'gbdt100']) {
        for (const n of [1, BATCH]) {
          rows.push(measure('studio', model, 'mlflow', n, `${base}/invocations?model=${model}`, bodies[`mlflow-${n}`], seconds, connections))
          rows.push(measure('studio', model, 'oip', n, `${base}/v2/models/${model}/infer`, bodies[`oip-${n}`], seconds, connections))
        }
      }
    } finally {
      await stop(studio.child)
    }
    const flask = await startFlask(schema.map((c) => c.name))
    if (flask) {
      try {
        for (const n of [1, BATCH]) rows.push(measure('flask', 'xgb100', 'mlflow', n, `http://127.0.0.1:${flask.port}/invocations`, bodies[`mlflow-${n}`], seconds, connections))
      } finally {
        await stop(flask.child)
      }
    }

    const find = (server: string, model: string, protocol: string, n: number) => rows.find((r) => r.server === server && r.model === model && r.protocol === protocol && r.rowsPerRequest === n)
    const single = rows.filter((r) => r.server === 'studio' && r.rowsPerRequest === 1)
    const batch = rows.filter((r) => r.server === 'studio' && r.rowsPerRequest === BATCH)
    const flaskSingle = flask ? find('flask', 'xgb100', 'mlflow', 1) : undefined
    const treesSingle = find('studio', 'gbdt100', 'mlflow', 1)
    const goals = {
      singleRequestsPerSecond: { goal: GOALS.singleRequestsPerSecond, worst: Math.min(...single.map((r) => r.requestsPerSecond)), met: single.every((r) => r.requestsPerSecond >= GOALS.singleRequestsPerSecond) },
      singleP99Ms: { goal: GOALS.singleP99Ms, worst: Math.max(...single.map((r) => r.p99Ms)), met: single.every((r) => r.p99Ms < GOALS.singleP99Ms) },
      timesFlask: flaskSingle && treesSingle ? { goal: GOALS.timesFlask, measured: treesSingle.requestsPerSecond / flaskSingle.requestsPerSecond, met: treesSingle.requestsPerSecond >= GOALS.timesFlask * flaskSingle.requestsPerSecond } : null,
      batchRowsPerSecond: { goal: GOALS.batchRowsPerSecond, worst: Math.min(...batch.map((r) => r.rowsPerSecond)), met: batch.every((r) => r.rowsPerSecond >= GOALS.batchRowsPerSecond) },
      noErrors: rows.every((r) => r.errors === 0),
    }
    const result = {
      suite: 'serve',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadAverage: loadavg(), node: process.version },
      load: { tool: 'wrk -t1', connections, seconds, warmupSeconds: WARMUP_SECONDS, host: '127.0.0.1' },
      data: { file: 'sample-data/parkinsons.csv', target: TARGET, inputColumns: schema.length },
      ready: { medianMs: Math.round(readyMs), starts },
      rows,
      goals,
    }
    mkdirSync(RESULTS, { recursive: true })
    writeFileSync(join(RESULTS, 'serve.json'), JSON.stringify(result, null, 2) + '\n')
    console.log(`bench serve: goals ${JSON.stringify(goals)}`)
    console.log('bench serve: wrote bench-results/serve.json')
    return result
  } finally {
    stopAllSync()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    rmSync(work, { recursive: true, force: true })
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
