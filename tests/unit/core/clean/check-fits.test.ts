import { describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import { checkRecipeFits, findRecipeProblems } from '../../../../src/core/clean/parse-recipe'
import type { CleaningStep } from '../../../../src/core/clean/types'
import { makeTable, recipeOf, snapshot } from './tables'

const t = makeTable({ age: [30, 40, 50], sex: ['F', 'M', 'F'], dose: ['1', '2', 'x'], arm: ['placebo', 'drug', 'drug'] }, 'new.csv')

const expectRefused = async (steps: CleaningStep[], message: string | RegExp, sourceColumns?: string[]) => {
  const recipe = { ...recipeOf(t, steps), ...(sourceColumns ? { sourceColumns } : {}) }
  const before = snapshot(t)
  expect(() => checkRecipeFits(recipe, t)).toThrow(message)
  // applyRecipe checks the same first: nothing applied, input untouched.
  await expect(applyRecipe(t, recipe, { textEngine: 'core' })).rejects.toThrow(message)
  expect(snapshot(t)).toEqual(before)
}

describe('checkRecipeFits', () => {
  it('accepts a recipe that fits', () => {
    expect(findRecipeProblems(recipeOf(t, [{ id: 'c', kind: 'convert', column: 'dose', to: 'number' }]), t)).toEqual([])
  })

  it('lists every missing column of a recipe made for another dataset', async () => {
    await expectRefused(
      [{ id: 'v', kind: 'validate', rules: [{ id: 'edss-range', column: 'edss', kind: 'range', min: 0, max: 10, action: 'drop-row' }] }],
      'recipe: 3 columns the recipe needs are not in "new.csv": "patient_id", "lesion_count" and "edss"; was the recipe made for another dataset?',
      ['patient_id', 'age', 'lesion_count'],
    )
  })

  it('names a rule on a column that does not exist', async () => {
    await expectRefused(
      [{ id: 'v', kind: 'validate', rules: [{ id: 'bmi-range', column: 'bmi', kind: 'range', min: 10, max: 80, action: 'drop-row' }] }],
      'recipe: a column the recipe needs is not in "new.csv": "bmi"; was the recipe made for another dataset?',
    )
  })

  it('names a step using a column an earlier step removed', async () => {
    await expectRefused(
      [
        { id: 'd', kind: 'drop-columns', columns: ['age'] },
        { id: 'v', kind: 'validate', rules: [{ id: 'age-range', column: 'age', kind: 'range', min: 0, max: 120, action: 'drop-row' }] },
      ],
      'recipe: step 2 (validate): rule age-range uses "age", which step 1 (drop-columns) removed',
    )
  })

  it('refuses a value map on a numeric column', async () => {
    await expectRefused(
      [{ id: 's', kind: 'standardize-text', columns: ['age'], trim: true, case: 'none', valueMap: { '30': 'thirty' } }],
      'recipe: step 1 (standardize-text): "age" holds numbers, so its value map cannot apply; remove "age" from this step or convert it to category first',
    )
  })

  it('refuses a value map whose values a later conversion to number cannot read', async () => {
    await expectRefused(
      [
        { id: 's', kind: 'standardize-text', columns: ['dose'], trim: true, case: 'lower', valueMap: { x: 'high' } },
        { id: 'c', kind: 'convert', column: 'dose', to: 'number' },
      ],
      'recipe: step 2 (convert): "dose" is converted to number, but step 1 (standardize-text) maps values to "high", which is not a number; change the value map or convert first',
    )
  })

  it('accepts a value map whose values are numbers before a conversion', () => {
    const recipe = recipeOf(t, [
      { id: 's', kind: 'standardize-text', columns: ['dose'], trim: true, case: 'lower', valueMap: { x: '0' } },
      { id: 'c', kind: 'convert', column: 'dose', to: 'number' },
    ])
    expect(() => checkRecipeFits(recipe, t)).not.toThrow()
  })

  it('refuses a range rule on a text column', async () => {
    await expectRefused(
      [{ id: 'v', kind: 'validate', rules: [{ id: 'r', column: 'sex', kind: 'range', min: 0, max: 1, action: 'drop-row' }] }],
      'recipe: step 1 (validate): rule r: "sex" holds text at this point (e.g. "F", "M"), but a range needs numbers; add a convert step to number before it',
    )
  })

  it('refuses a conversion that fails for every cell', async () => {
    await expectRefused([{ id: 'c', kind: 'convert', column: 'arm', to: 'boolean' }], 'recipe: step 1 (convert): no value of "arm" is a yes/no value (e.g. "placebo", "drug"); converting would leave the column empty')
  })

  it('refuses a dataset that is all missing', async () => {
    const empty = makeTable({ a: [null, null], b: [null, null] }, 'blank.csv')
    expect(() => checkRecipeFits(recipeOf(empty, []), empty)).toThrow('recipe: every cell of "blank.csv" is missing (2 rows × 2 columns); there is nothing to clean')
    await expect(applyRecipe(empty, recipeOf(empty, []))).rejects.toThrow(/every cell of "blank.csv" is missing/)
  })

  it('lists several problems in one message, code of the first', () => {
    const recipe = recipeOf(t, [
      { id: 's', kind: 'standardize-text', columns: ['age'], trim: true, case: 'none', valueMap: {} },
      { id: 'c', kind: 'convert', column: 'sex', to: 'number' },
    ])
    expect(findRecipeProblems(recipe, t).map((p) => [p.code, p.step])).toEqual([
      ['recipe-type-conflict', 0],
      ['recipe-conversion-failed', 1],
    ])
    expect(() => checkRecipeFits(recipe, t)).toThrow(/text standardisation does not apply.*\(and 1 more: step 2 \(convert\): no value of "sex" is a number/)
  })
})
