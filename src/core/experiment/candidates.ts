/**
 * The candidates of a search: the space (the user's, or the family's default)
 * is checked range by range against the estimator, then turned into grid or
 * random combinations on top of the base values, and combinations the
 * estimator refuses are dropped. Every problem is found here, before any data
 * is touched. The page and the CLI both plan their searches with planSearch.
 */
import { defaultSearchSpace } from '../eval/default-spaces'
import { gridCandidates, keepValid, randomCandidates, type Candidate, type ParamRange, type SearchSpace } from '../eval/search-space'
import { StudioError } from '../errors'
import type { FamilyInfo } from '../model/family'
import { FAMILIES } from '../model/registry'
import type { Task } from '../types'

export type SearchMethod = 'grid' | 'random' | 'halving'
export const SEARCH_METHODS: readonly SearchMethod[] = ['grid', 'random', 'halving']

/** Candidates of a random or halving search when none are given (the page's default). */
export const DEFAULT_TRIALS = 8
/** Successive halving keeps the best third of the candidates at each rung. */
export const HALVING_ETA = 3

export interface SearchSettings {
  method: SearchMethod
  /** Candidates to draw (random, halving); ignored by a grid, which tries every combination. */
  trials: number | null
  /** null: the family's default space. */
  space: SearchSpace | null
}

export interface SearchPlan {
  space: SearchSpace
  /** Full parameter sets (base values overridden by the searched ones), in trial order. */
  candidates: Candidate[]
  /** Combinations drawn but refused by the estimator, and why the first was. */
  dropped: { count: number; firstReason: string | null }
}

/**
 * A family's parameters for a run: its defaults without their own `seed` (the
 * run's seed seeds every family, see fitModel), then the user's values.
 */
export function baseParams(family: FamilyInfo, given: Record<string, unknown> = {}): Record<string, unknown> {
  const { seed: _seed, ...defaults } = family.defaults
  void _seed
  return { ...defaults, ...given }
}

/** The leaderboard's entries: every family that can do `task`, with its default parameters, in the registry's order. */
export function leaderboardModels(task: Task): { family: string; params: Candidate }[] {
  return Object.values(FAMILIES)
    .filter((f) => f.tasks.includes(task))
    .map((f) => ({ family: f.id, params: baseParams(f) }))
}

/**
 * Builds the candidates of `search` for `family`. `base` holds the values of
 * parameters outside the space. A range reaching outside what the estimator
 * accepts, or a space with no valid combination, is a 'search-space' error
 * naming the parameter. Random draws use the run's seed: same seed, same trials.
 */
export function planSearch(family: FamilyInfo, base: Record<string, unknown>, search: SearchSettings, seed: number): SearchPlan {
  const space = search.space ?? defaultSearchSpace(family)
  if (Object.keys(space).length === 0) throw new StudioError('search-space', `search: ${family.label} has no default search space; choose the parameters to search`)
  for (const [name, range] of Object.entries(space)) checkRange(family, base, name, range)
  const raw = search.method === 'grid' ? gridCandidates(space) : randomCandidates(space, search.trials ?? DEFAULT_TRIALS, seed)
  const full = raw.map((c) => ({ ...base, ...c }))
  let firstReason: string | null = null
  const candidates = keepValid(full, (c) => {
    try {
      family.create(c)
    } catch (error) {
      firstReason ??= error instanceof Error ? error.message : String(error)
      throw error
    }
  })
  return { space, candidates, dropped: { count: full.length - candidates.length, firstReason } }
}

/**
 * Tries the ends of a numeric range, or every value of a choice, with the
 * base parameters. Only an error about this parameter itself counts: a value
 * refused because of another parameter (MLP early stopping needs a validation
 * share) may be valid in combination, and keepValid judges combinations.
 */
function checkRange(family: FamilyInfo, base: Record<string, unknown>, name: string, range: ParamRange): void {
  const values = range.type === 'choice' ? range.values : [range.min, range.max]
  for (const value of values) {
    try {
      family.create({ ...base, [name]: value })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (message.includes(`unknown parameter "${name}"`)) throw new StudioError('search-space', `search: the space varies ${message}`)
      if (!isAbout(message, name)) continue
      const shown = range.type === 'choice' ? `values ${JSON.stringify(range.values)}` : `range [${range.min}, ${range.max}]`
      throw new StudioError('search-space', `search: ${name} ${shown} is outside what ${family.label} accepts (${message})`)
    }
  }
}

/** True when an estimator error blames the value of parameter `name` ("logistic: C = 0 is invalid; …"). */
function isAbout(message: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|: )${escaped} = .* is invalid`).test(message)
}
