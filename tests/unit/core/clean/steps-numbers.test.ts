import { describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import { findRecipeProblems } from '../../../../src/core/clean/check-fits'
import type { CleaningStep } from '../../../../src/core/clean/types'
import type { Table } from '../../../../src/core/types'
import { cells, makeTable, recipeOf, snapshot } from './tables'

const run = (table: Table, steps: CleaningStep[]) => applyRecipe(table, recipeOf(table, steps), { textEngine: 'core' })
const description = (table: Table, name: string) => table.columns.find((c) => c.name === name)?.description

describe('convert to numbers with a decimal comma', () => {
  it('reads "3,5" and "1.234,5"; a decimal point then fails and is counted', async () => {
    const t = makeTable({ edss: ['3,5', '1.234,5', '4', '3.5', null, '1 000,25'] })
    const { table, reports } = await run(t, [{ id: 'c', kind: 'convert', column: 'edss', to: 'number', decimalComma: true }])
    expect(cells(table).edss).toEqual([3.5, 1234.5, 4, null, null, 1000.25])
    expect(reports[0].failedConversions).toBe(1)
    expect(reports[0].details).toEqual([
      'edss: 4 values converted to numbers (decimal comma)',
      '1 value could not be read as numbers with a decimal comma and became missing (e.g. "3.5")',
    ])
  })

  it('without the option a decimal comma is still not a number (unchanged behaviour)', async () => {
    const t = makeTable({ edss: ['3,5', '4'] })
    const { table } = await run(t, [{ id: 'c', kind: 'convert', column: 'edss', to: 'number' }])
    expect(cells(table).edss).toEqual([null, 4])
  })
})

describe('convert to numbers stripping a unit', () => {
  it('"70 kg" → 70, the unit goes into the description, a bare number reads as kg, another unit fails', async () => {
    const t = makeTable({ weight: ['70 kg', '82.5kg', '64 KG', '71', '154 lb', null, '?'] })
    const { table, reports } = await run(t, [{ id: 'c', kind: 'convert', column: 'weight', to: 'number', unit: 'kg' }])
    // "?" is a missing token; "154 lb" is the only failure.
    expect(cells(table).weight).toEqual([70, 82.5, 64, 71, null, null, null])
    expect(description(table, 'weight')).toBe('unit: kg')
    expect(reports[0].failedConversions).toBe(1)
    expect(reports[0].details).toEqual([
      'weight: 4 values converted to numbers',
      'unit "kg" removed from the values and kept in the column\'s description',
      '1 value had no unit and was read as kg',
      '1 value could not be read as numbers in kg and became missing (e.g. "154 lb")',
    ])
  })

  it('a percentage stays in percent: "6%" → 6, not 0.06', async () => {
    const t = makeTable({ hba1c: ['6%', '6.5 %', '12,5%'] })
    const { table } = await run(t, [{ id: 'c', kind: 'convert', column: 'hba1c', to: 'number', unit: '%' }])
    expect(cells(table).hba1c).toEqual([6, 6.5, null])
    const comma = await run(t, [{ id: 'c', kind: 'convert', column: 'hba1c', to: 'number', unit: '%', decimalComma: true }])
    expect(cells(comma.table).hba1c).toEqual([6, null, 12.5])
    expect(description(comma.table, 'hba1c')).toBe('unit: %')
  })

  it('the description survives later steps (rows removed, text standardised elsewhere) and reaches the result', async () => {
    const t = makeTable({ weight: ['70 kg', '80 kg', '90 kg', '75 kg'], sex: ['F', 'f', 'M', 'M'] })
    const { table } = await run(t, [
      { id: 'c', kind: 'convert', column: 'weight', to: 'number', unit: 'kg' },
      { id: 'v', kind: 'validate', rules: [{ id: 'r', column: 'weight', kind: 'range', min: null, max: 85, action: 'set-missing' }] },
      { id: 'd', kind: 'validate', rules: [{ id: 'r2', column: 'weight', kind: 'range', min: 72, max: null, action: 'drop-row' }] },
      { id: 's', kind: 'standardize-text', columns: ['sex'], trim: true, case: 'upper', valueMap: {} },
    ])
    // 90 → missing (above 85); 70 → row removed (below 72); a missing cell breaks no range.
    expect(cells(table).weight).toEqual([80, null, 75])
    expect(description(table, 'weight')).toBe('unit: kg')
    expect(description(table, 'sex')).toBeUndefined()
  })

  it('a column that already holds numbers just records its unit', async () => {
    const t = makeTable({ weight: [70, 80] })
    const { table, reports } = await run(t, [{ id: 'c', kind: 'convert', column: 'weight', to: 'number', unit: 'kg' }])
    expect(description(table, 'weight')).toBe('unit: kg')
    expect(reports[0].details).toEqual(['weight already holds numbers; its unit is recorded as kg'])
  })

  it('refuses, before touching anything, a unit no value carries', () => {
    const t = makeTable({ weight: ['70 lb', '80 lb'] })
    expect(findRecipeProblems(recipeOf(t, [{ id: 'c', kind: 'convert', column: 'weight', to: 'number', unit: 'kg' }]), t)).toEqual([
      { code: 'recipe-conversion-failed', step: 0, message: 'recipe: step 1 (convert): no value of "weight" is a number in kg (e.g. "70 lb", "80 lb"); converting would leave the column empty' },
    ])
  })
})

describe('split', () => {
  const bp = () => makeTable({ id: [1, 2, 3, 4, 5], bp: ['120/80', '135 / 85', 'not measured', null, '110/70/60'], age: [50, 60, 70, 80, 90] })
  const step: CleaningStep = { id: 's', kind: 'split', column: 'bp', separator: '/', into: ['systolic', 'diastolic'] }

  it('turns "120/80" into two number columns in place of the original, counting values that fail', async () => {
    const t = bp()
    const before = snapshot(t)
    const { table, reports } = await run(t, [step])
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'systolic', 'diastolic', 'age'])
    expect(cells(table)).toMatchObject({ systolic: [120, 135, null, null, null], diastolic: [80, 85, null, null, null] })
    expect(reports[0]).toMatchObject({ rowsBefore: 5, rowsAfter: 5, columnsBefore: 3, columnsAfter: 4, failedConversions: 2, affectedRows: 4 })
    expect(reports[0].details).toEqual([
      'bp: 2 values split at "/" into "systolic" and "diastolic"',
      '2 values could not be read as 2 numbers and became missing in every new column (e.g. "not measured", "110/70/60")',
    ])
    expect(reports[0].preview).toEqual([
      { row: 1, column: 'bp', before: '120/80', after: 'systolic 120, diastolic 80' },
      { row: 2, column: 'bp', before: '135 / 85', after: 'systolic 135, diastolic 85' },
      { row: 3, column: 'bp', before: 'not measured', after: null },
      { row: 5, column: 'bp', before: '110/70/60', after: null },
    ])
    expect(snapshot(t)).toEqual(before)
  })

  it('strips a unit and records it in both new columns; later steps can use the new names', async () => {
    const t = makeTable({ bp: ['120/80 mmHg', '140/90 mmHg', '300/90 mmHg'] })
    const { table } = await run(t, [
      { ...step, unit: 'mmHg' },
      { id: 'v', kind: 'validate', rules: [{ id: 'r', column: 'systolic', kind: 'range', min: 50, max: 260, action: 'drop-row' }] },
    ])
    expect(cells(table)).toEqual({ systolic: [120, 140], diastolic: [80, 90] })
    expect([description(table, 'systolic'), description(table, 'diastolic')]).toEqual(['unit: mmHg', 'unit: mmHg'])
  })

  it('refuses new names that clash with existing columns, naming them, and applies nothing', async () => {
    const t = bp()
    await expect(run(t, [{ ...step, into: ['age', 'id'] }])).rejects.toThrow('recipe: step 1 (split): columns called "age" and "id" already exist; give the new columns other names')
    await expect(run(t, [{ ...step, into: ['bp', 'dia'] }])).rejects.toThrow('recipe: step 1 (split): a column called "bp" already exists; give the new column another name')
    expect(findRecipeProblems(recipeOf(t, [{ ...step, into: ['age', 'x'] }]), t).map((p) => p.code)).toEqual(['recipe-split-clash'])
  })

  it('refuses a split of a number column, and one where no value splits', async () => {
    const t = bp()
    await expect(run(t, [{ ...step, column: 'age' }])).rejects.toThrow('recipe: step 1 (split): "age" holds numbers at this point, not text such as "120/80"; there is nothing to split')
    const none = makeTable({ bp: ['high', 'low'] })
    expect(findRecipeProblems(recipeOf(none, [step]), none)).toEqual([
      { code: 'recipe-conversion-failed', step: 0, message: 'recipe: step 1 (split): no value of "bp" splits at "/" into 2 numbers (e.g. "high", "low"); splitting would leave the new columns empty' },
    ])
  })

  it('a later step using the split columns is not a missing column of the file; one using the removed original is', () => {
    const t = bp()
    const later: CleaningStep = { id: 'd', kind: 'drop-columns', columns: ['diastolic'] }
    expect(findRecipeProblems(recipeOf(t, [step, later]), t)).toEqual([])
    const stale: CleaningStep = { id: 'd', kind: 'drop-columns', columns: ['bp'] }
    expect(findRecipeProblems(recipeOf(t, [step, stale]), t)).toEqual([
      { code: 'recipe-missing-column', step: 1, message: 'recipe: step 2 (drop-columns): this step uses "bp", which step 1 (split) removed' },
    ])
  })
})
