/**
 * What `npm run drift` reads from its options beyond the shared readers:
 * the per-column overrides (--override column=test[:threshold], repeatable) and
 * the command's exit codes, which differ from the other commands' because 1
 * is kept for "dataset drift" (as diff and grep keep 1 for "found a difference").
 */
import type { DriftOverride, DriftTest } from '../../core/drift/types'
import { CliError, EXIT_USAGE } from './run-cli'

/** Exit code with --fail-on-drift when the dataset drifted. */
export const EXIT_DRIFT = 1
/** Exit code when the report could not be made (a file that cannot be read, a bundle without reference statistics, bad data). */
export const EXIT_DRIFT_FAILURE = 3

/** The tests an override may name (keyed so the compiler flags a test added to DriftTest but not here). */
const TESTS = { ks: true, chi2: true, z: true, wasserstein: true, jensenshannon: true, psi: true } satisfies Record<DriftTest, true>
export const DRIFT_TEST_NAMES = Object.keys(TESTS) as DriftTest[]

/**
 * Parses `--override` values: "column=test", "column=test:threshold" or
 * "column=:threshold" (keep the default test, change its threshold). The
 * column is everything before the last "=", so a name may itself hold ":".
 * Whether the column exists and the threshold suits the test is core's to say.
 */
export function parseOverrides(specs: readonly string[]): Record<string, DriftOverride> {
  const overrides: Record<string, DriftOverride> = {}
  for (const spec of specs) {
    const eq = spec.lastIndexOf('=')
    const usage = `expected column=test[:threshold] with test one of ${DRIFT_TEST_NAMES.join(', ')}, e.g. --override Age=ks:0.01`
    if (eq <= 0) throw new CliError(`--override ${JSON.stringify(spec)} is invalid; ${usage}`, EXIT_USAGE)
    const column = spec.slice(0, eq)
    const [testText, thresholdText, ...rest] = spec.slice(eq + 1).split(':')
    if (rest.length > 0 || (testText === '' && thresholdText === undefined)) throw new CliError(`--override ${JSON.stringify(spec)} is invalid; ${usage}`, EXIT_USAGE)
    const override: DriftOverride = {}
    if (testText !== '') {
      if (!(testText in TESTS)) throw new CliError(`--override ${JSON.stringify(spec)}: unknown test "${testText}"; expected one of ${DRIFT_TEST_NAMES.join(', ')}`, EXIT_USAGE)
      override.test = testText as DriftTest
    }
    if (thresholdText !== undefined) {
      const threshold = Number(thresholdText)
      if (thresholdText.trim() === '' || !Number.isFinite(threshold) || threshold <= 0) {
        throw new CliError(`--override ${JSON.stringify(spec)}: threshold "${thresholdText}" is not a positive number`, EXIT_USAGE)
      }
      override.threshold = threshold
    }
    if (column in overrides) throw new CliError(`--override names column "${column}" twice; give one override per column`, EXIT_USAGE)
    overrides[column] = override
  }
  return overrides
}

/** A reference file is a model bundle when it is JSON; anything else is read as a data file. */
export function isBundlePath(path: string): boolean {
  return /\.json$/i.test(path)
}
