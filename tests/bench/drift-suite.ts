/**
 * `npm run bench -- drift`: core's drift report on 100 columns (numbers, 0/1,
 * scores, categories; every fifth shifted) × 100,000 current rows against a
 * 100,000-row reference (the distance path: Wasserstein, Jensen–Shannon) and
 * against its first 1,000 rows (the test path: KS, chi-squared, z), timed in a
 * Node worker_thread and in a Chromium Web Worker (the Monitor page's setting;
 * goal < 2 s), beside scipy computing the same tests on the same files when
 * /usr/bin/python3 has it (statistics timed only, not file loading).
 * Options: --repeat=3 (driftReport calls per case; the median is reported),
 * --no-browser. Writes bench-results/drift.json.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { launchBrowser, startPreview } from './browser'
import { DRIFT_DATA_VERSION, driftBenchColumns, generateDriftMatrix, npyBytes, type DriftBenchMeta } from './drift-data'
import type { DriftTiming, TimedColumn } from './drift-timing'

const RESULTS = 'bench-results'
const DIR = join(RESULTS, 'cache', `drift-v${DRIFT_DATA_VERSION}`)
const ROWS = 100_000
const CASES = [
  { name: 'large reference (distances)', referenceRows: ROWS },
  { name: 'small reference (tests)', referenceRows: 1_000 },
]
const GOAL_SECONDS = 2
const PYTHON = '/usr/bin/python3'

interface PeerResult {
  seconds: number
  cpuSeconds: number
  psiSeconds: number
  scipy: string
  numpy: string
  columns: (Omit<TimedColumn, 'drifted'> & { psi: number })[]
}

interface CaseResult {
  case: string
  referenceRows: number
  currentRows: number
  columns: number
  nodeWorkerSeconds: number
  nodeWorkerRuns: number[]
  /** CPU seconds of the median-wall run's process (less sensitive to other work on the machine than wall time). */
  nodeWorkerCpuSeconds: number | null
  chromiumWorkerSeconds: number | null
  chromiumWorkerRuns: number[] | null
  chromiumMainThreadStallMs: number | null
  jsonSeconds: number
  htmlSeconds: number
  htmlKB: number
  share: number
  datasetDrift: boolean
  tests: Record<string, number>
  scipySeconds: number | null
  scipyCpuSeconds: number | null
  scipyPsiSeconds: number | null
  /** scipy seconds ÷ ours (Node worker): above 1 means the studio is faster. */
  speedupVsScipy: number | null
  /** The same ratio in CPU seconds. */
  cpuSpeedupVsScipy: number | null
  /** Columns where both chose the same test, and the largest relative differences of their statistics and p-values / distances. */
  agreement: { sameTest: number; maxStatisticRelDiff: number; maxPValueOrDistanceRelDiff: number; sameVerdictAsScipy: number } | null
}

function ensureFiles(): DriftBenchMeta {
  const meta: DriftBenchMeta = { version: DRIFT_DATA_VERSION, referenceRows: ROWS, currentRows: ROWS, columns: driftBenchColumns() }
  mkdirSync(DIR, { recursive: true })
  if (!existsSync(join(DIR, 'meta.json'))) {
    const started = Date.now()
    writeFileSync(join(DIR, 'reference.npy'), npyBytes(generateDriftMatrix(ROWS, false), meta.columns.length, ROWS))
    writeFileSync(join(DIR, 'current.npy'), npyBytes(generateDriftMatrix(ROWS, true), meta.columns.length, ROWS))
    writeFileSync(join(DIR, 'meta.json'), JSON.stringify(meta))
    console.log(`  generated 2 × ${ROWS.toLocaleString('en-US')} rows × ${meta.columns.length} columns in ${((Date.now() - started) / 1000).toFixed(1)} s (${DIR})`)
  }
  return meta
}

/** Runs the timing in a Node worker_thread (tsx registered in the thread by the boot file). */
function inNodeWorker(referenceRows: number, repeats: number): Promise<DriftTiming> {
  const worker = new Worker(new URL('./drift-worker-boot.mjs', import.meta.url), {
    workerData: { script: new URL('./drift-node-worker.ts', import.meta.url).href, dir: resolve(DIR), referenceRows, repeats },
  })
  return new Promise<DriftTiming>((resolvePromise, reject) => {
    worker.once('message', resolvePromise)
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`drift bench worker exited with code ${code} before answering`)))
  }).finally(() => void worker.terminate())
}

/** Builds the bench pages, serves them with the data files beside them, and times each case in a Chromium worker. */
async function inChromium(repeats: number): Promise<(DriftTiming & { loadSeconds: number; longestStallMs: number })[]> {
  console.log('  building the bench pages…')
  execFileSync('npx', ['vite', 'build', '--outDir', 'dist-bench', '--emptyOutDir'], { stdio: 'ignore', env: { ...process.env, STUDIO_BENCH: '1' } })
  mkdirSync(join('dist-bench', 'drift-bench'), { recursive: true })
  for (const file of ['meta.json', 'reference.npy', 'current.npy']) copyFileSync(join(DIR, file), join('dist-bench', 'drift-bench', file))
  const preview = await startPreview('dist-bench')
  const browser = await launchBrowser()
  try {
    const results = []
    for (const c of CASES) {
      const page = await browser.newPage()
      page.on('pageerror', (e) => console.error(`  page error: ${e.message}`))
      await page.goto(`${preview.url}/tests/bench/drift.html`)
      await page.getByText('ready').waitFor()
      results.push(
        await page.evaluate(
          ({ referenceRows, repeats }) => (window as unknown as { bench: { run: (r: number, n: number) => Promise<DriftTiming & { loadSeconds: number; longestStallMs: number }> } }).bench.run(referenceRows, repeats),
          { referenceRows: c.referenceRows, repeats },
        ),
      )
      await page.close()
    }
    return results
  } finally {
    await browser.close()
    await preview.stop()
  }
}

function hasScipy(): boolean {
  if (!existsSync(PYTHON)) return false
  return spawnSync(PYTHON, ['-c', 'import scipy.stats, scipy.spatial, numpy'], { stdio: 'ignore' }).status === 0
}

function scipyPeer(referenceRows: number): PeerResult {
  const run = spawnSync(PYTHON, ['tests/bench/drift_peer.py', DIR, String(referenceRows)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (run.status !== 0) throw new Error(`drift bench: the scipy peer failed: ${run.stderr.trim()}`)
  return JSON.parse(run.stdout) as PeerResult
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function relDiff(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : Infinity
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)
}

function agreement(ours: readonly TimedColumn[], peer: PeerResult): CaseResult['agreement'] {
  let sameTest = 0
  let maxStatistic = 0
  let maxJudged = 0
  let sameVerdict = 0
  for (const p of peer.columns) {
    const o = ours.find((c) => c.name === p.name)
    if (!o || o.test !== p.test) continue
    sameTest++
    // The z statistic's sign depends on which value is counted; its p-value does not.
    maxStatistic = Math.max(maxStatistic, p.test === 'z' ? relDiff(Math.abs(o.statistic ?? NaN), Math.abs(p.statistic ?? NaN)) : relDiff(o.statistic, p.statistic))
    maxJudged = Math.max(maxJudged, p.pValue !== null ? relDiff(o.pValue, p.pValue) : relDiff(o.distance, p.distance))
    const peerDrifted = p.pValue !== null ? p.pValue < 0.05 : (p.distance ?? 0) >= 0.1
    if (peerDrifted === o.drifted) sameVerdict++
  }
  return { sameTest, maxStatisticRelDiff: maxStatistic, maxPValueOrDistanceRelDiff: maxJudged, sameVerdictAsScipy: sameVerdict }
}

export async function runDriftBench(options: { repeats: number; browser: boolean }): Promise<CaseResult[]> {
  // Other work on the machine inflates every figure here; the load average is recorded beside them.
  const loadBefore = loadavg()[0]
  console.log(`drift bench: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadBefore.toFixed(1)}`)
  const meta = ensureFiles()
  const python = hasScipy()
  if (!python) console.log('  no /usr/bin/python3 with scipy: the scipy peer is skipped')
  const results: CaseResult[] = []
  for (const c of CASES) {
    const node = await inNodeWorker(c.referenceRows, options.repeats)
    const peer = python ? scipyPeer(c.referenceRows) : null
    const seconds = median(node.seconds)
    const tests: Record<string, number> = {}
    for (const column of node.columns) tests[column.test] = (tests[column.test] ?? 0) + 1
    results.push({
      case: c.name,
      referenceRows: c.referenceRows,
      currentRows: meta.currentRows,
      columns: meta.columns.length,
      nodeWorkerSeconds: round(seconds),
      nodeWorkerRuns: node.seconds.map(round),
      nodeWorkerCpuSeconds: node.cpuSeconds ? round(median(node.cpuSeconds)) : null,
      chromiumWorkerSeconds: null,
      chromiumWorkerRuns: null,
      chromiumMainThreadStallMs: null,
      jsonSeconds: round(node.jsonSeconds),
      htmlSeconds: round(node.htmlSeconds),
      htmlKB: Math.round(node.htmlBytes / 1024),
      share: node.share,
      datasetDrift: node.datasetDrift,
      tests,
      scipySeconds: peer ? round(peer.seconds) : null,
      scipyCpuSeconds: peer ? round(peer.cpuSeconds) : null,
      scipyPsiSeconds: peer ? round(peer.psiSeconds) : null,
      speedupVsScipy: peer ? round(peer.seconds / seconds) : null,
      cpuSpeedupVsScipy: peer && node.cpuSeconds ? round(peer.cpuSeconds / median(node.cpuSeconds)) : null,
      agreement: peer ? agreement(node.columns, peer) : null,
    })
    console.log(`  ${c.name}: Node worker ${seconds.toFixed(3)} s${peer ? `, scipy ${peer.seconds.toFixed(3)} s` : ''}`)
  }
  if (options.browser) {
    try {
      const browserRuns = await inChromium(options.repeats)
      browserRuns.forEach((run, i) => {
        results[i].chromiumWorkerRuns = run.seconds.map(round)
        results[i].chromiumWorkerSeconds = round(median(run.seconds))
        results[i].chromiumMainThreadStallMs = run.longestStallMs
      })
    } catch (error) {
      console.error(`  Chromium worker skipped: ${error instanceof Error ? error.message : error}`)
    }
  }
  printTable(results)
  mkdirSync(RESULTS, { recursive: true })
  const scipyVersion = python ? spawnSync(PYTHON, ['-c', 'import scipy; print(scipy.__version__)'], { encoding: 'utf8' }).stdout.trim() : null
  writeFileSync(
    join(RESULTS, 'drift.json'),
    JSON.stringify({ node: process.version, cores: cpus().length, loadAverage: { before: round(loadBefore), after: round(loadavg()[0]) }, scipy: scipyVersion, goalSeconds: GOAL_SECONDS, repeats: options.repeats, note: 'seconds: wall time of the median driftReport call (CPU seconds beside it where known); scipy: the statistics only (tests), PSI apart, not file loading; a high load average inflates wall times', results }, null, 2),
  )
  console.log(`wrote ${join(RESULTS, 'drift.json')}`)
  return results
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x
}

function printTable(rows: CaseResult[]): void {
  const header = ['case', 'ref rows', 'Node worker s', 'Node CPU s', 'Chromium worker s', 'page stall ms', 'scipy s', 'scipy CPU s', 'scipy ÷ ours', 'same test', 'max rel diff']
  const lines = rows.map((r) => [
    r.case,
    r.referenceRows.toLocaleString('en-US'),
    r.nodeWorkerSeconds.toFixed(3),
    r.nodeWorkerCpuSeconds?.toFixed(3) ?? '—',
    r.chromiumWorkerSeconds?.toFixed(3) ?? '—',
    r.chromiumMainThreadStallMs?.toString() ?? '—',
    r.scipySeconds?.toFixed(3) ?? '—',
    r.scipyCpuSeconds?.toFixed(3) ?? '—',
    r.speedupVsScipy?.toFixed(2) ?? '—',
    r.agreement ? `${r.agreement.sameTest}/${r.columns}` : '—',
    r.agreement ? Math.max(r.agreement.maxStatisticRelDiff, r.agreement.maxPValueOrDistanceRelDiff).toExponential(1) : '—',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const fmt = (cells: string[]) => cells.map((c, i) => (i >= 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')
  console.log(fmt(header))
  for (const l of lines) console.log(fmt(l))
  const large = rows[0]
  const figure = large.chromiumWorkerSeconds ?? large.nodeWorkerSeconds
  console.log(
    `goal: ${large.columns} columns × ${large.currentRows.toLocaleString('en-US')} rows against ${large.referenceRows.toLocaleString('en-US')} in under ${GOAL_SECONDS} s in a worker — ` +
      `${figure.toFixed(2)} s wall ${large.chromiumWorkerSeconds !== null ? '(Chromium worker)' : '(Node worker)'} (${figure < GOAL_SECONDS ? 'met' : 'NOT met'})` +
      (large.nodeWorkerCpuSeconds !== null ? `; ${large.nodeWorkerCpuSeconds.toFixed(2)} CPU s in the Node worker (wall time includes waiting for the CPU: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)` : ''),
  )
}
