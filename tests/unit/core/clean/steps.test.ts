import { describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import type { CleaningStep } from '../../../../src/core/clean/types'
import type { Table } from '../../../../src/core/types'
import { cells, makeTable, recipeOf } from './tables'

const run = (table: Table, steps: CleaningStep[], textEngine: 'core' | 'danfojs' = 'core') => applyRecipe(table, recipeOf(table, steps), { textEngine })

describe('drop-columns', () => {
  it('removes the named columns and reports the shape change', async () => {
    const t = makeTable({ id: [1, 2, 3], a: [1, null, 3], b: ['x', 'y', 'z'] })
    const { table, reports } = await run(t, [{ id: 'd', kind: 'drop-columns', columns: ['id', 'b'] }])
    expect(table.columns.map((c) => c.name)).toEqual(['a'])
    expect(reports[0]).toMatchObject({ stepId: 'd', kind: 'drop-columns', rowsBefore: 3, rowsAfter: 3, columnsBefore: 3, columnsAfter: 1, affectedRows: 0, engine: 'core' })
    expect(reports[0].details[0]).toBe('removed 2 columns: "id" and "b"')
  })
})

describe('drop-missing-target', () => {
  it('removes rows without a target; previews name ORIGINAL row numbers', async () => {
    const t = makeTable({ x: [null, 1, 2, 3, 4], y: ['a', null, 'b', null, 'c'] })
    const { table, reports, sourceRows } = await run(t, [
      { id: 'first', kind: 'validate', rules: [{ id: 'x-req', column: 'x', kind: 'required', action: 'drop-row' }] },
      { id: 't', kind: 'drop-missing-target', column: 'y' },
    ])
    expect(cells(table)).toEqual({ x: [2, 4], y: ['b', 'c'] })
    expect(Array.from(sourceRows)).toEqual([3, 5])
    expect(reports[1]).toMatchObject({ rowsBefore: 4, rowsAfter: 2, affectedRows: 2 })
    expect(reports[1].preview).toEqual([
      { row: 2, column: 'y', before: '', after: null, removed: true },
      { row: 4, column: 'y', before: '', after: null, removed: true },
    ])
    expect(reports[1].details).toEqual(['y missing: 2 rows removed'])
  })
})

describe('drop-sparse-rows', () => {
  it('removes rows whose share of missing cells is ABOVE the threshold', async () => {
    const t = makeTable({ a: [1, null, null, 4], b: [null, null, 2, 5], c: ['x', null, 'z', 'w'], d: [1, 2, null, 3] })
    // Missing shares: 1/4, 3/4, 2/4, 0/4 → only row 2 is above 0.5.
    const { table, reports, sourceRows } = await run(t, [{ id: 's', kind: 'drop-sparse-rows', maxMissingShare: 0.5 }])
    expect(Array.from(sourceRows)).toEqual([1, 3, 4])
    expect(table.rowCount).toBe(3)
    expect(reports[0].preview).toEqual([{ row: 2, column: null, before: '3 of 4 cells missing', after: null, removed: true }])
    expect(reports[0].affectedRows).toBe(1)
  })
})

describe('drop-sparse-columns', () => {
  it('removes columns whose share of missing cells is above the threshold, over the kept rows', async () => {
    const t = makeTable({ keep: [1, 2, 3, 4], sparse: [null, null, null, 1], half: [null, 'a', null, 'b'] })
    const { table, reports } = await run(t, [{ id: 'c', kind: 'drop-sparse-columns', maxMissingShare: 0.5 }])
    expect(table.columns.map((c) => c.name)).toEqual(['keep', 'half'])
    expect(reports[0]).toMatchObject({ columnsBefore: 3, columnsAfter: 2, affectedRows: 0 })
    expect(reports[0].details).toEqual(['sparse: 75% missing (3 of 4 rows), removed'])
  })
})

describe('validate', () => {
  const t = makeTable({
    edss: [3, 12, -1, 4.5, null, 10],
    age: [30, 40, 210, 50, 60, 4],
    sex: ['F', 'M', 'F', 'X', 'M', null],
  })

  it('counts violations per rule, removes rows and previews before/after', async () => {
    const { table, reports, sourceRows } = await run(t, [
      {
        id: 'v',
        kind: 'validate',
        rules: [
          { id: 'edss-range', column: 'edss', kind: 'range', min: 0, max: 10, action: 'drop-row' },
          { id: 'sex-allowed', column: 'sex', kind: 'allowed', values: ['F', 'M'], action: 'set-missing' },
          { id: 'age-max', column: 'age', kind: 'range', min: null, max: 120, action: 'drop-row' },
        ],
      },
    ])
    // Row 3 breaks both edss and age: counted by both rules, removed once.
    expect(reports[0].ruleCounts).toEqual({ 'edss-range': 2, 'sex-allowed': 1, 'age-max': 1 })
    expect(reports[0].affectedRows).toBe(3)
    expect(Array.from(sourceRows)).toEqual([1, 4, 5, 6])
    expect(cells(table)).toEqual({ edss: [3, 4.5, null, 10], age: [30, 50, 60, 4], sex: ['F', null, 'M', null] })
    expect(reports[0].preview).toEqual([
      { row: 2, column: 'edss', before: '12', after: null, removed: true },
      { row: 3, column: 'age', before: '210', after: null, removed: true },
      { row: 3, column: 'edss', before: '-1', after: null, removed: true },
      { row: 4, column: 'sex', before: 'X', after: null },
    ])
    expect(reports[0].details).toEqual([
      'edss outside 0 to 10: 2 rows removed',
      'sex not one of "F", "M": 1 row set missing',
      'age above 120: 1 row removed',
    ])
  })

  it('treats bounds as inclusive unless exclusive; a missing cell breaks only "required"', async () => {
    const { reports } = await run(t, [
      {
        id: 'v',
        kind: 'validate',
        rules: [
          { id: 'inclusive', column: 'edss', kind: 'range', min: 3, max: 10, action: 'set-missing' },
          { id: 'exclusive', column: 'age', kind: 'range', min: 4, max: null, minExclusive: true, action: 'set-missing' },
        ],
      },
    ])
    expect(reports[0].ruleCounts).toEqual({ inclusive: 2, exclusive: 1 })
    expect(reports[0].details[1]).toBe('age at or below 4: 1 row set missing')
  })

  it('runs rules in order: set-missing then required removes the row', async () => {
    const { sourceRows, reports } = await run(t, [
      {
        id: 'v',
        kind: 'validate',
        rules: [
          { id: 'range', column: 'edss', kind: 'range', min: 0, max: 10, action: 'set-missing' },
          { id: 'req', column: 'edss', kind: 'required', action: 'drop-row' },
        ],
      },
    ])
    expect(reports[0].ruleCounts).toEqual({ range: 2, req: 3 })
    expect(Array.from(sourceRows)).toEqual([1, 4, 6])
  })

  it('compares allowed values numerically on a number column', async () => {
    const n = makeTable({ flag: [0, 1, 2, null, 1] })
    const { reports, table } = await run(n, [{ id: 'v', kind: 'validate', rules: [{ id: 'bin', column: 'flag', kind: 'allowed', values: ['0', '1.0'], action: 'drop-row' }] }])
    expect(reports[0].ruleCounts).toEqual({ bin: 1 })
    expect(cells(table).flag).toEqual([0, 1, null, 1])
  })
})

describe('convert', () => {
  it('text → number: failed cells become missing and are counted, with examples', async () => {
    const t = makeTable({ dose: ['12', '12,5', 'abc', '007', null, '3.5', 'abc'] })
    const { table, reports } = await run(t, [{ id: 'c', kind: 'convert', column: 'dose', to: 'number' }])
    expect(table.columns[0].type).toBe('number')
    expect(cells(table).dose).toEqual([12, null, null, 7, null, 3.5, null])
    expect(reports[0].failedConversions).toBe(3)
    expect(reports[0].affectedRows).toBe(4) // 3 lost + "007" read as 7
    expect(reports[0].details).toEqual(['dose: 3 values converted to numbers', '3 values could not be read as numbers and became missing (e.g. "12,5", "abc")'])
    expect(reports[0].preview).toEqual([
      { row: 2, column: 'dose', before: '12,5', after: null },
      { row: 3, column: 'dose', before: 'abc', after: null },
      { row: 4, column: 'dose', before: '007', after: '7' },
      { row: 7, column: 'dose', before: 'abc', after: null },
    ])
  })

  it('number → category keeps the values as text, sorted numerically', async () => {
    const t = makeTable({ stage: [3, 1, null, 10, 1] })
    const { table, reports } = await run(t, [{ id: 'c', kind: 'convert', column: 'stage', to: 'category' }])
    const column = table.columns[0]
    expect(column.type === 'category' && column.levels).toEqual(['1', '3', '10'])
    expect(cells(table).stage).toEqual(['3', '1', null, '10', '1'])
    expect(reports[0]).toMatchObject({ failedConversions: 0, affectedRows: 0 })
  })

  it('yes/no → boolean: a category with levels exactly "no", "yes"; unknown values counted', async () => {
    const t = makeTable({ resp: ['Yes', 'y', 'TRUE', ' positive ', '1', 'No', 'n', 'f', '0', 'negative', 'maybe', null] })
    const { table, reports } = await run(t, [{ id: 'c', kind: 'convert', column: 'resp', to: 'boolean' }])
    const column = table.columns[0]
    expect(column.type === 'category' && column.levels).toEqual(['no', 'yes'])
    expect(cells(table).resp).toEqual(['yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'no', 'no', 'no', null, null])
    expect(reports[0].failedConversions).toBe(1)
    expect(reports[0].details[1]).toBe('1 value is not a yes/no value and became missing (e.g. "maybe")')
  })

  it('numbers 0/1 → boolean; both levels stay even when one is unused', async () => {
    const t = makeTable({ flag: [1, 1, null, 2] })
    const { table, reports } = await run(t, [{ id: 'c', kind: 'convert', column: 'flag', to: 'boolean' }])
    const column = table.columns[0]
    expect(column.type === 'category' && column.levels).toEqual(['no', 'yes'])
    expect(cells(table).flag).toEqual(['yes', 'yes', null, null])
    expect(reports[0].failedConversions).toBe(1)
  })

  it('a boolean column keeps no/yes through set-missing, but not once its text is changed', async () => {
    const t = makeTable({ flag: ['y', 'n', 'y'], v: [1, 50, 2] })
    const toBool: CleaningStep = { id: 'c', kind: 'convert', column: 'flag', to: 'boolean' }
    const dropNo: CleaningStep = { id: 'v', kind: 'validate', rules: [{ id: 'only-yes', column: 'flag', kind: 'allowed', values: ['yes'], action: 'set-missing' }] }
    const levels = async (steps: CleaningStep[]) => {
      const c = (await run(t, steps)).table.columns[0]
      return c.type === 'category' ? c.levels : null
    }
    expect(await levels([toBool, dropNo])).toEqual(['no', 'yes'])
    expect(await levels([toBool, dropNo, { id: 's', kind: 'standardize-text', columns: ['flag'], trim: false, case: 'upper', valueMap: {} }])).toEqual(['YES'])
  })

  it('a conversion that fails for every cell is an error naming the step', async () => {
    const t = makeTable({ other: [1, 2], sex: ['Female', 'Male'] })
    await expect(run(t, [{ id: 'c', kind: 'convert', column: 'sex', to: 'number' }])).rejects.toThrow(
      'recipe: step 1 (convert): no value of "sex" is a number (e.g. "Female", "Male"); converting would leave the column empty',
    )
  })

  it('a conversion failing for every KEPT cell (after earlier steps) is caught while running', async () => {
    const t = makeTable({ keep: [1, 2, 3], v: ['5', 'x', 'y'] })
    await expect(
      run(t, [
        { id: 'v', kind: 'validate', rules: [{ id: 'k', column: 'keep', kind: 'range', min: 2, max: null, action: 'drop-row' }] },
        { id: 'c', kind: 'convert', column: 'v', to: 'number' },
      ]),
    ).rejects.toThrow('recipe: step 2 (convert): none of the 2 values of "v" is a number (e.g. "x", "y"); converting would leave the column empty')
  })
})

describe('standardize-text', () => {
  const t = makeTable({ sex: ['Male', ' female ', 'M', 'F', 'male', null, 'FEMALE', 'unknown'], n: [1, 2, 3, 4, 5, 6, 7, 8] })
  const step: CleaningStep = { id: 's', kind: 'standardize-text', columns: ['sex'], trim: true, case: 'lower', valueMap: { ' M ': 'male', f: 'female', UNKNOWN: '' } }

  it.each(['core', 'danfojs'] as const)('trims, folds case, maps (keys folded too) and merges levels (%s)', async (engine) => {
    const { table, reports } = await run(t, [step], engine)
    const column = table.columns[0]
    expect(column.type === 'category' && column.levels).toEqual(['male', 'female'])
    expect(cells(table).sex).toEqual(['male', 'female', 'male', 'female', 'male', null, 'female', null])
    expect(reports[0].engine).toBe(engine)
    expect(reports[0].affectedRows).toBe(6)
    expect(reports[0].details).toContain('sex: 7 spellings became 2 values; 6 cells changed')
    if (engine === 'danfojs') expect(reports[0].details[0]).toMatch(/^text operations on 7 distinct values ran in danfojs \(\d+\.\d ms/)
    expect(reports[0].details).toContain('sex: "unknown" → missing (1 row)')
    expect(reports[0].preview[0]).toEqual({ row: 1, column: 'sex', before: 'Male', after: 'male' })
  })

  it('upper case with a synonym map keeps the acronym', async () => {
    const ms = makeTable({ ms_type: ['RRMS', 'rrms', 'Relapsing-remitting', 'SPMS', 'ppms'] })
    const { table } = await run(ms, [{ id: 's', kind: 'standardize-text', columns: ['ms_type'], trim: true, case: 'upper', valueMap: { 'relapsing-remitting': 'RRMS' } }], 'danfojs')
    expect(cells(table).ms_type).toEqual(['RRMS', 'RRMS', 'RRMS', 'SPMS', 'PPMS'])
  })

  it('refuses a numeric column, naming it', async () => {
    await expect(run(t, [{ ...step, columns: ['n'] } as CleaningStep])).rejects.toThrow(/recipe: step 1 \(standardize-text\): "n" holds numbers, so its value map cannot apply/)
  })
})

describe('dedupe', () => {
  const t = makeTable({ a: [1, 1, null, null, 1, 2], b: ['x', 'x', 'y', 'y', 'z', 'x'], c: [0, -0, 5, 5, 0, 1] })

  it('removes later copies of a row (missing equals missing, -0 equals 0)', async () => {
    const { sourceRows, reports } = await run(t, [{ id: 'd', kind: 'dedupe', columns: null }])
    expect(Array.from(sourceRows)).toEqual([1, 3, 5, 6])
    expect(reports[0].preview).toEqual([
      { row: 2, column: null, before: 'same as row 1', after: null, removed: true },
      { row: 4, column: null, before: 'same as row 3', after: null, removed: true },
    ])
    expect(reports[0].details).toEqual(['2 duplicate rows removed (the same values in all 3 columns); the first of each kept'])
  })

  it('compares only the given columns', async () => {
    const { sourceRows } = await run(t, [{ id: 'd', kind: 'dedupe', columns: ['b'] }])
    expect(Array.from(sourceRows)).toEqual([1, 3, 5])
  })

  it('finds duplicates among many rows without false matches', async () => {
    const n = 20_000
    const a = Array.from({ length: n }, (_, i) => i % 7_000)
    const b = Array.from({ length: n }, (_, i) => `v${i % 5_000}`)
    const big = makeTable({ a, b })
    const { table } = await run(big, [{ id: 'd', kind: 'dedupe', columns: null }])
    const distinct = new Set(a.map((x, i) => `${x}|${b[i]}`)).size
    expect(table.rowCount).toBe(distinct)
  })
})

describe('reports', () => {
  it('every report has counts, timing and engine; categories drop unused levels at the end', async () => {
    const t = makeTable({ g: ['a', 'b', 'c', 'a'], v: [1, 2, 99, 4] })
    const { table, reports } = await run(t, [{ id: 'v', kind: 'validate', rules: [{ id: 'r', column: 'v', kind: 'range', min: 0, max: 10, action: 'drop-row' }] }])
    expect(reports[0].ms).toBeGreaterThanOrEqual(0)
    expect(reports[0].engine).toBe('core')
    const g = table.columns[0]
    expect(g.type === 'category' && g.levels).toEqual(['a', 'b'])
  })
})
