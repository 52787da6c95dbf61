import { StudioError } from '../errors'
import { createRandom, shuffleInPlace } from '../random'

/** One cross-validation fold: indices (into the rows given to the splitter) of its training and validation rows, sorted. */
export interface Fold {
  train: Int32Array
  valid: Int32Array
}

/** k that folds accept: the page's form, the CLI's --folds and the checks below all use this range. */
export const FOLDS_RANGE = { min: 2, max: 100, integer: true } as const
/** Repeats of repeated k-fold. */
export const REPEATS_RANGE = { min: 1, max: 100, integer: true } as const

export type FoldScheme =
  | { kind: 'kfold'; k: number; seed: number }
  | { kind: 'stratified'; k: number; seed: number }
  | { kind: 'repeated'; k: number; repeats: number; seed: number; stratified: boolean }
  | { kind: 'group'; k: number; seed: number; column: string }

/**
 * Assigns every row a fold number. Plain k-fold deals shuffled rows into k
 * nearly equal folds; stratified k-fold does so class by class, so each fold
 * keeps the class proportions (as scikit-learn's StratifiedKFold with shuffle).
 */
export function assignFolds(n: number, k: number, seed: number, strata?: ArrayLike<number>, classNames?: readonly string[]): Int32Array {
  checkK(k, n)
  const random = createRandom(seed)
  const fold = new Int32Array(n)
  if (!strata) {
    const order = shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i), random)
    for (let i = 0; i < n; i++) fold[order[i]] = i % k
    return fold
  }
  const byClass = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    const c = strata[i]
    let list = byClass.get(c)
    if (!list) byClass.set(c, (list = []))
    list.push(i)
  }
  const smallest = [...byClass.entries()].sort((a, b) => a[1].length - b[1].length)[0]
  const name = classNames?.[smallest[0]] !== undefined ? `"${classNames[smallest[0]]}"` : String(smallest[0])
  if (smallest[1].length < 2) {
    throw new StudioError('folds-too-many', `folds: class ${name} has only 1 row; stratified folds need at least 2 rows of every class (remove the class or use plain k-fold)`)
  }
  if (smallest[1].length < k) {
    throw new StudioError('folds-too-many', `folds: k = ${k} is larger than the smallest class (class ${name} has ${smallest[1].length} rows); use at most ${smallest[1].length} folds`)
  }
  // Deal each class round-robin, continuing where the previous class stopped, so fold sizes differ by at most one.
  let offset = 0
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = shuffleInPlace(byClass.get(c) as number[], random)
    for (let i = 0; i < members.length; i++) fold[members[i]] = (offset + i) % k
    offset = (offset + members.length) % k
  }
  return fold
}

/**
 * Group k-fold: all rows of a group (e.g. one patient's visits) land in the
 * same fold. Groups are shuffled (seeded) and then placed largest first into
 * the currently smallest fold, so folds stay balanced in rows.
 */
export function assignGroupFolds(groups: ArrayLike<number | string>, k: number, seed: number): Int32Array {
  const n = groups.length
  const members = new Map<number | string, number[]>()
  for (let i = 0; i < n; i++) {
    const g = groups[i]
    let list = members.get(g)
    if (!list) members.set(g, (list = []))
    list.push(i)
  }
  if (members.size < 2) throw new StudioError('folds-one-group', `folds: the group column has ${members.size} group${members.size === 1 ? '' : 's'}; group k-fold needs at least 2 (and k at most the number of groups)`)
  if (k > members.size) throw new StudioError('folds-too-many', `folds: k = ${k} is larger than the number of groups (${members.size}); use at most ${members.size} folds`)
  checkK(k, n)
  const keys = shuffleInPlace([...members.keys()], createRandom(seed))
  keys.sort((a, b) => (members.get(b) as number[]).length - (members.get(a) as number[]).length) // stable: ties keep the shuffled order
  const sizes = new Array<number>(k).fill(0)
  const fold = new Int32Array(n)
  for (const key of keys) {
    let target = 0
    for (let f = 1; f < k; f++) if (sizes[f] < sizes[target]) target = f
    for (const i of members.get(key) as number[]) fold[i] = target
    sizes[target] += (members.get(key) as number[]).length
  }
  return fold
}

/** Turns a fold assignment into the k train/validation index pairs. */
export function foldsFromAssignment(assignment: Int32Array, k: number): Fold[] {
  const folds: Fold[] = []
  for (let f = 0; f < k; f++) {
    const train: number[] = []
    const valid: number[] = []
    for (let i = 0; i < assignment.length; i++) (assignment[i] === f ? valid : train).push(i)
    if (valid.length === 0) throw new StudioError('folds-empty', `folds: fold ${f + 1} of ${k} received no rows; use fewer folds`)
    folds.push({ train: Int32Array.from(train), valid: Int32Array.from(valid) })
  }
  return folds
}

/**
 * The folds of a scheme for n rows. `strata` (class per row) is needed for
 * stratified schemes, `groups` for group k-fold. Repeated k-fold reseeds each
 * repeat (seed, seed + 1, …) and returns k × repeats folds.
 */
export function makeFolds(scheme: FoldScheme, n: number, options: { strata?: ArrayLike<number>; groups?: ArrayLike<number | string>; classNames?: readonly string[] } = {}): { folds: Fold[]; assignments: Int32Array[] } {
  switch (scheme.kind) {
    case 'kfold': {
      const a = assignFolds(n, scheme.k, scheme.seed)
      return { folds: foldsFromAssignment(a, scheme.k), assignments: [a] }
    }
    case 'stratified': {
      if (!options.strata) throw new StudioError('folds-strata', 'folds: stratified k-fold needs the class of every row')
      const a = assignFolds(n, scheme.k, scheme.seed, options.strata, options.classNames)
      return { folds: foldsFromAssignment(a, scheme.k), assignments: [a] }
    }
    case 'repeated': {
      if (!Number.isInteger(scheme.repeats) || scheme.repeats < REPEATS_RANGE.min || scheme.repeats > REPEATS_RANGE.max) {
        throw new StudioError('bad-param', `folds: repeats = ${scheme.repeats} is invalid; expected an integer in [${REPEATS_RANGE.min}, ${REPEATS_RANGE.max}]`)
      }
      const folds: Fold[] = []
      const assignments: Int32Array[] = []
      for (let r = 0; r < scheme.repeats; r++) {
        const a = assignFolds(n, scheme.k, scheme.seed + r, scheme.stratified ? options.strata : undefined, options.classNames)
        assignments.push(a)
        folds.push(...foldsFromAssignment(a, scheme.k))
      }
      return { folds, assignments }
    }
    case 'group': {
      if (!options.groups) throw new StudioError('folds-groups', `folds: group k-fold needs the values of the group column "${scheme.column}"`)
      const a = assignGroupFolds(options.groups, scheme.k, scheme.seed)
      return { folds: foldsFromAssignment(a, scheme.k), assignments: [a] }
    }
  }
}

function checkK(k: number, n: number): void {
  if (!Number.isInteger(k) || k < FOLDS_RANGE.min || k > FOLDS_RANGE.max) {
    throw new StudioError('bad-param', `folds: k = ${k} is invalid; expected an integer in [${FOLDS_RANGE.min}, ${FOLDS_RANGE.max}]`)
  }
  if (k > n) throw new StudioError('folds-too-many', `folds: k = ${k} is larger than the number of rows (${n})`)
}
