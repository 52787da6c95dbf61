import { StudioError } from '../errors'
import type { CleaningStepKind } from './types'

/**
 * Errors of the cleaning recipe. Every message starts "recipe:" and, when a
 * step is at fault, names it by its 1-based position and kind, the way the page
 * lists steps: "recipe: step 3 (validate): rule edss-range: …".
 */
export function stepLabel(index: number, kind: CleaningStepKind | string): string {
  return `step ${index + 1} (${kind})`
}

/** A StudioError for a problem in step `index` (0-based) of a recipe. */
export function stepError(code: string, index: number, kind: CleaningStepKind | string, problem: string): StudioError {
  return new StudioError(code, `recipe: ${stepLabel(index, kind)}: ${problem}`)
}

/** A StudioError for a problem with the recipe as a whole. */
export function recipeError(code: string, problem: string): StudioError {
  return new StudioError(code, `recipe: ${problem}`)
}

/** Quotes a value for a message, shortening long text. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)
}

/** "a, b and c" for lists in messages; at most `limit` names then "and N more". */
export function listNames(names: readonly string[], limit = 8): string {
  const shown = names.slice(0, limit).map((n) => `"${n}"`)
  if (names.length > limit) return `${shown.join(', ')} and ${names.length - limit} more`
  if (shown.length <= 1) return shown.join('')
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}

/**
 * A problem found while a step runs. Step code throws it with the bare
 * problem; apply-recipe.ts adds the "recipe: step N (kind):" prefix.
 */
export class StepProblem extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
    this.name = 'StepProblem'
  }
}
