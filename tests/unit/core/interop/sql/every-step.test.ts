import { describe, expect, it } from 'vitest'
import { RECIPE_FORMAT, recipeVersion, type CleaningRecipe, type CleaningStep } from '../../../../../src/core/clean/types'
import { cleanBothWays, duckdbWithFile, runQuery, studioRead } from './duckdb-run'
import { decimalCommaCsv, DIRTY_COLUMNS, dirtyCsv } from './dirty-data'
import { recipeToSql, sourceSchema } from '../../../../../src/core/interop/sql'
import { alone, EVERY_STEP } from './every-step.fixture'

const encode = (text: string) => new TextEncoder().encode(text)
const recipe = (steps: CleaningStep[], sourceColumns = DIRTY_COLUMNS): CleaningRecipe => ({ format: RECIPE_FORMAT, version: recipeVersion(steps), sourceColumns, steps })
const dirty = encode(dirtyCsv())

describe('recipe as SQL: generated dirty data, every step kind, DuckDB equals the studio', () => {
  it('the dirty file holds the edge cases (a blank row, duplicates, missing tokens)', async () => {
    const { table } = await studioRead(dirty, 'dirty.csv')
    expect(table.rowCount).toBe(400)
    const types = Object.fromEntries(table.columns.map((c) => [c.name, c.type]))
    // The reader's typing decides the query's types: these must be as the steps expect.
    expect(types).toMatchObject({ age: 'number', code: 'number', flag: 'number', score: 'number', weight: 'category', bp: 'category', eu: 'category' })
  })

  it('all the steps together', async () => {
    const { studio, diff } = await cleanBothWays(dirty, 'dirty.csv', recipe(EVERY_STEP))
    expect(diff).toEqual([])
    expect(studio.rowCount).toBeGreaterThan(30)
    expect(studio.columns.map((c) => c.name)).toContain('diastolic')
  })

  it.each(EVERY_STEP.map((step) => [step.kind, step.id, step] as const))('one step alone: %s (%s)', async (_kind, _id, step) => {
    const { diff } = await cleanBothWays(dirty, 'dirty.csv', recipe(alone(step)))
    expect(diff).toEqual([])
  })

  it('text steps without trimming or case, a value map to missing and to blank, and dedupe on some columns', async () => {
    const steps: CleaningStep[] = [
      { id: 'raw', kind: 'standardize-text', columns: ['sex', 'city'], trim: false, case: 'none', valueMap: { ' Male': 'Male', f: '', FEMALE: 'n/a', paris: ' Paris' } },
      { id: 'lower', kind: 'standardize-text', columns: ['grade'], trim: false, case: 'lower', valueMap: { ' a': 'A' } },
      { id: 'dedupe', kind: 'dedupe', columns: ['sex', 'smoker'] },
    ]
    const { studio, diff } = await cleanBothWays(dirty, 'dirty.csv', recipe(steps))
    expect(diff).toEqual([])
    expect(studio.rowCount).toBeLessThan(150)
  })

  it('numbers read with a decimal comma by the reader (semicolon file)', async () => {
    const file = encode(decimalCommaCsv())
    const { table, decimalCommaColumns } = await studioRead(file, 'eu.csv')
    expect(decimalCommaColumns.sort()).toEqual(['height', 'weight_kg'])
    const steps: CleaningStep[] = [
      { id: 'r', kind: 'validate', rules: [{ id: 'w', column: 'weight_kg', kind: 'range', min: 50, max: 110, action: 'set-missing' }] },
      { id: 'l', kind: 'standardize-text', columns: ['label'], trim: true, case: 'lower', valueMap: {} },
      { id: 'd', kind: 'dedupe', columns: ['label'] },
    ]
    const { diff } = await cleanBothWays(file, 'eu.csv', recipe(steps, table.columns.map((c) => c.name)), { delimiter: ';' })
    expect(diff).toEqual([])
  })
})

describe('recipe as SQL: refusals', () => {
  it('refuses drop-sparse-columns by name: its columns depend on the data', async () => {
    const { table } = await studioRead(dirty, 'dirty.csv')
    const steps: CleaningStep[] = [{ id: 'x', kind: 'drop-sparse-columns', maxMissingShare: 0.5 }]
    expect(() => recipeToSql(recipe(steps), sourceSchema(table.columns), { dialect: 'duckdb' })).toThrow(
      expect.objectContaining({ code: 'sql/data-dependent-columns', message: expect.stringContaining('step 1 (drop-sparse-columns)') }),
    )
  })

  it('refuses what the studio refuses on this data: a range rule on text, text steps on numbers, a missing column', async () => {
    const { table } = await studioRead(dirty, 'dirty.csv')
    const schema = sourceSchema(table.columns)
    const sql = (steps: CleaningStep[]) => () => recipeToSql(recipe(steps), schema, { dialect: 'spark' })
    expect(sql([{ id: 'r', kind: 'validate', rules: [{ id: 'w', column: 'weight', kind: 'range', min: 0, max: 1, action: 'drop-row' }] }])).toThrow(expect.objectContaining({ code: 'sql/rule-type' }))
    expect(sql([{ id: 't', kind: 'standardize-text', columns: ['age'], trim: true, case: 'lower', valueMap: {} }])).toThrow(expect.objectContaining({ code: 'sql/text-on-numbers' }))
    expect(sql([{ id: 'd', kind: 'drop-columns', columns: ['age'] }, { id: 'e', kind: 'drop-missing-target', column: 'age' }])).toThrow(
      expect.objectContaining({ code: 'sql/missing-column', message: expect.stringContaining('removed by an earlier step') }),
    )
    expect(() => recipeToSql(recipe([], ['age', 'weight', 'nothere']), schema, { dialect: 'duckdb' })).toThrow(expect.objectContaining({ code: 'sql/missing-column' }))
  })

  it('stops in DuckDB, naming the value, when a column read as numbers holds text in another file', async () => {
    const { table } = await studioRead(dirty, 'dirty.csv')
    const sql = recipeToSql(recipe([]), sourceSchema(table.columns), { dialect: 'duckdb' })
    const other = encode(dirtyCsv().replace('\n42,', '\nforty-two,'))
    const con = await duckdbWithFile(other)
    await expect(runQuery(con, sql)).rejects.toThrow(/column "age" held only numbers .* holds "forty-two"/)
    con.closeSync()
  })

  it('refuses in DuckDB to lower-case a capital sigma, whose lower case depends on the letters around it', async () => {
    const file = encode('name,x\nΟΔΥΣΣΕΥΣ,1\nabc,2\n')
    const { table } = await studioRead(file, 'greek.csv')
    const steps: CleaningStep[] = [{ id: 't', kind: 'standardize-text', columns: ['name'], trim: true, case: 'lower', valueMap: {} }]
    const sql = recipeToSql(recipe(steps, ['name', 'x']), sourceSchema(table.columns), { dialect: 'duckdb' })
    const con = await duckdbWithFile(file)
    await expect(runQuery(con, sql)).rejects.toThrow(/capital sigma/)
    con.closeSync()
    // Upper case has no context rule: the same column upper-cased is exact.
    const upper = await cleanBothWays(file, 'greek.csv', recipe([{ ...steps[0], case: 'upper' } as CleaningStep], ['name', 'x']))
    expect(upper.diff).toEqual([])
  })
})
