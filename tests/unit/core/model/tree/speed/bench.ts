/**
 * Speed of the tree families against their peers on the benchmark table
 * (tests/bench/generate-table.ts: 24 numeric columns with ~1% missing, 5
 * categorical ones as codes, a 0/1 outcome). Not a vitest file — run it:
 *
 *   npx tsx tests/unit/core/model/tree/speed/bench.ts [rows=100000] [gbdt|forest|memory]...
 *
 * Trains on `rows` rows and scores AUC on 20,000 more; writes the table as CSV
 * to the OS temp folder and runs tests/fixtures/reference/tree_speed_peers.py
 * with /usr/bin/python3 (XGBoost hist nthread=1; scikit-learn's random forest,
 * n_jobs=1). Reports wall and CPU seconds for each; CPU time is the fairer
 * measure on a shared machine. `memory` fits boosting on 1,000,000 rows and
 * reports the process's peak resident memory.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rocAuc } from '../../../../../../src/core/metrics/classification'
import type { Model } from '../../../../../../src/core/model/estimator'
import { GradientBoosting } from '../../../../../../src/core/model/tree/gradient-boosting'
import { RandomForest } from '../../../../../../src/core/model/tree/random-forest'
import type { Matrix } from '../../../../../../src/core/types'
import { generateTable } from '../../../../../bench/generate-table'

const TEST_ROWS = 20_000

/** The generated table as a row-major matrix (categories as their codes) and labels. */
function benchTable(rows: number): { X: Matrix; y: Float64Array; names: string[] } {
  const t = generateTable(rows, 7)
  const p = t.numeric.length + t.categorical.length
  const data = new Float64Array(rows * p)
  for (let i = 0; i < rows; i++) {
    t.numeric.forEach((col, j) => (data[i * p + j] = col[i]))
    t.categorical.forEach((c, k) => (data[i * p + t.numeric.length + k] = c.codes[i]))
  }
  return { X: { rows, cols: p, data }, y: Float64Array.from(t.label), names: t.names.slice(0, p) }
}

function slice(X: Matrix, y: Float64Array, from: number, to: number) {
  return { X: { rows: to - from, cols: X.cols, data: X.data.subarray(from * X.cols, to * X.cols) }, y: y.subarray(from, to) }
}

function writeCsv(path: string, X: Matrix, y: Float64Array, names: string[]): void {
  const lines = [[...names, 'outcome'].join(',')]
  for (let i = 0; i < X.rows; i++) {
    const cells: string[] = []
    for (let j = 0; j < X.cols; j++) {
      const v = X.data[i * X.cols + j]
      cells.push(Number.isNaN(v) ? '' : String(v))
    }
    cells.push(String(y[i]))
    lines.push(cells.join(','))
  }
  writeFileSync(path, lines.join('\n') + '\n')
}

function timeFit(label: string, model: Model, train: { X: Matrix; y: Float64Array }, test: { X: Matrix; y: Float64Array }) {
  const cpu = process.cpuUsage()
  const wall = performance.now()
  model.fit(train.X, train.y)
  const wallSeconds = (performance.now() - wall) / 1000
  const used = process.cpuUsage(cpu)
  const proba = model.predictProba(test.X)
  const auc = rocAuc(Array.from(test.y), Array.from({ length: test.X.rows }, (_, i) => proba[2 * i + 1])) as number
  const result = { peer: label, wallSeconds: +wallSeconds.toFixed(3), cpuSeconds: +((used.user + used.system) / 1e6).toFixed(3), auc: +auc.toFixed(5) }
  console.log(JSON.stringify(result))
  return result
}

function peers(csv: string, trainRows: number, which: string[]): { peer: string; wallSeconds: number; cpuSeconds: number; auc: number }[] {
  const script = new URL('../../../../../fixtures/reference/tree_speed_peers.py', import.meta.url).pathname
  const out = execFileSync('/usr/bin/python3', [script, csv, String(trainRows), ...which], { encoding: 'utf8', maxBuffer: 1 << 20 })
  return out.trim().split('\n').map((line) => {
    console.log(line)
    return JSON.parse(line)
  })
}

function main(): void {
  const args = process.argv.slice(2)
  const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000)
  const which = args.filter((a) => !/^\d+$/.test(a))
  const run = (name: string) => which.length === 0 || which.includes(name)
  if (which.includes('memory')) {
    const big = benchTable(1_000_000)
    const model = new GradientBoosting()
    const cpu = process.cpuUsage()
    model.fit(big.X, big.y)
    const used = process.cpuUsage(cpu)
    console.log(JSON.stringify({ peer: 'ours gbdt 1,000,000 × 29', cpuSeconds: +((used.user + used.system) / 1e6).toFixed(1), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }))
    return
  }
  const { X, y, names } = benchTable(rows + TEST_ROWS)
  const train = slice(X, y, 0, rows)
  const test = slice(X, y, rows, rows + TEST_ROWS)
  const csv = join(tmpdir(), `tree-bench-${rows}.csv`)
  writeCsv(csv, X, y, names)
  if (run('gbdt')) {
    const ours = timeFit('ours gbdt (100 rounds, depth 6, lr 0.1)', new GradientBoosting(), train, test)
    const [xgb] = peers(csv, rows, ['xgboost'])
    console.log(`gbdt: ${(ours.cpuSeconds / xgb.cpuSeconds).toFixed(2)}× XGBoost's CPU time (goal ≤ 2), AUC ${ours.auc} vs ${xgb.auc}`)
  }
  if (run('forest')) {
    const ours = timeFit('ours forest (100 trees, OOB score)', new RandomForest(), train, test)
    const [plain, withOob] = peers(csv, rows, ['forest', 'forest-oob'])
    console.log(`forest: ${(plain.cpuSeconds / ours.cpuSeconds).toFixed(2)}× faster than scikit-learn (${(withOob.cpuSeconds / ours.cpuSeconds).toFixed(2)}× with its OOB score; goal ≥ 5), AUC ${ours.auc} vs ${plain.auc}`)
  }
}

main()
