import type { CleaningStep } from '../clean/types'
import type { ReplayStep } from './bundle'

/** What of a recipe a bundle replays, and which raw columns a request must carry for it. */
export interface CleaningPlan {
  /** Row-level steps, in recipe order, narrowed to the columns the model needs. */
  steps: ReplayStep[]
  /** Steps left out, each with the reason, for the bundle's record. */
  notReplayed: { id: string; kind: string; why: string }[]
  /** Raw (pre-cleaning) column names the replay and the model need. */
  rawColumns: Set<string>
}

/**
 * Which steps of `recipe` travel in the bundle, walking the recipe backwards
 * from the columns the fitted pipeline reads (`modelColumns`, names after
 * cleaning) to the raw columns a request must carry.
 *
 * Replayed — row-level steps, a function of one record alone: convert, split,
 * standardize-text and validate, each narrowed to the needed columns.
 *
 * Not replayed, and why:
 * - dedupe, drop-sparse-rows, drop-sparse-columns and drop-missing-target
 *   curate the training SET: whether a row is a duplicate depends on the other
 *   rows, a row's missing share was measured over every column of the file
 *   (a request carries only the model's columns), a column was dropped for
 *   being sparse across all rows, and a request has no target. None of them is
 *   a property a single record can be checked for.
 * - drop-columns removes columns the model does not read; a request simply
 *   need not carry them (and any it does carry are ignored).
 * - steps and validation rules on columns the model does not use: a request
 *   does not carry those columns, and demanding them only to refuse records
 *   would make every caller send data the model never reads.
 */
export function cleaningPlan(steps: readonly CleaningStep[], modelColumns: readonly string[]): CleaningPlan {
  const needed = new Set(modelColumns)
  const kept: ReplayStep[] = []
  const notReplayed: CleaningPlan['notReplayed'] = []
  const skip = (step: CleaningStep, why: string): void => void notReplayed.push({ id: step.id, kind: step.kind, why })
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]
    switch (step.kind) {
      case 'convert':
        if (needed.has(step.column)) kept.push(step)
        else skip(step, `"${step.column}" is not used by the model`)
        break
      case 'split':
        if (step.into.some((name) => needed.has(name))) {
          for (const name of step.into) needed.delete(name)
          needed.add(step.column)
          kept.push(step)
        } else skip(step, `none of ${step.into.map((c) => `"${c}"`).join(', ')} is used by the model`)
        break
      case 'standardize-text': {
        const columns = step.columns.filter((c) => needed.has(c))
        if (columns.length > 0) kept.push({ ...step, columns })
        else skip(step, `none of its columns is used by the model`)
        break
      }
      case 'validate': {
        const rules = step.rules.filter((r) => needed.has(r.column))
        if (rules.length > 0) kept.push({ ...step, rules })
        if (rules.length < step.rules.length) {
          const left = step.rules.filter((r) => !needed.has(r.column)).map((r) => r.id)
          skip(step, `rule${left.length > 1 ? 's' : ''} ${left.join(', ')} check${left.length > 1 ? '' : 's'} columns the model does not use`)
        }
        break
      }
      case 'drop-columns':
        skip(step, 'removes columns the model does not read; a request need not carry them')
        break
      case 'dedupe':
        skip(step, 'dataset-level: whether a row is a duplicate depends on the other rows')
        break
      case 'drop-sparse-rows':
        skip(step, "dataset-level: a row's missing share was measured over every column of the file, a request carries only the model's")
        break
      case 'drop-sparse-columns':
        skip(step, 'dataset-level: removes columns sparse across the training rows; the model does not read them')
        break
      case 'drop-missing-target':
        skip(step, 'dataset-level: a request has no target')
        break
    }
  }
  kept.reverse()
  notReplayed.reverse()
  return { steps: kept, notReplayed, rawColumns: needed }
}
