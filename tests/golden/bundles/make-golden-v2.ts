/**
 * Makes the golden version-2 bundles with the studio's own trainer, ONCE, at
 * the commit that introduced bundle version 2 (`npx tsx
 * tests/golden/bundles/make-golden-v2.ts`, from the repository root). Like
 * the v1 files they stand for bundles already out in the world: later
 * studios must keep loading them and predicting the same numbers
 * (tests/unit/core/bundle/golden-bundles.test.ts). Never regenerate them to
 * make a test pass.
 *
 * - v2-logistic-vitals: vitals.csv (make-vitals.py) cleaned with
 *   vitals-recipe.json — every replayed step kind: convert with decimal comma
 *   and unit, split, standardize-text, boolean, validate (set-missing and
 *   drop-row rules) — with a chosen threshold of 0.35;
 * - v2-logistic-ms, v2-gbdt-parkinsons: the samples with their proposed recipes.
 * v2-expected.json holds predictRecords' answers for the first 40 rows of
 * each file, sent as a request would send them (JSON cells, dirt included).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Predictor } from '../../../src/core/bundle/predictor'
import type { RecordsInput } from '../../../src/core/bundle/predict-types'
import { parseRecipe } from '../../../src/core/clean/parse-recipe'
import { proposeRecipe } from '../../../src/core/clean/propose-recipe'
import type { CleaningRecipe } from '../../../src/core/clean/types'
import { profileTable } from '../../../src/core/table/profile/profile'
import { readDataFile } from '../../../src/core/table/read/read-file'
import { runTraining, type TrainingRequest } from '../../../src/core/train/run-training'
import type { Table } from '../../../src/core/types'

const here = 'tests/golden/bundles'

/** The first `n` rows of a table as JSON cells: numbers (null when missing) and texts (null when missing). */
export function tableRecords(table: Table, n: number): RecordsInput {
  const rows: unknown[][] = []
  for (let i = 0; i < Math.min(n, table.rowCount); i++) {
    rows.push(table.columns.map((c) => (c.type === 'number' ? (Number.isNaN(c.values[i]) ? null : c.values[i]) : c.codes[i] < 0 ? null : c.levels[c.codes[i]])))
  }
  return { columns: table.columns.map((c) => c.name), rows }
}

async function read(path: string): Promise<Table> {
  return (await readDataFile(new Uint8Array(readFileSync(path)), path.split('/').pop()!)).table
}

const cases: { name: string; data: string; recipe: (t: Table) => CleaningRecipe; request: Omit<TrainingRequest, 'recipe'> }[] = [
  {
    name: 'v2-logistic-vitals',
    data: join(here, 'vitals.csv'),
    recipe: () => parseRecipe(JSON.parse(readFileSync(join(here, 'vitals-recipe.json'), 'utf8'))),
    request: { target: 'outcome', task: 'binary', features: ['age', 'sex', 'sbp', 'dbp', 'weight', 'smoker'], family: 'logistic', params: {}, testShare: 0.25, seed: 7, evaluation: { threshold: 0.35 } },
  },
  {
    name: 'v2-logistic-ms',
    data: 'sample-data/ms-treatment.csv',
    recipe: (t) => proposeRecipe(t, profileTable(t), 'treatment_response'),
    request: { target: 'treatment_response', task: 'binary', features: ['age', 'gender', 'ms_type', 'treatment', 'lesion_count', 'lesion_volume_ml', 'whole_brain_volume_ml', 'edss'], family: 'logistic', params: {}, testShare: 0.2, seed: 42 },
  },
  {
    name: 'v2-gbdt-parkinsons',
    data: 'sample-data/parkinsons.csv',
    recipe: (t) => proposeRecipe(t, profileTable(t), 'Diagnosis'),
    request: { target: 'Diagnosis', task: 'binary', features: [], family: 'gbdt', params: { nRounds: 30 }, testShare: 0.2, seed: 42 },
  },
]

const expected: Record<string, unknown> = {}
for (const c of cases) {
  const table = await read(c.data)
  const features = c.request.features.length > 0 ? c.request.features : table.columns.map((col) => col.name).filter((n) => !['PatientID', 'DoctorInCharge', 'Diagnosis'].includes(n))
  const result = await runTraining(table, { ...c.request, features, recipe: c.recipe(table) }, { dataset: { name: c.data.split('/').pop()!, fingerprint: 'golden' } })
  writeFileSync(join(here, `${c.name}.json`), JSON.stringify(result.bundle, null, 1) + '\n')
  const predictor = Predictor.fromBundle(JSON.parse(readFileSync(join(here, `${c.name}.json`), 'utf8')))
  expected[c.name] = { data: c.data, rows: 40, result: predictor.predictRecords(tableRecords(table, 40)) }
}
writeFileSync(join(here, 'v2-expected.json'), JSON.stringify(expected, null, 1) + '\n')
