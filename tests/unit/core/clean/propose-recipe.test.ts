import { describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import { parseRecipe } from '../../../../src/core/clean/parse-recipe'
import { proposeRecipe } from '../../../../src/core/clean/propose-recipe'
import type { CleaningRecipe, CleaningStep, ValidationRule } from '../../../../src/core/clean/types'
import { profileTable } from '../../../../src/core/table/profile/profile'
import type { Table } from '../../../../src/core/types'
import { cells, makeTable } from './tables'

const propose = (table: Table, target?: string) => proposeRecipe(table, profileTable(table), target)
const stepFor = (recipe: CleaningRecipe, kind: CleaningStep['kind'], column?: string) =>
  recipe.steps.find((s) => s.kind === kind && (column === undefined || ('columns' in s && s.columns?.includes(column)) || ('column' in s && s.column === column)))
const rules = (recipe: CleaningRecipe): ValidationRule[] => recipe.steps.flatMap((s) => (s.kind === 'validate' ? s.rules : []))
const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value)

describe('proposeRecipe: text standardisation', () => {
  it('gender M/male/Male/ female /F → trim, ignore case, keep the majority spelling', async () => {
    const t = makeTable({ gender: [...repeat('Male', 5), 'male', 'M', ...repeat('Female', 6), ' female ', 'F', null] })
    const recipe = propose(t)
    expect(stepFor(recipe, 'standardize-text', 'gender')).toMatchObject({
      id: 'standardize-gender', trim: true, case: 'lower', valueMap: { male: 'Male', female: 'Female', m: 'Male', f: 'Female' },
    })
    const { table } = await applyRecipe(t, recipe, { textEngine: 'core' })
    const gender = table.columns[0]
    expect(gender.type === 'category' && gender.levels).toEqual(['Male', 'Female'])
  })

  it('ms_type rrms/RRMS/Relapsing-remitting → upper case and the acronym', () => {
    const t = makeTable({ ms_type: [...repeat('RRMS', 6), 'rrms', 'Relapsing-remitting', 'SPMS', 'SPMS', 'PPMS'] })
    expect(stepFor(propose(t), 'standardize-text', 'ms_type')).toMatchObject({ case: 'upper', valueMap: { 'RELAPSING-REMITTING': 'RRMS' } })
  })

  it('treatment_response Yes/YES/y/n → yes/no', async () => {
    const t = makeTable({ treatment_response: [...repeat('yes', 5), 'Yes', 'YES', 'y', ...repeat('no', 4), 'n', 'No'] })
    const recipe = propose(t)
    expect(stepFor(recipe, 'standardize-text', 'treatment_response')).toMatchObject({ case: 'lower', valueMap: { y: 'yes', n: 'no' } })
    const { table } = await applyRecipe(t, recipe, { textEngine: 'core' })
    expect(new Set(cells(table).treatment_response)).toEqual(new Set(['yes', 'no']))
  })

  it('leaves consistent columns and look-alike values alone (blood groups A/B/AB/O)', () => {
    const t = makeTable({ blood: ['A', 'B', 'AB', 'O', 'A', 'O'], arm: ['placebo', 'drug', 'drug', 'placebo', 'drug', 'drug'] })
    expect(propose(t).steps).toEqual([])
  })

  it('only trims when spellings differ by surrounding spaces', () => {
    const t = makeTable({ site: ['Oslo', 'Oslo ', 'Bergen', 'Bergen'] })
    expect(stepFor(propose(t), 'standardize-text', 'site')).toMatchObject({ trim: true, case: 'none', valueMap: {} })
  })
})

describe('proposeRecipe: rows, columns and types', () => {
  it('does not drop identifier or constant columns', () => {
    const n = 30
    const t = makeTable({ patient_id: Array.from({ length: n }, (_, i) => `P${i}`), site: repeat('Oslo', n), x: Array.from({ length: n }, (_, i) => i % 5) })
    expect(propose(t).steps.filter((s) => s.kind === 'drop-columns')).toEqual([])
  })

  it('drops rows without a target only when a target is given and has gaps', () => {
    const t = makeTable({ y: ['a', null, 'b'], x: [1, 2, 3] })
    expect(propose(t, 'y').steps[0]).toEqual({
      id: 'drop-missing-target', kind: 'drop-missing-target', column: 'y', reason: 'y is missing in 1 of 3 rows; a row without a target can neither train nor test a model',
    })
    expect(stepFor(propose(t), 'drop-missing-target')).toBeUndefined()
    expect(stepFor(propose(t, 'x'), 'drop-missing-target')).toBeUndefined()
    expect(() => propose(t, 'nope')).toThrow('recipe: target "nope" is not a column of "test.csv"')
  })

  it('drops mostly-empty rows when there are some', () => {
    const t = makeTable({ a: [1, null, 3], b: [1, null, 3], c: ['x', null, 'y'], d: [1, 2, 3] })
    expect(stepFor(propose(t), 'drop-sparse-rows')).toMatchObject({ maxMissingShare: 0.5 })
  })

  it('converts a text column that is nearly all numbers', () => {
    const values = [...Array.from({ length: 40 }, (_, i) => String(i % 8)), '12,5']
    const recipe = propose(makeTable({ dose: values }))
    expect(stepFor(recipe, 'convert', 'dose')).toEqual({
      id: 'convert-dose', kind: 'convert', column: 'dose', to: 'number',
      reason: 'dose is text only because 1 of 41 values are not numbers (e.g. "12,5"); converted, those become missing',
    })
  })

  it('converts to categories a number column of group codes with a nominal name, and leaves ordered codes as numbers', async () => {
    const n = 40
    const t = makeTable({
      Ethnicity: Array.from({ length: n }, (_, i) => i % 4),
      EducationLevel: Array.from({ length: n }, (_, i) => i % 4),
      site: Array.from({ length: n }, (_, i) => (i % 2) + 1),
      race: Array.from({ length: n }, (_, i) => (i % 4) + 0.5),
      age: Array.from({ length: n }, (_, i) => 40 + (i % 30)),
    })
    const recipe = propose(t)
    expect(stepFor(recipe, 'convert', 'Ethnicity')).toEqual({
      id: 'convert-ethnicity', kind: 'convert', column: 'Ethnicity', to: 'category',
      reason: 'Ethnicity holds 4 whole-number codes (0, 1, 2, 3) that name groups, not amounts; as categories a model reads no order into them',
    })
    // Ordered codes, a two-code flag and non-integer values stay numbers.
    for (const column of ['EducationLevel', 'site', 'race', 'age']) expect(stepFor(recipe, 'convert', column)).toBeUndefined()
    // No range rule for the converted column (the rules run on categories after it), and the recipe applies.
    expect(rules(recipe).map((r) => r.column)).not.toContain('Ethnicity')
    const cleaned = (await applyRecipe(t, parseRecipe(JSON.stringify(recipe)))).table
    const ethnicity = cleaned.columns.find((c) => c.name === 'Ethnicity')
    expect(ethnicity?.type).toBe('category')
    expect(ethnicity?.type === 'category' && [...ethnicity.levels].sort()).toEqual(['0', '1', '2', '3'])
  })

  it('proposes dedupe when rows repeat, counting spelling variants as the same', () => {
    const t = makeTable({ sex: ['Male', 'male', 'Female', 'Female', 'Male'], age: [30, 30, 40, 41, 50] })
    expect(stepFor(propose(t), 'dedupe')).toMatchObject({ id: 'dedupe', columns: null, reason: expect.stringMatching(/^1 rows repeat an earlier row in every column \(after the spelling fixes\)/) })
    expect(stepFor(propose(makeTable({ a: [1, 2, 3] })), 'dedupe')).toBeUndefined()
  })
})

describe('proposeRecipe: validation rules', () => {
  const n = 200
  const ramp = (lo: number, hi: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1))
  const t = makeTable({
    edss: ramp(0, 9.5),
    Age: ramp(50, 89),
    BMI: ramp(15, 40),
    SystolicBP: ramp(90, 179),
    DiastolicBP: ramp(60, 119),
    MoCA: ramp(0, 30),
    UPDRS: ramp(0, 199),
    lesion_count: ramp(0, 80),
    lesion_volume_ml: ramp(0, 20),
    whole_brain_volume_ml: ramp(1000, 1600),
    weight_kg: ramp(40, 120),
    stage: ramp(0, 4),
  })

  it('takes clinical ranges from column names', () => {
    const byColumn = Object.fromEntries(rules(propose(t)).map((r) => [r.column, r.kind === 'range' ? [r.min, r.max, r.minExclusive ?? false, r.action] : null]))
    expect(byColumn).toEqual({
      edss: [0, 10, false, 'drop-row'],
      Age: [0, 120, false, 'drop-row'],
      BMI: [10, 80, false, 'drop-row'],
      SystolicBP: [50, 260, false, 'drop-row'],
      DiastolicBP: [30, 160, false, 'drop-row'],
      MoCA: [0, 30, false, 'drop-row'],
      UPDRS: [0, 199, false, 'drop-row'],
      lesion_count: [0, null, false, 'drop-row'],
      lesion_volume_ml: [0, null, false, 'drop-row'],
      whole_brain_volume_ml: [0, null, true, 'drop-row'],
      weight_kg: [0, null, true, 'drop-row'],
    })
  })

  it('gives every step and rule a stable id and a reason', () => {
    const a = propose(t)
    expect(propose(t)).toEqual(a)
    for (const item of [...a.steps, ...rules(a)]) {
      expect(item.id).toMatch(/^[a-z0-9-]+$/)
      expect(item.reason).toMatch(/\S/)
    }
    expect(rules(a).map((r) => r.id)).toContain('whole-brain-volume-ml-range')
    expect(parseRecipe(JSON.parse(JSON.stringify(a)))).toEqual(a)
  })

  it('treats an age column with a stray child as an adult cohort (minimum 18)', () => {
    const ages = [...ramp(18, 80), 4]
    const [rule] = rules(propose(makeTable({ age: ages })))
    expect(rule).toMatchObject({ id: 'age-range', min: 18, max: 120 })
    expect(rule.reason).toMatch(/^adult cohort: 200 of 201 ages are 18 or over/)
  })

  it('skips a domain range that most values break (another unit)', () => {
    const weightsInGrams = makeTable({ bmi: ramp(150, 400) })
    expect(rules(propose(weightsInGrams))).toEqual([])
  })

  it('suggests set-missing for a few negatives in an otherwise non-negative column', () => {
    const [rule] = rules(propose(makeTable({ relapses: [...ramp(0, 5), -2] })))
    expect(rule).toMatchObject({ column: 'relapses', min: 0, max: null, action: 'set-missing' })
    expect(rules(propose(makeTable({ change_score: [...ramp(0, 5), -2] })))).toEqual([])
  })
})
