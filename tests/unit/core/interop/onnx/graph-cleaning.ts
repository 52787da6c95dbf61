/** Test data: a cleaning recipe for the MS sample whose replayed steps all have an exact ONNX form (see cleaning.test.ts). */
import type { Table } from '../../../../../src/core/types'
import { RECIPE_FORMAT, type CleaningRecipe, type CleaningStep } from '../../../../../src/core/clean/types'

/** Cleaning the graph can hold exactly: value maps without trimming or case changes, and rules that set values missing. */
export function graphCleaningRecipe(table: Table): CleaningRecipe {
  return {
    format: RECIPE_FORMAT,
    version: 1,
    sourceColumns: table.columns.map((c) => c.name),
    steps: [
      // The target's cleaning: not replayed on records (the model does not read it), so not in the graph either.
      { id: 'target', kind: 'standardize-text', columns: ['treatment_response'], trim: true, case: 'lower', valueMap: { y: 'yes', n: 'no' } },
      { id: 'no-target', kind: 'drop-missing-target', column: 'treatment_response' },
      { id: 'sex', kind: 'standardize-text', columns: ['gender'], trim: false, case: 'none', valueMap: { M: 'Male', F: 'Female', male: 'Male', female: 'Female', unknown: 'NA' } },
      { id: 'type', kind: 'standardize-text', columns: ['ms_type', 'treatment'], trim: false, case: 'none', valueMap: { rrms: 'RRMS', 'Relapsing-remitting': 'RRMS', ocrelizumab: 'Ocrelizumab', OCRELIZUMAB: 'Ocrelizumab' } },
      {
        id: 'rules',
        kind: 'validate',
        rules: [
          { id: 'edss', column: 'edss', kind: 'range', min: 0, max: 9.5, action: 'set-missing' },
          { id: 'volume', column: 'lesion_volume_ml', kind: 'range', min: 0.1, max: 20.3, minExclusive: true, maxExclusive: true, action: 'set-missing' },
          { id: 'brain', column: 'whole_brain_volume_ml', kind: 'range', min: 1000.3, max: 1999.3, action: 'set-missing' },
          { id: 'ms-type', column: 'ms_type', kind: 'allowed', values: ['RRMS', 'SPMS'], action: 'set-missing' },
          { id: 'lesions', column: 'lesion_count', kind: 'allowed', values: [...Array.from({ length: 41 }, (_, i) => String(i)), '2.1'], action: 'set-missing' },
        ],
      },
      // A second map after the rule on the same column: composed with it in one LabelEncoder.
      { id: 'spms', kind: 'standardize-text', columns: ['ms_type'], trim: false, case: 'none', valueMap: { SPMS: 'Secondary' } },
    ],
  }
}

/** Conversions from numbers the graph can hold exactly, and conversions that change nothing (see cleaning.test.ts). */
export function conversionRecipe(table: Table): CleaningRecipe {
  const base = graphCleaningRecipe(table)
  return {
    ...base,
    version: 1,
    steps: [
      ...base.steps.slice(0, 2),
      { id: 'edss-category', kind: 'convert', column: 'edss', to: 'category' },
      { id: 'edss-map', kind: 'standardize-text', columns: ['edss'], trim: false, case: 'none', valueMap: { '9.5': '9', '-1': 'NA', '12': '9', '3.1': '9' } },
      // A 0/1 column, when the table has one.
      ...(table.columns.some((c) => c.name === 'relapse')
        ? ([
            { id: 'relapse-yes-no', kind: 'convert', column: 'relapse', to: 'boolean' },
            { id: 'relapse-map', kind: 'standardize-text', columns: ['relapse'], trim: false, case: 'none', valueMap: { yes: 'relapse' } },
          ] satisfies CleaningStep[])
        : []),
      { id: 'age-number', kind: 'convert', column: 'age', to: 'number' },
      { id: 'gender-category', kind: 'convert', column: 'gender', to: 'category' },
      { id: 'gender-map', kind: 'standardize-text', columns: ['gender'], trim: false, case: 'none', valueMap: { M: 'Male', F: 'Female' } },
    ],
  }
}
