/**
 * The candidates of a headless search, planned by core's runner (planSearch):
 * every problem of the space is a usage error here, found before the data is read.
 */
import { planSearch, type SearchPlan, type SearchSettings } from '../../core/experiment'
import type { FamilyInfo } from '../../core/model/registry'
import { CliError, EXIT_USAGE } from './run-cli'

export type { SearchPlan } from '../../core/experiment'

/** planSearch, with its errors as usage errors (exit code 2). */
export function searchCandidates(family: FamilyInfo, base: Record<string, unknown>, search: SearchSettings, seed: number): SearchPlan {
  try {
    return planSearch(family, base, search, seed)
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT_USAGE)
  }
}
