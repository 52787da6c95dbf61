import { STEP_KIND_LABELS } from '../../core/clean/step-kinds'
import type { CleaningStep, ValidationRule } from '../../core/clean/types'

/** Plain-language titles of recipe steps, for clinicians as much as data scientists. */
export function stepTitle(step: CleaningStep): string {
  switch (step.kind) {
    case 'drop-columns':
      return `Remove column${step.columns.length === 1 ? '' : 's'} ${step.columns.join(', ') || '(none chosen)'}`
    case 'drop-missing-target':
      return `Remove rows without a value for ${step.column}`
    case 'drop-sparse-rows':
      return `Remove rows with more than ${Math.round(step.maxMissingShare * 100)}% of cells missing`
    case 'drop-sparse-columns':
      return `Remove columns with more than ${Math.round(step.maxMissingShare * 100)}% of cells missing`
    case 'validate':
      return `Check ${step.rules.length} validation rule${step.rules.length === 1 ? '' : 's'}`
    case 'convert': {
      const how = [step.unit !== undefined ? `removing "${step.unit}"` : '', step.decimalComma ? 'decimal comma' : ''].filter(Boolean).join(', ')
      return `Convert ${step.column} to ${step.to === 'number' ? 'numbers' : step.to === 'boolean' ? 'yes/no' : 'categories'}${how ? ` (${how})` : ''}`
    }
    case 'split':
      return `Split ${step.column} into ${step.into.join(' and ')}`
    case 'standardize-text':
      return `Standardise the spelling of ${step.columns.join(', ') || '(no column chosen)'}`
    case 'dedupe':
      return step.columns ? `Remove duplicate rows (by ${step.columns.join(', ')})` : 'Remove duplicate rows'
  }
}

export function ruleText(rule: ValidationRule): string {
  const action = rule.action === 'drop-row' ? 'remove the row' : 'set the cell missing'
  switch (rule.kind) {
    case 'range': {
      const low = rule.min === null ? null : `${rule.minExclusive ? 'above' : 'at least'} ${rule.min}`
      const high = rule.max === null ? null : `${rule.maxExclusive ? 'below' : 'at most'} ${rule.max}`
      return `${rule.column} must be ${[low, high].filter(Boolean).join(' and ')}; otherwise ${action}`
    }
    case 'allowed':
      return `${rule.column} must be one of ${rule.values.join(', ')}; otherwise ${action}`
    case 'required':
      return `${rule.column} must not be missing; otherwise remove the row`
  }
}

/** Step kinds in the order the "Add a step" menu offers them, with the names messages use too. */
export const STEP_KINDS: { kind: CleaningStep['kind']; label: string }[] = (Object.keys(STEP_KIND_LABELS) as CleaningStep['kind'][]).map((kind) => ({ kind, label: STEP_KIND_LABELS[kind] }))
