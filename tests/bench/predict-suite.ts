/**
 * `npm run bench -- predict [--seconds=2]`: Predictor.predictRecords in
 * process — the work the model server does per request, without HTTP — for
 * single records and 100-record batches, with logistic regression and
 * 100-round gradient boosting trained on the MS sample through its proposed
 * cleaning recipe (so every request replays 3 text standardisations and 5
 * range rules before the pipeline). Prints and writes bench-results/predict.json:
 * requests/second and rows/second per case. The server's goal (≥ 10,000
 * single-row requests/s per process, issue 11) needs this path to take well
 * under 100 µs per record.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { Predictor } from '../../src/core/bundle/predictor'
import type { RecordsInput } from '../../src/core/bundle/predict-types'
import { proposeRecipe } from '../../src/core/clean/propose-recipe'
import { profileTable } from '../../src/core/table/profile/profile'
import { readDataFile } from '../../src/core/table/read/read-file'
import { runTraining } from '../../src/core/train/run-training'

export interface PredictBenchRow {
  model: string
  rowsPerRequest: number
  requestsPerSecond: number
  rowsPerSecond: number
  microsecondsPerRequest: number
}

const FEATURES = ['age', 'gender', 'ms_type', 'treatment', 'lesion_count', 'lesion_volume_ml', 'whole_brain_volume_ml', 'edss']
const MODELS: { name: string; family: string; params: Record<string, unknown> }[] = [
  { name: 'logistic regression', family: 'logistic', params: {} },
  { name: 'gradient boosting, 100 rounds', family: 'gbdt', params: { nRounds: 100, earlyStoppingRounds: null } },
]

export async function runPredictBench(seconds = 2): Promise<PredictBenchRow[]> {
  const file = 'ms-treatment.csv'
  const { table } = await readDataFile(new Uint8Array(readFileSync(`sample-data/${file}`)), file)
  const recipe = proposeRecipe(table, profileTable(table), 'treatment_response')
  const records = rawRecords(table.rowCount)
  const rows: PredictBenchRow[] = []
  for (const spec of MODELS) {
    const trained = await runTraining(table, { target: 'treatment_response', task: 'binary', features: FEATURES, family: spec.family, params: spec.params, testShare: 0.2, seed: 42, recipe }, { dataset: { name: file, fingerprint: 'bench' } })
    const predictor = Predictor.fromBundle(JSON.parse(JSON.stringify(trained.bundle)))
    for (const size of [1, 100]) {
      const requests = Array.from({ length: 64 }, (_, k) => ({ columns: records.columns, rows: records.rows.slice((k * size) % (records.rows.length - size), ((k * size) % (records.rows.length - size)) + size) }))
      const rate = measure(() => requests, (input: RecordsInput) => predictor.predictRecords(input), seconds)
      rows.push({ model: spec.name, rowsPerRequest: size, requestsPerSecond: rate, rowsPerSecond: rate * size, microsecondsPerRequest: 1e6 / rate })
    }
  }
  console.table(rows.map((r) => ({ ...r, requestsPerSecond: Math.round(r.requestsPerSecond), rowsPerSecond: Math.round(r.rowsPerSecond), microsecondsPerRequest: r.microsecondsPerRequest.toFixed(1) })))
  mkdirSync('bench-results', { recursive: true })
  writeFileSync('bench-results/predict.json', JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n')
  return rows
}

/** The MS file's rows as a request would carry them: raw JSON cells, dirt included ("male ", "M"). */
function rawRecords(rowCount: number): RecordsInput {
  const [header, ...lines] = readFileSync('sample-data/ms-treatment.csv', 'utf8').trim().split('\n')
  const names = header.split(',')
  const at = FEATURES.map((f) => names.indexOf(f))
  const numeric = new Set(['age', 'lesion_count', 'lesion_volume_ml', 'whole_brain_volume_ml', 'edss'])
  const rows = lines.slice(0, rowCount).map((line) => {
    const cells = line.split(',')
    return at.map((i, j) => {
      const cell = cells[i]
      if (cell === '') return null
      return numeric.has(FEATURES[j]) && Number.isFinite(Number(cell)) ? Number(cell) : cell
    })
  })
  return { columns: FEATURES, rows }
}

/** Requests per second of `run` over the prepared inputs, after a warm-up, for about `seconds`. */
function measure<T>(inputs: () => T[], run: (input: T) => unknown, seconds: number): number {
  const list = inputs()
  for (let i = 0; i < 2000; i++) run(list[i % list.length])
  let done = 0
  const started = performance.now()
  const until = started + seconds * 1000
  while (performance.now() < until) {
    for (let i = 0; i < 200; i++) run(list[(done + i) % list.length])
    done += 200
  }
  return done / ((performance.now() - started) / 1000)
}
