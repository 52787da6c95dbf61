import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { ModelBundle } from '../../../../../src/core/bundle/bundle'
import { exportXGBoost, importXGBoost, xgboostModelText } from '../../../../../src/core/interop/xgboost'
import { modelFromJSON } from '../../../../../src/core/model/registry'
import { TreeModel } from '../../../../../src/core/model/tree/fitted-model'
import { FeaturePipeline } from '../../../../../src/core/pipeline/pipeline'
import { createRandom } from '../../../../../src/core/random'
import { runTraining } from '../../../../../src/core/train/run-training'
import type { Table, Task } from '../../../../../src/core/types'
import { FIXTURES } from './fixtures'

/**
 * The studio's XGBoost export, checked by XGBoost itself: check_export.py
 * (beside the fixtures) loads each exported file with Debian's python3-xgboost
 * and compares its margins (output_margin=True) and predictions on the
 * pipeline's transformed matrix with the studio's, within 1e-5. Models come
 * from the studio's own training on generated data with missing values and a
 * category column (one-hot), for every tree family and task.
 */
const PYTHON = '/usr/bin/python3'
const hasXGBoost = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import xgboost'], { stdio: 'ignore' }).status === 0
if (!hasXGBoost) console.warn(`export.test: skipped the XGBoost check — ${PYTHON} with xgboost is not installed (apt-get install -y python3-xgboost)`)

const ROWS = 360

/** Numbers with ~10% missing, values that repeat (ties at thresholds), a three-level category; targets for each task. */
function generated(): Table {
  const random = createRandom(11)
  const a = new Float64Array(ROWS)
  const b = new Float64Array(ROWS)
  const c = new Float64Array(ROWS)
  const ward = new Int32Array(ROWS)
  const binary = new Float64Array(ROWS)
  const multi = new Int32Array(ROWS)
  const value = new Float64Array(ROWS)
  for (let i = 0; i < ROWS; i++) {
    a[i] = Math.round(random.normal() * 100) / 100
    b[i] = random.int(8)
    c[i] = random.normal() * 3 + 1
    ward[i] = random.int(3)
    const s = a[i] + 0.3 * b[i] - 1 + (ward[i] === 2 ? 1 : 0) + 0.5 * random.normal()
    binary[i] = s > 0 ? 1 : 0
    multi[i] = s < -0.8 ? 0 : s < 0.8 ? 1 : 2
    value[i] = s * 2 + 0.1 * c[i]
    if (random.next() < 0.1) a[i] = NaN
    if (random.next() < 0.1) c[i] = NaN
  }
  return {
    name: 'generated.csv',
    rowCount: ROWS,
    columns: [
      { name: 'a', type: 'number', values: a },
      { name: 'b', type: 'number', values: b },
      { name: 'c', type: 'number', values: c },
      { name: 'ward', type: 'category', codes: ward, levels: ['east', 'north', 'west'] },
      { name: 'binary', type: 'number', values: binary },
      { name: 'multi', type: 'category', codes: multi, levels: ['low', 'mid', 'high'] },
      { name: 'value', type: 'number', values: value },
    ],
  }
}

const TARGETS: Record<Task, string> = { binary: 'binary', multiclass: 'multi', regression: 'value' }
const PARAMS: Record<string, Record<string, unknown>> = {
  gbdt: { nRounds: 12, maxDepth: 3, earlyStoppingRounds: null },
  forest: { nTrees: 7, maxDepth: 5 },
  tree: { maxDepth: 5 },
}

async function train(table: Table, family: string, task: Task, pipeline?: 'no-impute'): Promise<ModelBundle> {
  const features = ['a', 'b', 'c', 'ward']
  const request = {
    target: TARGETS[task],
    task,
    features,
    family,
    params: PARAMS[family],
    testShare: 0.2,
    seed: 3,
    ...(pipeline ? { pipeline: { numeric: { impute: 'none', fillValue: 0, missingIndicator: false, outliers: 'none', outlierFactor: 1.5, scale: 'none' }, categorical: { impute: 'most-frequent', fillValue: 'missing', missingIndicator: false, encode: 'one-hot', maxCategories: 20, unseen: 'zeros' }, overrides: {}, selection: { varianceThreshold: null, correlationThreshold: null, topK: null } } as const } : {}),
  }
  return (await runTraining(table, request as Parameters<typeof runTraining>[1], { dataset: { name: table.name, fingerprint: 'test' } })).bundle
}

/** The transformed matrix of every row, the studio's raw scores and what XGBoost's predict should give. */
function studioSide(bundle: ModelBundle, table: Table) {
  const X = FeaturePipeline.fromJSON(bundle.pipeline).transform(table)
  const model = modelFromJSON(bundle.model) as TreeModel
  const margins = model.fittedState().ensemble.predictRaw(X)
  let outputs: Float64Array
  if (bundle.task === 'regression') outputs = model.predict(X)
  else if (bundle.task === 'binary') {
    const proba = model.predictProba(X)
    outputs = Float64Array.from({ length: X.rows }, (_, i) => proba[2 * i + 1])
  } else outputs = model.predictProba(X)
  return { X, margins, outputs }
}

const CASES: [string, Task, 'no-impute' | undefined][] = [
  ['gbdt', 'binary', 'no-impute'],
  ['gbdt', 'multiclass', 'no-impute'],
  ['gbdt', 'regression', undefined],
  ['forest', 'binary', 'no-impute'],
  ['forest', 'multiclass', undefined],
  ['forest', 'regression', 'no-impute'],
  ['tree', 'binary', undefined],
  ['tree', 'multiclass', 'no-impute'],
  ['tree', 'regression', 'no-impute'],
]

describe('XGBoost JSON export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xgb-export-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.skipIf(!hasXGBoost)('XGBoost loads every exported family and task; its margins and predictions equal the studio\'s within 1e-5', async () => {
    const table = generated()
    for (const [family, task, pipeline] of CASES) {
      const bundle = await train(table, family, task, pipeline)
      const { X, margins, outputs } = studioSide(bundle, table)
      if (pipeline === 'no-impute') expect(X.data.some((v) => Number.isNaN(v))).toBe(true)
      const folder = join(dir, `${family}-${task}`)
      mkdirSync(folder)
      writeFileSync(join(folder, 'model.json'), xgboostModelText(exportXGBoost(bundle)))
      const matrix = Array.from(X.data, (v) => (Number.isNaN(v) ? null : v))
      writeFileSync(join(folder, 'case.json'), JSON.stringify({ featureNames: bundle.pipeline.featureNames, rows: X.rows, cols: X.cols, matrix, margins: Array.from(margins), outputs: Array.from(outputs) }))
    }
    const script = fileURLToPath(new URL('check_export.py', FIXTURES))
    const run = spawnSync(PYTHON, [script, dir], { encoding: 'utf8' })
    const results = run.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { case: string; ok: boolean; maxMarginDiff?: number; error?: string })
    expect(run.stderr.includes('Traceback')).toBe(false)
    expect(results.map((r) => r.case).sort()).toEqual(CASES.map(([f, t]) => `${f}-${t}`).sort())
    for (const r of results) expect(r, JSON.stringify(r).slice(0, 400)).toMatchObject({ case: r.case, ok: true, featureNamesMatch: true })
    expect(run.status).toBe(0)
  })

  it('round trip: the exported gradient boosting model imports back with the same predictions (float32 leaves)', async () => {
    const table = generated()
    for (const task of ['binary', 'multiclass', 'regression'] as Task[]) {
      const bundle = await train(table, 'gbdt', task, 'no-impute')
      const studio = studioSide(bundle, table)
      const xgbJson = JSON.parse(xgboostModelText(exportXGBoost(bundle)))
      // The import reads the exported names back from the transformed matrix's columns.
      const names = bundle.pipeline.featureNames
      const columns = names.map((name, j) => ({ name, type: 'number' as const, values: Float64Array.from({ length: studio.X.rows }, (_, i) => studio.X.data[i * studio.X.cols + j]) }))
      const imported = importXGBoost(xgbJson, { name: 'matrix', rowCount: studio.X.rows, columns })
      const raw = imported.model.fittedState().ensemble.predictRaw(studio.X)
      for (let i = 0; i < raw.length; i++) expect(Math.abs(raw[i] - studio.margins[i])).toBeLessThan(1e-5)
    }
  })

  it('refuses models without trees by name', async () => {
    const bundle = await train(generated(), 'logistic', 'binary')
    expect(() => exportXGBoost(bundle)).toThrow(expect.objectContaining({ code: 'xgboost/unsupported-family', message: expect.stringMatching(/logistic regression/) }))
  })
})
