/**
 * The internal validation split of boosting with early stopping: a seeded
 * share of the training rows held back to decide when to stop, stratified by
 * class for classification so the validation loss sees every class in its
 * proportion.
 */
import { StudioError } from '../../errors'
import { shuffleInPlace, type Random } from '../../random'

/** Training and validation rows of a boosting fit with early stopping. */
export interface ValidationSplit {
  /** Rows to grow trees on, ascending. */
  train: Uint32Array
  /** Rows to measure the validation loss on, ascending. */
  valid: Uint32Array
}

/**
 * Holds back round(fraction × size) of each class (or of all rows without
 * `strata`); every class keeps at least one training row. Throws when either
 * side would be empty.
 */
export function validationSplit(family: string, rows: Uint32Array, fraction: number, random: Random, strata?: Float64Array): ValidationSplit {
  const groups = new Map<number, number[]>()
  for (const row of rows) {
    const key = strata ? strata[row] : 0
    let group = groups.get(key)
    if (!group) groups.set(key, (group = []))
    group.push(row)
  }
  const train: number[] = []
  const valid: number[] = []
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(groups.get(key) as number[], random)
    const held = Math.min(Math.round(members.length * fraction), members.length - 1)
    for (let i = 0; i < members.length; i++) (i < held ? valid : train).push(members[i])
  }
  if (valid.length === 0 || train.length === 0) {
    throw new StudioError('too-few-rows', `${family}: ${rows.length} row(s) are too few to hold back a validation share of ${fraction} for early stopping; turn early stopping off or use more rows`)
  }
  return { train: Uint32Array.from(train).sort(), valid: Uint32Array.from(valid).sort() }
}
