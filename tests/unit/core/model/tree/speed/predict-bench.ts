/**
 * CPU time of boosting's prediction against XGBoost's on the engine bench's
 * matrices (train and test stacked: 100,000 × 42). Not a vitest file — run it
 * after one `npm run bench -- engine` has written the cache:
 *
 *   npx tsx tests/unit/core/model/tree/speed/predict-bench.ts [cache=bench-results/cache/engine-100000-v1]
 *
 * Fits 100 depth-6 trees (learning rate 0.1) on the training rows, then times
 * predictRaw (the WebAssembly kernel), predictRawWalk (the TypeScript walk)
 * and predictProba, seven passes each, interleaved, in process CPU time; then
 * XGBoost 1.7 `predict_proba` at nthread=1 the same way (/usr/bin/python3).
 * Prints the median and range of rows per CPU second and the load average:
 * CPU time is the fairer measure on a shared machine.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { GradientBoosting } from '../../../../../../src/core/model/tree/gradient-boosting'
import { TreeEnsemble } from '../../../../../../src/core/model/tree/predictor'
import type { Matrix } from '../../../../../../src/core/types'

const PASSES = 7

/** A little-endian float64 C-order .npy file (what the bench writes). */
function readNpy(path: string): { shape: number[]; data: Float64Array } {
  const bytes = readFileSync(path)
  const start = 10 + bytes.readUInt16LE(8)
  const header = bytes.subarray(10, start).toString('latin1')
  const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number)
  const count = shape.reduce((a, b) => a * b, 1)
  return { shape, data: new Float64Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + count * 8)) }
}

function rowsPerSecond(rows: number, seconds: number[]): string {
  const sorted = seconds.slice().sort((a, b) => a - b)
  const rate = (s: number) => Math.round(rows / s).toLocaleString('en-US')
  return `median ${rate(sorted[sorted.length >> 1])} rows/s (range ${rate(sorted[sorted.length - 1])}–${rate(sorted[0])})`
}

const PEER = `
import os, sys, time
for n in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"): os.environ[n] = "1"
import numpy as np, xgboost
d = sys.argv[1]
Xtr, ytr, Xte = np.load(d + "/X_train.npy"), np.load(d + "/y_train.npy").ravel(), np.load(d + "/X_test.npy")
m = xgboost.XGBClassifier(n_estimators=100, max_depth=6, learning_rate=0.1, tree_method="hist", max_bin=255, n_jobs=1, random_state=42)
m.fit(Xtr, ytr.astype(np.int32))
X = np.concatenate([Xtr, Xte])
for _ in range(${PASSES}):
    c = time.process_time(); m.predict_proba(X); print(time.process_time() - c)
`

function main(): void {
  const dir = process.argv[2] ?? 'bench-results/cache/engine-100000-v1'
  const train = readNpy(join(dir, 'X_train.npy'))
  const test = readNpy(join(dir, 'X_test.npy'))
  const y = readNpy(join(dir, 'y_train.npy'))
  const cols = train.shape[1]
  const X: Matrix = { rows: train.shape[0], cols, data: train.data }
  const model = new GradientBoosting({ nRounds: 100, maxDepth: 6, learningRate: 0.1 })
  model.fit(X, Float64Array.from(y.data), { task: 'binary', classCount: 2 })
  const all: Matrix = { rows: train.shape[0] + test.shape[0], cols, data: new Float64Array((train.shape[0] + test.shape[0]) * cols) }
  all.data.set(train.data)
  all.data.set(test.data, train.data.length)
  const ensemble = model.fittedState().ensemble as TreeEnsemble
  const kernel = ensemble.predictRaw(all)
  const walk = ensemble.predictRawWalk(all)
  if (kernel.some((v, i) => !Object.is(v, walk[i]))) throw new Error('predict bench: the kernel and the TypeScript walk differ')
  const ways: Record<string, () => unknown> = { 'predictRaw (kernel)': () => ensemble.predictRaw(all), 'predictRawWalk (TypeScript)': () => ensemble.predictRawWalk(all), predictProba: () => model.predictProba(all) }
  const seconds: Record<string, number[]> = {}
  for (let pass = 0; pass < PASSES; pass++) {
    for (const [name, run] of Object.entries(ways)) {
      const before = process.cpuUsage()
      run()
      const used = process.cpuUsage(before)
      ;(seconds[name] ??= []).push((used.user + used.system) / 1e6)
    }
  }
  console.log(`predict bench: ${all.rows.toLocaleString('en-US')} × ${cols}, ${ensemble.treeCount} trees, ${ensemble.nodeCount} nodes; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  for (const name of Object.keys(ways)) console.log(`  ${name.padEnd(28)} ${rowsPerSecond(all.rows, seconds[name])}`)
  try {
    const peer = execFileSync('/usr/bin/python3', ['-c', PEER, dir], { encoding: 'utf8' }).trim().split('\n').map(Number)
    console.log(`  ${'XGBoost predict_proba'.padEnd(28)} ${rowsPerSecond(all.rows, peer)}`)
  } catch (error) {
    console.log(`  XGBoost: not run (${(error as Error).message.split('\n')[0]})`)
  }
}

main()
