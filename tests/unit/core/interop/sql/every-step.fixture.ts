import type { CleaningStep } from '../../../../../src/core/clean/types'

/** Every step kind with a faithful SQL form, with the options that change values. */
export const EVERY_STEP: CleaningStep[] = [
  { id: 'target', kind: 'drop-missing-target', column: 'outcome' },
  { id: 'sex', kind: 'standardize-text', columns: ['sex'], trim: true, case: 'lower', valueMap: { F: 'female', m: 'male', unknown: 'NA' } },
  { id: 'city', kind: 'standardize-text', columns: ['city', 'grade'], trim: true, case: 'upper', valueMap: {} },
  { id: 'weight', kind: 'convert', column: 'weight', to: 'number', unit: 'kg' },
  { id: 'eu', kind: 'convert', column: 'eu', to: 'number', decimalComma: true },
  { id: 'bp', kind: 'split', column: 'bp', separator: '/', into: ['systolic', 'diastolic'], unit: 'mmHg' },
  { id: 'smoker', kind: 'convert', column: 'smoker', to: 'boolean' },
  { id: 'flag', kind: 'convert', column: 'flag', to: 'boolean' },
  { id: 'code', kind: 'convert', column: 'code', to: 'category' },
  {
    id: 'rules',
    kind: 'validate',
    rules: [
      { id: 'age', column: 'age', kind: 'range', min: 0, max: 120, action: 'drop-row' },
      { id: 'score', column: 'score', kind: 'range', min: 0, max: 10, maxExclusive: true, action: 'set-missing' },
      { id: 'score-req', column: 'score', kind: 'required', action: 'drop-row' },
      { id: 'grade', column: 'grade', kind: 'allowed', values: ['A', 'B', 'C'], action: 'set-missing' },
      { id: 'code', column: 'code', kind: 'allowed', values: ['1', '2', '3', '1.5', '0', '1e+21', '1e-7', '0.000001', '123456789012'], action: 'set-missing' },
      { id: 'sys', column: 'systolic', kind: 'allowed', values: ['120', '110', '135', '-0'], action: 'set-missing' },
      { id: 'weight', column: 'weight', kind: 'range', min: 0, max: null, minExclusive: true, action: 'drop-row' },
    ],
  },
  { id: 'sparse', kind: 'drop-sparse-rows', maxMissingShare: 0.3 },
  { id: 'dedupe', kind: 'dedupe', columns: null },
  { id: 'drop', kind: 'drop-columns', columns: ['note'] },
]


/** `step` as a recipe of its own: the validate step keeps only the rules whose columns exist before any other step. */
export function alone(step: CleaningStep): CleaningStep[] {
  if (step.kind !== 'validate') return [step]
  return [{ ...step, rules: step.rules.filter((r) => r.column === 'age' || r.column === 'score') }]
}
