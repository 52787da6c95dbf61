/**
 * The candidates of a headless search: the space (--space, or the family's
 * default) is checked range by range against the estimator, then turned into
 * grid or random combinations on top of the --params / default values, and
 * combinations the estimator refuses are dropped. Every problem is found here,
 * before the data is read.
 */
import { defaultSearchSpace } from '../../core/eval/default-spaces'
import { gridCandidates, keepValid, randomCandidates, type Candidate, type ParamRange, type SearchSpace } from '../../core/eval/search-space'
import type { FamilyInfo } from '../../core/model/registry'
import type { SearchOptions } from './eval-options'
import { CliError, EXIT_USAGE } from './run-cli'

export interface SearchPlan {
  space: SearchSpace
  /** Full parameter sets (base values overridden by the searched ones), in trial order. */
  candidates: Candidate[]
  /** Combinations drawn but refused by the estimator, and why the first was. */
  dropped: { count: number; firstReason: string | null }
}

/**
 * Builds the candidates of `search` for `family`. `base` is the family's
 * defaults with --params applied: parameters outside the space keep those
 * values. A range reaching outside what the estimator accepts, or a space
 * with no valid combination, is a usage error naming the parameter.
 */
export function searchCandidates(family: FamilyInfo, base: Record<string, unknown>, search: SearchOptions, seed: number): SearchPlan {
  const space = search.space ?? defaultSearchSpace(family)
  if (Object.keys(space).length === 0) throw new CliError(`search: ${family.label} has no default search space; give one with --space`, EXIT_USAGE)
  for (const [name, range] of Object.entries(space)) checkRange(family, base, name, range)
  try {
    // randomCandidates draws with the run's seed, as the page does, so the same seed gives the same trials.
    const raw = search.method === 'grid' ? gridCandidates(space) : randomCandidates(space, search.trials ?? 1, seed)
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
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT_USAGE)
  }
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
      if (message.includes(`unknown parameter "${name}"`)) throw new CliError(`search: the space varies ${message}`, EXIT_USAGE)
      if (!isAbout(message, name)) continue
      const shown = range.type === 'choice' ? `values ${JSON.stringify(range.values)}` : `range [${range.min}, ${range.max}]`
      throw new CliError(`search: ${name} ${shown} is outside what ${family.label} accepts (${message})`, EXIT_USAGE)
    }
  }
}

/** True when an estimator error blames the value of parameter `name` ("logistic: C = 0 is invalid; …"). */
function isAbout(message: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|: )${escaped} = .* is invalid`).test(message)
}
