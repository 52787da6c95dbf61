/**
 * `npm run bench -- explain [--rows=2000]`: how fast per-feature explanations
 * are, for the server's `?explain=true` and the Predict page. On the generated
 * clinical table (generate-table.ts, binary label) through the default feature
 * pipeline: 100-tree depth-6 gradient boosting, a 100-tree random forest with
 * scikit-learn's defaults (trees grown to pure leaves) and one limited to
 * depth 8, logistic regression, and the neural net (default architecture,
 * untrained weights: the cost of sampling does not depend on them). For each,
 * explanations per second one row at a time (a request of one record) and in
 * batches of 100, both through explainRows (explain + fold to inputs), next
 * to plain prediction of the same rows. Writes bench-results/explain.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { explainRows } from '../../src/core/explain'
import type { Model } from '../../src/core/model/estimator'
import { LogisticRegression } from '../../src/core/model/logistic'
import { MultilayerPerceptron } from '../../src/core/model/mlp/mlp'
import { networkToJSON } from '../../src/core/model/mlp/network'
import { MLP_DEFAULTS } from '../../src/core/model/mlp/params'
import { initialLayers, standardisation } from '../../src/core/model/mlp/prepare'
import { TreeModel } from '../../src/core/model/tree/fitted-model'
import { GradientBoosting } from '../../src/core/model/tree/gradient-boosting'
import { RandomForest } from '../../src/core/model/tree/random-forest'
import { DEFAULT_PIPELINE_CONFIG } from '../../src/core/pipeline/config'
import { FeaturePipeline } from '../../src/core/pipeline/pipeline'
import { createRandom } from '../../src/core/random'
import type { Column, Matrix, Table } from '../../src/core/types'
import { generateTable } from './generate-table'

/** One line of bench-results/explain.json. */
export interface ExplainRow {
  model: string
  trainRows: number
  matrixColumns: number
  /** Tree models: nodes, leaves and the deepest leaf over all trees. */
  trees: { nodes: number; leaves: number; maxDepth: number } | null
  method: string
  singleRowPerSecond: number
  batchRowsPerSecond: number
  predictRowsPerSecond: number
  msPerSingleRow: number
}

/** Runs each case for about `seconds` and returns calls per second. */
function rate(call: (k: number) => void, seconds: number): number {
  call(0)
  let count = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < seconds * 1000) {
    call(++count)
    elapsed = performance.now() - start
  }
  return count / (elapsed / 1000)
}

function treeShape(model: Model): ExplainRow['trees'] {
  if (!(model instanceof TreeModel)) return null
  const { feature, left, right, roots } = model.fittedState().ensemble.arrays
  const depth = new Int32Array(feature.length)
  let leaves = 0
  let maxDepth = 0
  for (const root of roots) depth[root] = 0
  for (let node = 0; node < feature.length; node++) {
    if (feature[node] < 0) {
      leaves++
      maxDepth = Math.max(maxDepth, depth[node])
    } else depth[left[node]] = depth[right[node]] = depth[node] + 1
  }
  return { nodes: feature.length, leaves, maxDepth }
}

/** The default-architecture neural net with seeded initial weights, as a fitted model. */
function untrainedNet(X: Matrix): Model {
  const { mean, scale } = standardisation(X)
  const layers = initialLayers([X.cols, ...MLP_DEFAULTS.hiddenLayers, 1], 'relu', createRandom(1))
  const network = networkToJSON({ output: 'sigmoid', activation: 'relu', classes: 2, features: X.cols, inputMean: mean, inputScale: scale, targetMean: 0, targetScale: 1, layers })
  return MultilayerPerceptron.fromJSON({ family: 'mlp', params: {}, network })
}

export async function runExplainBench(rows = 2000): Promise<ExplainRow[]> {
  const generated = generateTable(rows + 1000)
  const columns: Column[] = [
    ...generated.numeric.map((values, j): Column => ({ name: generated.names[j], type: 'number', values })),
    ...generated.categorical.map((c, k): Column => ({ name: generated.names[24 + k], type: 'category', codes: c.codes, levels: c.levels })),
  ]
  const all: Table = { name: 'bench', rowCount: rows + 1000, columns }
  const slice = (from: number, to: number): Table => ({
    name: 'bench',
    rowCount: to - from,
    columns: columns.map((c) => (c.type === 'number' ? { ...c, values: c.values.slice(from, to) } : { ...c, codes: c.codes.slice(from, to) })),
  })
  const train = slice(0, rows)
  const y = Float64Array.from(generated.label.subarray(0, rows))
  const pipeline = FeaturePipeline.create(all, columns.map((c) => c.name), DEFAULT_PIPELINE_CONFIG, 'binary')
  const { X } = pipeline.fitTransform(train, y)
  const later = pipeline.transform(slice(rows, rows + 1000))
  const p = later.cols
  const oneRow = (k: number): Matrix => ({ rows: 1, cols: p, data: later.data.slice((k % later.rows) * p, ((k % later.rows) + 1) * p) })
  const batch = (k: number): Matrix => {
    const from = (k * 100) % (later.rows - 100)
    return { rows: 100, cols: p, data: later.data.slice(from * p, (from + 100) * p) }
  }

  const cases: [string, () => Model][] = [
    ['gradient boosting, 100 rounds, depth 6', () => new GradientBoosting({ nRounds: 100, maxDepth: 6 })],
    ['random forest, 100 trees, full depth', () => new RandomForest({ nTrees: 100, seed: 0 })],
    ['random forest, 100 trees, depth 8', () => new RandomForest({ nTrees: 100, maxDepth: 8, seed: 0 })],
    ['logistic regression', () => new LogisticRegression()],
    ['neural net 32-16, 128 permutations', () => untrainedNet(X)],
  ]
  const results: ExplainRow[] = []
  for (const [name, make] of cases) {
    const model = make()
    if (!(model instanceof MultilayerPerceptron)) await model.fit(X, y)
    const labels = { classLabels: ['0', '1'] }
    const method = explainRows(model, pipeline, oneRow(0), labels)[0].method
    const single = rate((k) => explainRows(model, pipeline, oneRow(k), labels), 3)
    const batched = 100 * rate((k) => explainRows(model, pipeline, batch(k), labels), 3)
    const predict = 100 * rate((k) => model.predictProba(batch(k)), 1)
    const row: ExplainRow = {
      model: name,
      trainRows: rows,
      matrixColumns: p,
      trees: treeShape(model),
      method,
      singleRowPerSecond: Math.round(single),
      batchRowsPerSecond: Math.round(batched),
      predictRowsPerSecond: Math.round(predict),
      msPerSingleRow: Number((1000 / single).toFixed(3)),
    }
    results.push(row)
    console.log(`${name.padEnd(42)} ${method.padEnd(9)} ${String(row.singleRowPerSecond).padStart(7)} explanations/s one row (${row.msPerSingleRow} ms), ${String(row.batchRowsPerSecond).padStart(7)} rows/s in batches of 100; prediction ${row.predictRowsPerSecond} rows/s${row.trees ? `; ${row.trees.leaves} leaves, depth ≤ ${row.trees.maxDepth}` : ''}`)
  }
  mkdirSync('bench-results', { recursive: true })
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, loadAverage: loadavg(), node: process.version }
  writeFileSync('bench-results/explain.json', JSON.stringify({ machine, results }, null, 2) + '\n')
  console.log('wrote bench-results/explain.json')
  return results
}
