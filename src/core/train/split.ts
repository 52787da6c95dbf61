import { StudioError } from '../errors'
import { createRandom, shuffleInPlace } from '../random'

export interface HoldoutSplit {
  train: Int32Array
  test: Int32Array
}

/**
 * Splits rows into train and test. With `strata` (class index per row) the
 * split is stratified: each class contributes round(share × its size) rows to
 * test, at least one, so class proportions match in both parts. Rows are
 * shuffled with `seed`; the returned indices are sorted so row order is kept.
 */
export function holdoutSplit(rows: ArrayLike<number>, testShare: number, seed: number, strata?: ArrayLike<number>): HoldoutSplit {
  if (!(testShare > 0 && testShare < 1)) throw new StudioError('bad-param', `split: test share ${testShare} must be between 0 and 1 (exclusive)`)
  const random = createRandom(seed)
  const groups = new Map<number, number[]>()
  for (let i = 0; i < rows.length; i++) {
    const key = strata ? strata[rows[i]] : 0
    let list = groups.get(key)
    if (!list) groups.set(key, (list = []))
    list.push(rows[i])
  }
  const train: number[] = []
  const test: number[] = []
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(groups.get(key) as number[], random)
    let nTest = Math.round(members.length * testShare)
    if (strata) {
      if (members.length < 2) {
        throw new StudioError('class-too-small', `split: class ${key} has only ${members.length} row; it needs at least 2 to appear in both training and test rows`)
      }
      nTest = Math.min(Math.max(nTest, 1), members.length - 1)
    }
    for (let i = 0; i < members.length; i++) (i < nTest ? test : train).push(members[i])
  }
  if (train.length === 0 || test.length === 0) {
    throw new StudioError('too-few-rows', `split: ${rows.length} row(s) cannot be split into training and test rows with test share ${testShare}`)
  }
  return { train: Int32Array.from(train.sort((a, b) => a - b)), test: Int32Array.from(test.sort((a, b) => a - b)) }
}
