import { describe, expect, it } from 'vitest'
import { parseRecipe } from '../../../../src/core/clean/parse-recipe'
import { RECIPE_FORMAT, type CleaningRecipe } from '../../../../src/core/clean/types'

const full: CleaningRecipe = {
  format: RECIPE_FORMAT,
  version: 1,
  sourceColumns: ['id', 'age', 'sex', 'edss', 'resp', 'dose'],
  steps: [
    { id: 'drop-id', kind: 'drop-columns', columns: ['id'], reason: 'not a feature' },
    { id: 'target', kind: 'drop-missing-target', column: 'resp' },
    { id: 'rows', kind: 'drop-sparse-rows', maxMissingShare: 0.5 },
    { id: 'cols', kind: 'drop-sparse-columns', maxMissingShare: 0.9 },
    { id: 'text', kind: 'standardize-text', columns: ['sex'], trim: true, case: 'lower', valueMap: { m: 'male', f: 'female' } },
    { id: 'num', kind: 'convert', column: 'dose', to: 'number' },
    { id: 'bool', kind: 'convert', column: 'resp', to: 'boolean' },
    {
      id: 'rules',
      kind: 'validate',
      rules: [
        { id: 'edss-range', column: 'edss', kind: 'range', min: 0, max: 10, action: 'drop-row', reason: 'EDSS runs 0–10' },
        { id: 'age-min', column: 'age', kind: 'range', min: 0, max: null, minExclusive: true, action: 'set-missing' },
        { id: 'sex-allowed', column: 'sex', kind: 'allowed', values: ['male', 'female'], action: 'set-missing' },
        { id: 'edss-req', column: 'edss', kind: 'required', action: 'drop-row' },
      ],
    },
    { id: 'dups', kind: 'dedupe', columns: null },
    { id: 'dups-by', kind: 'dedupe', columns: ['age', 'sex'] },
  ],
}

const withStep = (step: unknown): unknown => ({ ...full, steps: [full.steps[0], step] })

describe('parseRecipe', () => {
  it('round-trips through JSON: stringify → parse gives the same recipe', () => {
    const text = JSON.stringify(full)
    expect(parseRecipe(JSON.parse(text))).toEqual(full)
    expect(parseRecipe(text)).toEqual(full)
    expect(JSON.stringify(parseRecipe(text))).toBe(text)
  })

  it('drops unknown fields, keeping only the contract', () => {
    const parsed = parseRecipe({ ...full, extra: 1, steps: [{ ...full.steps[0], colour: 'red' }] })
    expect(parsed.steps[0]).toEqual(full.steps[0])
    expect('extra' in parsed).toBe(false)
  })

  it.each([
    ['not JSON text', '{oops', /^recipe: the text is not JSON/],
    ['not an object', [1, 2], 'recipe: expected a JSON object, got a list'],
    ['no format', { version: 1, sourceColumns: [], steps: [] }, 'recipe: no "format" field; a cleaning recipe has format "clinical-ml-studio/cleaning-recipe"'],
    ['a model bundle', { ...full, format: 'clinical-ml-studio/model-bundle' }, 'recipe: format is "clinical-ml-studio/model-bundle", expected "clinical-ml-studio/cleaning-recipe"; this file is not a cleaning recipe'],
    ['a newer version', { ...full, version: 3 }, 'recipe: version 3 is newer than this studio understands (up to 2); update the studio to use this recipe'],
    ['a bad version', { ...full, version: '1' }, 'recipe: field "version" must be a whole number from 1, got "1"'],
    ['no steps list', { ...full, steps: {} }, 'recipe: field "steps" must be a list of steps, got an object'],
    ['bad sourceColumns', { ...full, sourceColumns: ['a', 3] }, 'recipe: field "sourceColumns" item 2 must be a non-empty text, got 3'],
    ['an unknown step kind', withStep({ id: 'x', kind: 'drop-rows' }), /^recipe: step 2: unknown kind "drop-rows" \(known: drop-columns, /],
    ['a step without kind', withStep({ id: 'x' }), /^recipe: step 2: field "kind" is missing/],
    ['a step without id', withStep({ kind: 'dedupe', columns: null }), 'recipe: step 2 (dedupe): field "id" is missing'],
    ['a repeated id', withStep({ id: 'drop-id', kind: 'dedupe', columns: null }), 'recipe: step 2 (dedupe): id "drop-id" is already used by step 1; step ids must be unique'],
    ['a threshold above 1', withStep({ id: 'x', kind: 'drop-sparse-rows', maxMissingShare: 1.5 }), 'recipe: step 2 (drop-sparse-rows): field "maxMissingShare" must be a number from 0 to 1 (a share of cells), got 1.5'],
    ['a missing threshold', withStep({ id: 'x', kind: 'drop-sparse-columns' }), 'recipe: step 2 (drop-sparse-columns): field "maxMissingShare" is missing'],
    ['a bad conversion target', withStep({ id: 'x', kind: 'convert', column: 'a', to: 'date' }), 'recipe: step 2 (convert): field "to" must be one of "number", "category", "boolean", got "date"'],
    ['a bad case', withStep({ id: 'x', kind: 'standardize-text', columns: ['a'], trim: true, case: 'title', valueMap: {} }), /field "case" must be one of "lower", "upper", "none", got "title"/],
    ['a non-text map value', withStep({ id: 'x', kind: 'standardize-text', columns: ['a'], trim: true, case: 'none', valueMap: { a: 1 } }), 'recipe: step 2 (standardize-text): field "valueMap" maps "a" to 1; values must be texts'],
    [
      'map keys that collide after folding',
      withStep({ id: 'x', kind: 'standardize-text', columns: ['a'], trim: true, case: 'lower', valueMap: { M: 'male', ' m': 'man' } }),
      'recipe: step 2 (standardize-text): value map keys "M" and " m" are the same after trimming and lower-casing but map to different values ("male", "man")',
    ],
    ['an empty dedupe list', withStep({ id: 'x', kind: 'dedupe', columns: [] }), 'recipe: step 2 (dedupe): field "columns" must list at least one column, or be null to compare all columns'],
    ['rules not a list', withStep({ id: 'x', kind: 'validate', rules: null }), 'recipe: step 2 (validate): field "rules" must be a list of rules, got null'],
    ['an unknown rule kind', withStep({ id: 'x', kind: 'validate', rules: [{ id: 'r', column: 'a', kind: 'regex', action: 'drop-row' }] }), 'recipe: step 2 (validate): rule 1 (r): unknown rule kind "regex" (known: range, allowed, required)'],
    ['a rule without column', withStep({ id: 'x', kind: 'validate', rules: [{ id: 'r', kind: 'required', action: 'drop-row' }] }), 'recipe: step 2 (validate): rule 1 (r): field "column" is missing'],
    ['a range without bounds', withStep({ id: 'x', kind: 'validate', rules: [{ id: 'r', column: 'a', kind: 'range', min: null, max: null, action: 'drop-row' }] }), 'recipe: step 2 (validate): rule 1 (r): fields "min" and "max" are both null; a range needs at least one bound'],
    ['a range min above max', withStep({ id: 'x', kind: 'validate', rules: [{ id: 'r', column: 'a', kind: 'range', min: 5, max: 1, action: 'drop-row' }] }), 'recipe: step 2 (validate): rule 1 (r): "min" 5 is above "max" 1; no value could pass'],
    ['a text bound', withStep({ id: 'x', kind: 'validate', rules: [{ id: 'r', column: 'a', kind: 'range', min: '0', max: 1, action: 'drop-row' }] }), 'recipe: step 2 (validate): rule 1 (r): field "min" must be a number or null, got "0"'],
    ['a bad action', withStep({ id: 'x', kind: 'validate', rules: [{ id: 'r', column: 'a', kind: 'allowed', values: ['x'], action: 'delete' }] }), /rule 1 \(r\): field "action" must be one of "drop-row", "set-missing", got "delete"/],
    ['required that sets missing', withStep({ id: 'x', kind: 'validate', rules: [{ id: 'r', column: 'a', kind: 'required', action: 'set-missing' }] }), /rule 1 \(r\): field "action" of a required rule must be "drop-row"/],
    ['repeated rule ids', withStep({ id: 'x', kind: 'validate', rules: [{ id: 'r', column: 'a', kind: 'required', action: 'drop-row' }, { id: 'r', column: 'b', kind: 'required', action: 'drop-row' }] }), 'recipe: step 2 (validate): rule 2: id "r" is used by another rule of this step'],
  ])('refuses %s with a message naming the place', (_, json, message) => {
    expect(() => parseRecipe(json)).toThrow(message)
  })

  it('keeps a value-map key named like an Object member', () => {
    const parsed = parseRecipe(JSON.parse('{"format":"clinical-ml-studio/cleaning-recipe","version":1,"sourceColumns":["a"],"steps":[{"id":"s","kind":"standardize-text","columns":["a"],"trim":false,"case":"none","valueMap":{"__proto__":"x","constructor":"y"}}]}'))
    const step = parsed.steps[0]
    expect(step.kind === 'standardize-text' && Object.entries(step.valueMap)).toEqual([['__proto__', 'x'], ['constructor', 'y']])
  })
})

describe('parseRecipe: numbers in text (version 2)', () => {
  const v2 = (step: unknown): unknown => ({ ...full, version: 2, steps: [full.steps[0], step] })
  const convert = { id: 'w', kind: 'convert', column: 'weight', to: 'number', decimalComma: true, unit: 'kg' }
  const split = { id: 'bp', kind: 'split', column: 'bp', separator: '/', into: ['systolic', 'diastolic'], unit: 'mmHg' }

  it('round-trips the convert options and the split step, and says version 2', () => {
    const recipe = v2(convert) as CleaningRecipe
    expect(parseRecipe(JSON.stringify(recipe))).toEqual(recipe)
    const withSplit = v2(split) as CleaningRecipe
    expect(parseRecipe(withSplit)).toEqual(withSplit)
  })

  it('writes the lowest version that holds the steps, so a studio reading version 1 refuses what it would misapply', () => {
    expect(parseRecipe({ ...full, version: 2 }).version).toBe(1)
    expect(parseRecipe({ ...full, version: 1, steps: [convert] }).version).toBe(2)
    expect(parseRecipe({ ...full, version: 1, steps: [{ ...convert, unit: undefined, decimalComma: false }] }).version).toBe(2)
  })

  it.each([
    ['a unit on a category conversion', { ...convert, to: 'category', decimalComma: undefined }, 'recipe: step 2 (convert): field "unit" only applies to a conversion to numbers (to "number"), got to "category"'],
    ['a decimal comma on a yes/no conversion', { ...convert, to: 'boolean', unit: undefined }, 'recipe: step 2 (convert): field "decimalComma" only applies to a conversion to numbers (to "number"), got to "boolean"'],
    ['a text decimalComma', { ...convert, decimalComma: 'yes' }, 'recipe: step 2 (convert): field "decimalComma" must be true or false, got "yes"'],
    ['a unit with a digit first', { ...convert, unit: '5kg' }, /^recipe: step 2 \(convert\): field "unit" must be a unit such as "kg", "%" or "mmHg": .*; got "5kg"$/],
    ['a unit with spaces around it', { ...convert, unit: ' kg' }, /field "unit" must be a unit .*; got " kg"$/],
    ['an empty unit', { ...convert, unit: '' }, /field "unit" must be a unit .*; got ""$/],
    ['a split without names', { ...split, into: undefined }, 'recipe: step 2 (split): field "into" is missing'],
    ['a split into one column', { ...split, into: ['systolic'] }, 'recipe: step 2 (split): field "into" must name at least 2 new columns (one per part), got 1'],
    ['a split naming a column twice', { ...split, into: ['a', 'a'] }, 'recipe: step 2 (split): field "into" names "a" twice; each new column needs its own name'],
    ['a split name with a space around it', { ...split, into: ['a ', 'b'] }, 'recipe: step 2 (split): field "into": the name "a " starts or ends with a space; remove it'],
    ['a split name that is empty', { ...split, into: ['a', ''] }, 'recipe: step 2 (split): field "into" item 2 must be a non-empty text, got ""'],
    ['a split without separator', { ...split, separator: undefined }, 'recipe: step 2 (split): field "separator" is missing'],
    ['a digit separator', { ...split, separator: '0' }, 'recipe: step 2 (split): field "separator" must be a text without digits that is not only spaces, such as "/", got "0"'],
    ['a comma separator with a decimal comma', { ...split, separator: ',', decimalComma: true }, /^recipe: step 2 \(split\): field "separator" cannot be "," when "decimalComma" is true/],
    ['a split with a bad unit', { ...split, unit: 3 }, 'recipe: step 2 (split): field "unit" must be a text, got 3'],
  ])('refuses %s, naming the field', (_, step, message) => {
    expect(() => parseRecipe(v2(step))).toThrow(message)
  })
})
