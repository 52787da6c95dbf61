import { StudioError } from '../errors'
import { P_VALUE_TESTS, type DriftColumnKind, type DriftOverride, type DriftTest } from './types'

/**
 * Which test judges a column, as Evidently's default does
 * (evidently …/stattests/registry.py _get_default_stattest), counting the
 * reference's present values and the distinct present values of reference
 * and current together:
 * - reference ≤ 1,000 values: numbers with > 5 distinct values → KS; 3–5
 *   distinct values, and categories with > 2 → chi-squared; ≤ 2 distinct
 *   values (binary) → two-proportion z-test; drifted when p < 0.05;
 * - larger reference: numbers with > 5 distinct values → Wasserstein / std;
 *   numbers with ≤ 5, and all categories → Jensen–Shannon; drifted when the
 *   distance ≥ 0.1.
 */
export const SMALL_REFERENCE_ROWS = 1000
export const DEFAULT_P_THRESHOLD = 0.05
export const DEFAULT_DISTANCE_THRESHOLD = 0.1
/** Numbers with at most this many distinct values are treated as categories (chi-squared / Jensen–Shannon). */
export const FEW_VALUES = 5

export const ALL_TESTS: readonly DriftTest[] = ['ks', 'chi2', 'z', 'wasserstein', 'jensenshannon', 'psi']

export function isPValueTest(test: DriftTest): boolean {
  return P_VALUE_TESTS.includes(test)
}

export function defaultThreshold(test: DriftTest): number {
  return isPValueTest(test) ? DEFAULT_P_THRESHOLD : DEFAULT_DISTANCE_THRESHOLD
}

/** How a column's values are treated: binary when both sides together hold at most 2 distinct values. */
export function columnKind(type: 'number' | 'category', distinct: number): DriftColumnKind {
  return distinct <= 2 ? 'binary' : type
}

/** Evidently's default test for a column. */
export function defaultTest(type: 'number' | 'category', referencePresent: number, distinct: number): DriftTest {
  if (referencePresent <= SMALL_REFERENCE_ROWS) {
    if (distinct <= 2) return 'z'
    if (type === 'category' || distinct <= FEW_VALUES) return 'chi2'
    return 'ks'
  }
  if (type === 'number' && distinct > FEW_VALUES) return 'wasserstein'
  return 'jensenshannon'
}

/** KS needs the reference rows: over a binned reference its place is taken by chi-squared over the reference's bins. */
function binnedDefault(test: DriftTest, scope: TestScope): DriftTest {
  return scope.binned && test === 'ks' ? 'chi2' : test
}

/** What the column allows: which tests can run on it and, when one cannot, why. */
export interface TestScope {
  type: 'number' | 'category'
  /** Distinct present values of both sides together; Infinity when unknown (binned reference). */
  distinct: number
  /** True when the reference is only known through bins (a bundle's histogram or top categories + other). */
  binned: boolean
}

/** Why `test` cannot judge a column in `scope`; null when it can. */
function unfit(test: DriftTest, scope: TestScope): string | null {
  if ((test === 'ks' || test === 'wasserstein') && scope.type === 'category') return `${test} compares numbers, but the column holds categories`
  if (test === 'ks' && scope.binned) return 'ks needs the reference rows, but a model file keeps only binned statistics; choose chi2, wasserstein, jensenshannon or psi'
  if (test === 'z' && scope.distinct > 2) {
    return `z compares two values (a binary column), but the column holds ${Number.isFinite(scope.distinct) ? scope.distinct : 'more than 2'} distinct values`
  }
  return null
}

/**
 * The test and threshold for a column: the override's where given (checked:
 * a known test that fits the column, a threshold strictly between 0 and 1 for
 * p-values and above 0 for distances), else the default. A bad override is a
 * StudioError 'drift/bad-override' naming the column.
 */
export function resolveTest(name: string, scope: TestScope, referencePresent: number, override: DriftOverride | undefined): { test: DriftTest; threshold: number; overridden: boolean } {
  checkOverride(name, override)
  const test = override?.test ?? binnedDefault(defaultTest(scope.type, referencePresent, scope.distinct), scope)
  if (override?.test) {
    const why = unfit(test, scope)
    if (why) throw new StudioError('drift/bad-override', `drift: column "${name}": the test ${test} does not fit: ${why}`)
  }
  const threshold = override?.threshold ?? defaultThreshold(test)
  checkThreshold(name, test, threshold)
  return { test, threshold, overridden: override?.test !== undefined || override?.threshold !== undefined }
}

/** Checks an override's shape alone (test name, threshold a number) before any data is read. */
export function checkOverride(name: string, override: DriftOverride | undefined): void {
  if (override === undefined) return
  if (typeof override !== 'object' || override === null) throw new StudioError('drift/bad-override', `drift: column "${name}": an override must be an object with "test" and/or "threshold", got ${JSON.stringify(override)}`)
  if (override.test !== undefined && !ALL_TESTS.includes(override.test)) {
    throw new StudioError('drift/bad-override', `drift: column "${name}": unknown test ${JSON.stringify(override.test)}; expected one of ${ALL_TESTS.join(', ')}`)
  }
  if (override.threshold !== undefined && override.test !== undefined) checkThreshold(name, override.test, override.threshold)
  if (override.threshold !== undefined && !(typeof override.threshold === 'number' && Number.isFinite(override.threshold) && override.threshold > 0)) {
    throw new StudioError('drift/bad-override', `drift: column "${name}": threshold ${JSON.stringify(override.threshold)} is not a number above 0`)
  }
}

function checkThreshold(name: string, test: DriftTest, threshold: number): void {
  if (!(typeof threshold === 'number' && Number.isFinite(threshold))) {
    throw new StudioError('drift/bad-override', `drift: column "${name}": threshold ${JSON.stringify(threshold)} is not a number`)
  }
  if (isPValueTest(test) && !(threshold > 0 && threshold < 1)) {
    throw new StudioError('drift/bad-override', `drift: column "${name}": a p-value threshold for ${test} must lie between 0 and 1 (e.g. 0.05), got ${threshold}`)
  }
  if (!isPValueTest(test) && !(threshold > 0)) {
    throw new StudioError('drift/bad-override', `drift: column "${name}": a distance threshold for ${test} must be above 0 (e.g. 0.1), got ${threshold}`)
  }
}

/** Severity for sorting, ≥ 1 when drifted: log p / log threshold for tests, distance / threshold otherwise. */
export function driftScore(test: DriftTest, value: number | null, threshold: number): number {
  if (value === null || !Number.isFinite(value)) return 0
  if (isPValueTest(test)) return value >= 1 ? 0 : Math.log(Math.max(value, Number.MIN_VALUE)) / Math.log(threshold)
  return value / threshold
}

/** The verdict: p below the threshold for tests, distance at or above it otherwise. */
export function isDrifted(test: DriftTest, value: number | null, threshold: number): boolean {
  if (value === null || Number.isNaN(value)) return false
  return isPValueTest(test) ? value < threshold : value >= threshold
}
