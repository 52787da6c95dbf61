import type { Task } from '../types'

/**
 * The shapes of a drift report: one core implementation computes it (report.ts),
 * and the Monitor page, `npm run drift`, the HTML export and the model server's
 * live gauges all read it. The JSON the CLI writes is this report as is.
 */

/**
 * The statistic a column is judged by. Tests give a p-value and drift below the
 * threshold; distances drift at or above it; `psi` may be chosen as the judge too.
 * - ks: two-sample Kolmogorov–Smirnov (scipy.stats.ks_2samp, method="auto")
 * - chi2: chi-squared test of a contingency table (scipy.stats.chi2_contingency, correction=False)
 * - z: two-proportion z-test (binary columns)
 * - wasserstein: Wasserstein-1 distance divided by the reference's population standard deviation
 * - jensenshannon: Jensen–Shannon distance, base e (scipy.spatial.distance.jensenshannon)
 * - psi: population stability index over the reference's bins
 */
export type DriftTest = 'ks' | 'chi2' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi'

/** Tests judge by p-value; the rest by a distance. */
export const P_VALUE_TESTS: readonly DriftTest[] = ['ks', 'chi2', 'z']

/** How a column's values were treated when choosing its test. */
export type DriftColumnKind = 'number' | 'category' | 'binary'

/** Why a column could not be compared the usual way; the report keeps it as a row of its own. */
export type DriftProblemCode =
  | 'drift/missing-column' // in the reference, absent from the current data
  | 'drift/type-changed' // number in one, text in the other: reported as drifted
  | 'drift/all-missing' // no present values on one side
  | 'drift/empty-current' // the current data has no rows

/**
 * Overlay data for a chart: shares (summing to 1 over present values) per bin
 * or category, over the reference's bins (src/core/drift/bins.ts). Exactly one
 * of `edges` and `categories` is set.
 */
export interface DriftDistribution {
  /** Numbers: the reference's quantile bin edges (length = shares + 1). */
  edges?: number[]
  /**
   * Categories (the reference's most frequent, then "(other)" when anything
   * else occurs), and numbers with at most 20 distinct values (one bar per
   * value, as text, then "(other)" for current values the reference never had).
   */
  categories?: string[]
  reference: number[]
  current: number[]
}

export interface ColumnDrift {
  name: string
  kind: DriftColumnKind
  test: DriftTest
  /** KS D, chi-squared, z; for distances, the distance again. null when not computable. */
  statistic: number | null
  /** For tests (ks, chi2, z); null for distances. */
  pValue: number | null
  /** For distances (wasserstein, jensenshannon, psi as judge); null for tests. */
  distance: number | null
  /** The threshold the verdict used (p-value cut-off for tests, distance cut-off otherwise). */
  threshold: number
  /** PSI over the reference's bins, reported for every column beside the test. */
  psi: number | null
  drifted: boolean
  /** Severity relative to the threshold, for sorting: ≥ 1 means drifted (p tests: log p / log threshold; distances: distance / threshold). */
  score: number
  /** True when the user overrode the test or threshold for this column. */
  overridden: boolean
  /** True when the reference was a bundle's binned statistics rather than raw rows (the test then runs on bins). */
  binned: boolean
  referenceRows: number
  currentRows: number
  referenceMissingShare: number
  currentMissingShare: number
  distribution: DriftDistribution | null
  problem?: { code: DriftProblemCode; message: string }
}

/** A per-column choice of test and/or threshold that replaces the default rule. */
export interface DriftOverride {
  test?: DriftTest
  threshold?: number
}

export interface DriftOptions {
  /** Dataset drift when at least this share of compared columns drift (default 0.5). */
  driftShare?: number
  overrides?: Record<string, DriftOverride>
  /** Compare only these columns (default: every reference column except the target). */
  columns?: string[]
  /** The target column; left out of feature drift, used for performance decay when present. */
  target?: string
}

export interface PerformanceDecay {
  task: Task
  currentRows: number
  /** Metric name → value on the current data and the model's held-out value at training. */
  metrics: { name: string; training: number | null; current: number | null }[]
}

export interface DriftReport {
  format: 'clinical-ml-studio/drift-report'
  version: 1
  createdAt: string
  reference: { source: 'dataset' | 'bundle'; name: string; rows: number }
  current: { name: string; rows: number }
  /** Feature columns, in the reference's order (sort for display by `score`). */
  columns: ColumnDrift[]
  /** Drifted share of the compared columns. */
  share: number
  driftShare: number
  datasetDrift: boolean
  /** Reference columns absent from the current data (also rows in `columns` with a problem). */
  missingColumns: string[]
  /** Current columns the reference does not have (ignored). */
  extraColumns: string[]
  /** Drift of the model's predicted scores, when a model is known. */
  prediction: ColumnDrift | null
  performance: PerformanceDecay | null
  warnings: string[]
}
