/**
 * The engine bench's page side for the neural net (issue 15: "the neural net
 * in Node on tfjs' wasm backend, within 2× of the page's wasm time"). The
 * Node fit is engine-worker.ts's; this fits the same cached matrices with the
 * same parameters (epochs, seed, early stopping) in Chromium, in a module Web
 * Worker that starts tfjs through the app's selectTfjsBackend('wasm') as the
 * training worker does (mlp.html → mlp-page.ts → mlp-bench.worker.ts), and
 * attaches that fit to the row as its peer. It also compares the two fitted
 * models: on the same wasm binary, single-threaded on both sides, they should
 * be the same network.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, linkSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { MultilayerPerceptron } from '../../src/core/model/mlp/mlp'
import type { ModelJSON } from '../../src/core/model/estimator'
import { launchBrowser, startPreview } from './browser'
import { parseNpy } from './drift-data'
import type { EngineRow } from './engine-suite'
import type { WorkerResult } from './engine-worker'
import type { PageFitRequest, PageFitResult } from './mlp-bench-types'

/** The peer name in the row and in bench-results/engine.json. */
export const PAGE_PEER = 'page: tfjs wasm, Chromium worker'
const OUT = 'dist-bench'
const FILES = ['X_train', 'y_train', 'X_test', 'y_test']
/** The issue's goal: Node's fit at most this many times the page's. */
const GOAL_RATIO = 2

/** What the goal line reads besides the row: which backend ran on each side and whether the models agree. */
interface Comparison {
  nodeBackend: string | null
  pageBackend: string
  nodeEpochs: number | null
  pageEpochs: number
  models: string
}
const comparisons = new WeakMap<EngineRow, Comparison>()

let built = false

/** Builds the bench pages once per bench run (the data and drift suites build the same dist-bench). */
function buildPages(): void {
  if (built) return
  console.log('    building the bench pages…')
  execFileSync('node_modules/.bin/vite', ['build', '--outDir', OUT, '--emptyOutDir'], { stdio: 'ignore', env: { ...process.env, STUDIO_BENCH: '1' } })
  built = true
}

/** Puts the cached .npy files where the preview serves them: hard links (no copy of a 1,000,000-row matrix), else copies. */
function stageData(dir: string): string {
  const served = join('mlp-bench', basename(dir))
  const target = join(OUT, served)
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  for (const name of FILES) {
    const from = join(dir, `${name}.npy`)
    try {
      linkSync(from, join(target, `${name}.npy`))
    } catch {
      copyFileSync(from, join(target, `${name}.npy`))
    }
  }
  return `/${served}`
}

/** One fit in a fresh page and worker (a fresh wasm instance, as each Node fit gets a fresh process). */
async function fitInChromium(request: PageFitRequest, timeoutS: number): Promise<PageFitResult> {
  const preview = await startPreview(OUT)
  const browser = await launchBrowser()
  let timer: NodeJS.Timeout | undefined
  try {
    const page = await browser.newPage()
    page.on('pageerror', (e) => console.error(`    page error: ${e.message}`))
    await page.goto(`${preview.url}/tests/bench/mlp.html`)
    await page.getByText('ready').waitFor()
    const fit = page.evaluate((r) => (window as unknown as { bench: { fit: (r: PageFitRequest) => Promise<PageFitResult> } }).bench.fit(r), request)
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`killed after the ${timeoutS} s time limit`)), timeoutS * 1000)
    })
    return await Promise.race([fit, limit])
  } finally {
    clearTimeout(timer)
    await browser.close()
    preview.stop()
  }
}

/**
 * Whether the page's model is the Node fit's: identical JSON, else the largest
 * difference in predicted probability over the held-out rows.
 */
function compareModels(node: unknown, page: unknown, dir: string): string {
  if (JSON.stringify(node) === JSON.stringify(page)) return 'Node and page models identical (same weights, bit for bit)'
  const bytes = readFileSync(join(dir, 'X_test.npy'))
  const { shape, data } = parseNpy(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  const X = { rows: shape[0], cols: shape[1], data }
  const a = MultilayerPerceptron.fromJSON(node as ModelJSON).predictProba(X)
  const b = MultilayerPerceptron.fromJSON(page as ModelJSON).predictProba(X)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]))
  return `Node and page models differ: max |Δ probability| ${worst.toExponential(2)} over ${X.rows.toLocaleString('en-US')} held-out rows`
}

/**
 * Fits the neural net in Chromium on `dir`'s matrices with `params` (the
 * fastest of `repeat` fits) and attaches it to `row` as the peer; `ours` is
 * the Node fit (engine-worker.ts), whose model is compared with the page's.
 */
export async function attachPageFit(row: EngineRow, ours: WorkerResult | null, dir: string, params: Record<string, unknown>, repeat: number, timeoutS: number): Promise<void> {
  row.peer = PAGE_PEER
  console.log(`    ${PAGE_PEER}…`)
  let best: PageFitResult | null = null
  try {
    buildPages()
    const request: PageFitRequest = { dataPath: stageData(dir), params, backend: 'wasm' }
    for (let i = 0; i < repeat; i++) {
      const result = await fitInChromium(request, timeoutS)
      console.log(`    page fit ${result.fitSeconds.toFixed(2)} s on ${result.backend} (${result.epochs} epochs; loading the matrices ${result.loadSeconds.toFixed(1)} s, not counted)`)
      if (!best || result.fitSeconds < best.fitSeconds) best = result
    }
  } catch (error) {
    row.note = [row.note, `page: ${error instanceof Error ? error.message : String(error)}`].filter(Boolean).join('; ')
    return
  }
  if (!best) return
  row.peerFitSeconds = Math.round(best.fitSeconds * 1000) / 1000
  row.peerAuc = best.auc
  row.peerParams = { ...params, backend: best.backend, epochsRun: best.epochs }
  const comparison: Comparison = {
    nodeBackend: ours?.backend ?? null,
    pageBackend: best.backend,
    nodeEpochs: ours?.epochs ?? null,
    pageEpochs: best.epochs,
    models: ours?.model ? compareModels(ours.model, best.model, dir) : 'no Node model to compare',
  }
  comparisons.set(row, comparison)
  const detail = `Node on ${comparison.nodeBackend ?? '?'} (${comparison.nodeEpochs ?? '?'} epochs), page on ${comparison.pageBackend} (${comparison.pageEpochs} epochs); ${comparison.models}`
  row.note = [row.note, detail].filter(Boolean).join('; ')
}

/** Prints the goal line for each size: Node's wasm fit within 2× of the page's. */
export function printMlpGoal(rows: EngineRow[], sizes: number[]): void {
  // Nothing to say when the neural net was not among the families run (--families).
  if (!rows.some((r) => r.model === 'mlp')) return
  for (const n of sizes) {
    const row = rows.find((r) => r.model === 'mlp' && r.rows === n && r.peer === PAGE_PEER)
    const what = `goal: neural net in Node on tfjs wasm within ${GOAL_RATIO}× of the page's wasm fit (same data, parameters, epochs) on ${n.toLocaleString('en-US')} rows`
    const c = row ? comparisons.get(row) : undefined
    if (!row || !c || row.fitSeconds === null || row.peerFitSeconds === null) {
      console.log(`${what} — not measured (${row ? 'a fit failed' : 'mlp not run'}${row?.note ? `: ${row.note}` : ''})`)
      continue
    }
    const ratio = row.fitSeconds / row.peerFitSeconds
    const onWasm = c.nodeBackend === 'wasm' && c.pageBackend === 'wasm'
    const ok = onWasm && ratio <= GOAL_RATIO
    console.log(
      `${what} — Node ${row.fitSeconds.toFixed(2)} s on ${c.nodeBackend}, page ${row.peerFitSeconds.toFixed(2)} s on ${c.pageBackend}: ${ratio.toFixed(2)}× (${ok ? 'met' : 'NOT met'}${onWasm ? '' : ': not both on wasm'}); ${c.models}`,
    )
  }
}
