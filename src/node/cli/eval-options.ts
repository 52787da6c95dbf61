/**
 * The evaluation options `train` and `compare` share: --folds, --group,
 * --search, --trials, --space and --metric. Everything that can be judged
 * without the data is judged here, as a usage error naming the option, so a
 * typo never costs a fit.
 */
import { CLASSIFICATION_METRIC_NAMES, defaultMetric, REGRESSION_METRIC_NAMES } from '../../core/eval/metric-direction'
import { validateSpace, type ParamRange, type SearchSpace } from '../../core/eval/search-space'
import { DEFAULT_FOLDS, DEFAULT_TRIALS, FOLDS_RANGE, SEARCH_METHODS, type SearchMethod, type SearchSettings } from '../../core/experiment'
import type { Task } from '../../core/types'
import { jsonObjectOption, numberOption, optionalString, type OptionValues } from './args'
import { describeTask } from './model-names'
import { CliError, EXIT_USAGE } from './run-cli'

/** The parseArgs spec of the evaluation options, to spread into a command's own. */
export const EVAL_OPTIONS = {
  folds: { type: 'string' },
  group: { type: 'string' },
  search: { type: 'string' },
  trials: { type: 'string' },
  space: { type: 'string' },
  metric: { type: 'string' },
} as const

export type { SearchMethod } from '../../core/experiment'

/** --search, --trials and --space as core's runner takes them (trials null for a grid, space null for the family's default). */
export type SearchOptions = SearchSettings

export interface EvalOptions {
  /** k of the cross-validation; null when the command runs without one. */
  folds: number | null
  /** Group k-fold by this column. */
  group: string | null
  search: SearchOptions | null
  /** --metric as given (checked against the task later, once the task is known). */
  metric: string | null
}

/** Folds of a search given without --folds: core's default, as the page's. */
export const DEFAULT_SEARCH_FOLDS = DEFAULT_FOLDS
export { DEFAULT_TRIALS, FOLDS_RANGE }

const METHODS = SEARCH_METHODS
const ALL_METRICS = [...CLASSIFICATION_METRIC_NAMES, ...REGRESSION_METRIC_NAMES]

/**
 * Reads the evaluation options of `train`. Combinations that would be
 * silently ignored are refused instead: --group, --trials, --space or
 * --metric without the cross-validation they configure, --trials with a grid.
 */
export function readEvalOptions(values: OptionValues): EvalOptions {
  const search = readSearch(values)
  const given = optionalString(values, 'folds') !== undefined
  const folds = given ? numberOption(values, 'folds', 0, FOLDS_RANGE) : search ? DEFAULT_SEARCH_FOLDS : null
  const group = optionalString(values, 'group') ?? null
  if (group !== null && !given) throw new CliError('--group needs --folds <k>: group k-fold keeps all rows of a group in one of k folds', EXIT_USAGE)
  const metric = readMetricName(values)
  if (metric !== null && folds === null) throw new CliError('--metric chooses the cross-validation metric; add --folds <k> or --search', EXIT_USAGE)
  return { folds, group, search, metric }
}

/** Reads --metric alone (compare always cross-validates): a name of the suite, or null when absent. */
export function readMetricName(values: OptionValues): string | null {
  const metric = optionalString(values, 'metric')
  if (metric === undefined) return null
  if (!ALL_METRICS.includes(metric)) {
    throw new CliError(`--metric "${metric}" is unknown; classification metrics: ${CLASSIFICATION_METRIC_NAMES.join(', ')}; regression metrics: ${REGRESSION_METRIC_NAMES.join(', ')}`, EXIT_USAGE)
  }
  return metric
}

/** The metric to choose by for `task`: --metric when given (it must suit the task), else AUC or RMSE. */
export function metricForTask(metric: string | null, task: Task): string {
  if (metric === null) return defaultMetric(task)
  const valid = task === 'regression' ? REGRESSION_METRIC_NAMES : CLASSIFICATION_METRIC_NAMES
  if (!valid.includes(metric)) throw new CliError(`--metric "${metric}" does not apply to ${describeTask(task)}; expected one of ${valid.join(', ')}`, EXIT_USAGE)
  return metric
}

function readSearch(values: OptionValues): SearchOptions | null {
  const method = optionalString(values, 'search')
  const trialsGiven = optionalString(values, 'trials') !== undefined
  const spaceGiven = optionalString(values, 'space') !== undefined
  if (method === undefined) {
    if (trialsGiven || spaceGiven) throw new CliError(`--${trialsGiven ? 'trials' : 'space'} needs --search grid|random|halving`, EXIT_USAGE)
    return null
  }
  if (!METHODS.includes(method as SearchMethod)) throw new CliError(`--search "${method}" is invalid; expected ${METHODS.join(', ')}`, EXIT_USAGE)
  if (method === 'grid' && trialsGiven) {
    throw new CliError('--trials does not apply to --search grid, which tries every combination of the space; use random or halving to sample', EXIT_USAGE)
  }
  const trials = method === 'grid' ? null : numberOption(values, 'trials', DEFAULT_TRIALS, { min: 1, max: 10000, integer: true })
  return { method: method as SearchMethod, trials, space: spaceGiven ? readSpace(jsonObjectOption(values, 'space')) : null }
}

/** Checks the shape of a --space object with core's validateSpace, as a usage error. */
function readSpace(raw: Record<string, unknown>): SearchSpace {
  for (const [name, range] of Object.entries(raw)) {
    if (typeof range !== 'object' || range === null || Array.isArray(range)) {
      throw new CliError(`--space: ${name} must be a range such as {"type": "float", "min": 0.001, "max": 100, "log": true} or {"type": "choice", "values": ["l2", "l1"]}, not ${JSON.stringify(range)}`, EXIT_USAGE)
    }
  }
  const space = raw as Record<string, ParamRange>
  try {
    validateSpace(space)
  } catch (error) {
    throw new CliError(`--space: ${(error instanceof Error ? error.message : String(error)).replace(/^search: /, '')}`, EXIT_USAGE)
  }
  return space
}
