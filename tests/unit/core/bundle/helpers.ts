import { readFileSync } from 'node:fs'
import type { RecordsInput } from '../../../../src/core/bundle/predict-types'
import { parseRecipe } from '../../../../src/core/clean/parse-recipe'
import { proposeRecipe } from '../../../../src/core/clean/propose-recipe'
import type { CleaningRecipe } from '../../../../src/core/clean/types'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { runTraining, type TrainingRequest, type TrainingResult } from '../../../../src/core/train/run-training'
import type { Table } from '../../../../src/core/types'

const root = new URL('../../../../', import.meta.url).pathname

/** A file of the repository, by path from its root. */
export const repoFile = (path: string): Buffer => readFileSync(root + path)

/** Reads a CSV of the repository with the studio's reader. */
export async function readTable(path: string): Promise<Table> {
  return (await readDataFile(new Uint8Array(repoFile(path)), path.split('/').pop()!)).table
}

/** A golden bundle file as parsed JSON. */
export const goldenJson = (name: string): Record<string, unknown> => JSON.parse(repoFile(`tests/golden/bundles/${name}`).toString('utf8'))

/** Rows of a table as a request carries them: JSON numbers and texts, null when missing. */
export function tableRecords(table: Table, rows?: readonly number[]): RecordsInput {
  const picked = rows ?? Array.from({ length: table.rowCount }, (_, i) => i)
  return {
    columns: table.columns.map((c) => c.name),
    rows: picked.map((i) => table.columns.map((c) => (c.type === 'number' ? (Number.isNaN(c.values[i]) ? null : c.values[i]) : c.codes[i] < 0 ? null : c.levels[c.codes[i]]))),
  }
}

export const MS_FEATURES = ['age', 'gender', 'ms_type', 'treatment', 'lesion_count', 'lesion_volume_ml', 'whole_brain_volume_ml', 'edss']
export const VITALS_FEATURES = ['age', 'sex', 'sbp', 'dbp', 'weight', 'smoker']

/** The MS sample and its proposed recipe (the Clean page's proposal). */
export async function msSample(): Promise<{ table: Table; recipe: CleaningRecipe }> {
  const table = await readTable('sample-data/ms-treatment.csv')
  return { table, recipe: proposeRecipe(table, profileTable(table), 'treatment_response') }
}

/** vitals.csv (tests/golden/bundles/make-vitals.py) and its recipe: every replayed step kind. */
export async function vitalsSample(): Promise<{ table: Table; recipe: CleaningRecipe }> {
  return { table: await readTable('tests/golden/bundles/vitals.csv'), recipe: parseRecipe(JSON.parse(repoFile('tests/golden/bundles/vitals-recipe.json').toString('utf8'))) }
}

export function trainMs(table: Table, recipe: CleaningRecipe | null, patch: Partial<TrainingRequest> = {}): Promise<TrainingResult> {
  return runTraining(table, { target: 'treatment_response', task: 'binary', features: MS_FEATURES, family: 'logistic', params: {}, testShare: 0.2, seed: 42, recipe, ...patch }, { dataset: { name: 'ms-treatment.csv', fingerprint: 'test' } })
}

export function trainVitals(table: Table, recipe: CleaningRecipe | null, patch: Partial<TrainingRequest> = {}): Promise<TrainingResult> {
  return runTraining(table, { target: 'outcome', task: 'binary', features: VITALS_FEATURES, family: 'logistic', params: {}, testShare: 0.25, seed: 7, recipe, ...patch }, { dataset: { name: 'vitals.csv', fingerprint: 'test' } })
}
