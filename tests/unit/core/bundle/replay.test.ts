import { beforeAll, describe, expect, it } from 'vitest'
import type { ReplayStep } from '../../../../src/core/bundle/bundle'
import { Predictor } from '../../../../src/core/bundle/predictor'
import { recordsToTable } from '../../../../src/core/bundle/records'
import { replayCleaning } from '../../../../src/core/bundle/replay'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import type { CleaningRecipe } from '../../../../src/core/clean/types'
import type { Column, Table } from '../../../../src/core/types'
import { MS_FEATURES, msSample, tableRecords, trainMs, trainVitals, vitalsSample } from './helpers'

const cell = (column: Column, i: number): number | string | null =>
  column.type === 'number' ? (Number.isNaN(column.values[i]) ? null : column.values[i]) : column.codes[i] < 0 ? null : column.levels[column.codes[i]]

const col = (table: Table, name: string): Column => table.columns.find((c) => c.name === name)!

/** A raw MS record (age, gender, ms_type, treatment, lesion_count, lesion_volume_ml, whole_brain_volume_ml, edss). */
const ms = (gender: unknown, edss: unknown = 3.5): unknown[] => [41, gender, 'RRMS', 'Fingolimod', 26, 5.72, 1360.4, edss]

describe('MS sample with the proposed recipe: a record reaches the pipeline as training rows did', () => {
  let predictor: Predictor
  let recipe: CleaningRecipe

  beforeAll(async () => {
    const sample = await msSample()
    recipe = sample.recipe
    predictor = Predictor.fromBundle(JSON.parse(JSON.stringify((await trainMs(sample.table, recipe)).bundle)))
  })

  it('"male " and "M" are standardised to "Male" before the pipeline, so they predict as "Male" does', () => {
    const raw = recordsToTable({ columns: MS_FEATURES, rows: [ms('male '), ms('M'), ms('Male'), ms(' f')] }, predictor.inputSchema).table
    const cleaned = replayCleaning(raw, predictor.bundle.cleaning.steps).table
    expect([0, 1, 2, 3].map((i) => cell(col(cleaned, 'gender'), i))).toEqual(['Male', 'Male', 'Male', 'Female'])
    const result = predictor.predictRecords({ columns: MS_FEATURES, rows: [ms('male '), ms('M'), ms('Male'), ms('Female')] })
    expect(result.rows[0]).toEqual(result.rows[2])
    expect(result.rows[1]).toEqual(result.rows[2])
    expect(result.rows[3]).not.toEqual(result.rows[2])
    expect(result.issues).toEqual([])
    expect(result.warnings).toEqual([])
  })

  it('a record with EDSS 12 is refused, as its drop-row rule says, and the response says so for that row', () => {
    const result = predictor.predictRecords({ columns: MS_FEATURES, rows: [ms('Male'), ms('Male', 12), ms('Female', 10)] })
    expect(result.rows[1]).toBeNull()
    expect(result.rows[0]).not.toBeNull()
    expect(result.rows[2]).not.toBeNull()
    expect(result.issues).toEqual([{ row: 1, column: 'edss', code: 'edss-range', action: 'refused', message: 'edss outside 0 to 10 (12); the row is refused' }])
  })

  it('with a set-missing rule instead, EDSS 12 becomes missing: answered as a missing EDSS, and named', async () => {
    const blanking: CleaningRecipe = {
      ...recipe,
      steps: recipe.steps.map((s) => (s.kind === 'validate' ? { ...s, rules: s.rules.map((r) => (r.id === 'edss-range' && r.kind === 'range' ? { ...r, action: 'set-missing' as const } : r)) } : s)),
    }
    const { table } = await msSample()
    const p = Predictor.fromBundle(JSON.parse(JSON.stringify((await trainMs(table, blanking)).bundle)))
    const result = p.predictRecords({ columns: MS_FEATURES, rows: [ms('Male', 12), ms('Male', null)] })
    expect(result.rows[0]).not.toBeNull()
    expect(result.rows[0]).toEqual(result.rows[1])
    expect(result.issues).toEqual([{ row: 0, column: 'edss', code: 'edss-range', action: 'blanked', message: 'edss outside 0 to 10 (12); the cell is treated as missing' }])
  })

  it('replays exactly what the Clean page did to every row of the file (danfojs and core text engines alike)', async () => {
    const { table } = await msSample()
    const raw = recordsToTable(tableRecords(table), predictor.inputSchema).table
    const replayed = replayCleaning(raw, predictor.bundle.cleaning.steps)
    for (const textEngine of ['danfojs', 'core'] as const) {
      const page = await applyRecipe(table, recipe, { textEngine })
      const position = new Map(Array.from(replayed.kept, (request, i) => [request, i]))
      // Every row the page kept is kept by the replay, with the same values in every column the model reads.
      for (let i = 0; i < page.table.rowCount; i++) {
        const at = position.get(page.sourceRows[i] - 1)
        expect(at).toBeDefined()
        for (const name of MS_FEATURES) expect([name, cell(col(replayed.table, name), at!)]).toEqual([name, cell(col(page.table, name), i)])
      }
      // Rows the page dropped for a rule on a model column are exactly the rows the replay refuses.
      const pageKept = new Set(Array.from(page.sourceRows, (r) => r - 1))
      const missingTarget = new Set(Array.from({ length: table.rowCount }, (_, i) => i).filter((i) => cell(col(table, 'treatment_response'), i) === null))
      const droppedByRules = Array.from({ length: table.rowCount }, (_, i) => i).filter((i) => !pageKept.has(i) && !missingTarget.has(i))
      const refused = Array.from(replayed.refused.keys()).filter((i) => replayed.refused[i])
      expect(droppedByRules.every((i) => replayed.refused[i] === 1)).toBe(true)
      expect(refused.filter((i) => !missingTarget.has(i))).toEqual(droppedByRules)
    }
  })
})

describe('vitals: every replayed step kind', () => {
  let predictor: Predictor
  let data: Awaited<ReturnType<typeof vitalsSample>>
  const columns = ['age', 'sex', 'bp', 'weight', 'smoker']

  beforeAll(async () => {
    data = await vitalsSample()
    predictor = Predictor.fromBundle(JSON.parse(JSON.stringify((await trainVitals(data.table, data.recipe)).bundle)))
  })

  it('reads "72,5 kg" and "72,5" as 72.5 kg, splits "120/80", standardises sex and reads smoker as yes/no', () => {
    // A JSON number for a column the cleaning reads with a decimal comma is written that way, so it reads as sent.
    const { table, issues } = predictor.cleanRecords({ columns, rows: [[50, ' M', '120/80', '72,5 kg', 'Y'], [50, 'male', '120/80', '72,5', 'yes'], [50, 'Male', '120/80', 72.5, true]] })
    expect(table.columns.map((c) => c.name)).toEqual(['age', 'sex', 'sbp', 'dbp', 'weight', 'smoker'])
    for (let i = 0; i < 3; i++) expect(table.columns.map((c) => cell(c, i))).toEqual([50, 'male', 120, 80, 72.5, 'yes'])
    expect(issues).toEqual([])
    const result = predictor.predictRecords({ columns, rows: [[50, ' M', '120/80', '72,5 kg', 'Y'], [50, 'male', '120/80', '72,5', 'yes'], [50, 'Male', '120/80', 72.5, true]] })
    expect(result.rows[0]).toEqual(result.rows[1])
    expect(result.rows[2]).toEqual(result.rows[1])
  })

  it('names values a conversion cannot read and cells a set-missing rule blanks, and still answers the row', () => {
    const result = predictor.predictRecords({ columns, rows: [[50, 'male', '12/8', '154 lb', 'maybe'], [50, 'male', 'high', '70', 'no']] })
    expect(result.rows.every((r) => r !== null)).toBe(true)
    expect(result.issues.map(({ row, column, code, action }) => [row, column, code, action])).toEqual([
      [0, 'weight', 'conversion-failed', 'blanked'],
      [0, 'smoker', 'conversion-failed', 'blanked'],
      [0, 'sbp', 'sbp-range', 'blanked'],
      [1, 'bp', 'conversion-failed', 'blanked'],
    ])
    expect(result.issues[0].message).toBe('"154 lb" is not a number with a decimal comma in kg; the cell is treated as missing, as in training')
  })

  it('a request whose every value fails a conversion is answered with those cells missing (the Clean page would refuse the step)', () => {
    const result = predictor.predictRecords({ columns, rows: [[50, 'male', 'high', 'heavy', 'maybe']] })
    expect(result.rows[0]).not.toBeNull()
    expect(result.issues.map((i) => i.column)).toEqual(['weight', 'bp', 'smoker'])
  })

  it('refuses a record an allowed-values rule rejects', () => {
    const result = predictor.predictRecords({ columns, rows: [[50, 'other', '120/80', '70', 'no'], [17, 'male', '120/80', '70', 'no']] })
    expect(result.rows).toEqual([null, null])
    expect(result.issues.map((i) => [i.row, i.code, i.action])).toEqual([[0, 'sex-allowed', 'refused'], [1, 'age-range', 'refused']])
  })

  it('predicts the held-out rows from their raw records exactly as the trainer scored their cleaned rows', async () => {
    const page = await applyRecipe(data.table, data.recipe, { textEngine: 'danfojs' })
    const cleanedPredictions = Predictor.unchecked({ ...predictor.bundle, cleaning: { steps: [] }, inputSchema: predictor.bundle.pipeline.inputs.map((c) => ({ ...c, missingAllowed: true })) }).predict(page.table)
    const fromRaw = predictor.predictRecords(tableRecords(data.table, Array.from(page.sourceRows, (r) => r - 1)))
    fromRaw.rows.forEach((row, i) => {
      expect(row!.probabilities).toEqual({ '0': cleanedPredictions.proba[i * 2], '1': cleanedPredictions.proba[i * 2 + 1] })
    })
  })

  it('does not replay steps or rules on columns the model does not use, and says why', async () => {
    const { table, recipe } = data
    const withAge = await trainVitals(table, recipe, { features: ['sex', 'sbp', 'dbp', 'weight', 'smoker'] })
    const steps = withAge.bundle.cleaning.steps as ReplayStep[]
    const rules = steps.flatMap((s) => (s.kind === 'validate' ? s.rules.map((r) => r.id) : []))
    expect(rules).toEqual(['sbp-range', 'sex-allowed'])
    expect(withAge.bundle.inputSchema.map((c) => c.name)).not.toContain('age')
    expect(withAge.bundle.cleaning.notReplayed).toContainEqual({ id: 'ranges', kind: 'validate', why: 'rule age-range checks columns the model does not use' })
  })
})
