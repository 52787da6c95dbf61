import { familyInfo } from '../model/registry'
import type { PipelineJSON } from '../pipeline/pipeline'
import type { StepJSON } from '../pipeline/steps'

/**
 * Whether a missing cell in pipeline input `column` still gets a prediction:
 * the impute step fills it; or it is a category one-hot encoded (missing →
 * all zeros); or nothing of it reaches the model (selection dropped its
 * feature); or the model family takes missing values itself (trees). Else a
 * missing value would reach a model that cannot use it (a linear model or
 * the neural net would answer NaN), and the Predictor refuses the row instead.
 */
export function missingHandled(pipeline: PipelineJSON, family: string, column: string): boolean {
  const input = pipeline.inputs.find((c) => c.name === column)
  if (!input) return true
  const entry = (kind: string): Record<string, unknown> | undefined => {
    const step = pipeline.steps.find((s: StepJSON) => s.kind === kind)
    const columns = step?.columns
    return Array.isArray(columns) ? (columns as Record<string, unknown>[]).find((c) => typeof c === 'object' && c !== null && c.name === column) : undefined
  }
  const imputed = entry('impute')
  if (imputed && imputed.strategy !== 'none') return true
  if (input.type === 'category' && entry('one-hot')) return true
  // Numbers and ordinal codes keep the column's own name as their feature.
  if (!pipeline.featureNames.includes(column)) return true
  return familyInfo(family).handlesMissing
}
