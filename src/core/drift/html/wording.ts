/** The words the HTML report uses for tests, kinds and verdicts. */
import type { ColumnDrift, DriftColumnKind, DriftTest } from '../types'
import { P_VALUE_TESTS } from '../types'
import { formatStat } from './escape'

export const TEST_NAMES: Record<DriftTest, string> = {
  ks: 'Kolmogorov–Smirnov',
  chi2: 'chi-squared',
  z: 'two-proportion z-test',
  wasserstein: 'Wasserstein ÷ std',
  jensenshannon: 'Jensen–Shannon',
  psi: 'PSI',
}

export const KIND_NAMES: Record<DriftColumnKind, string> = {
  number: 'number',
  category: 'category',
  binary: 'binary',
}

/** True when the column's test judges by a p-value (drift below the threshold). */
export function isPValueTest(test: DriftTest): boolean {
  return P_VALUE_TESTS.includes(test)
}

/** The rule the verdict used: "p < 0.05" or "≥ 0.1". */
export function thresholdText(column: Pick<ColumnDrift, 'test' | 'threshold'>): string {
  return isPValueTest(column.test) ? `p < ${formatStat(column.threshold)}` : `≥ ${formatStat(column.threshold)}`
}

/** The verdict in words: "Drifted", "No drift", or what kept the column from the usual comparison. */
export function verdictText(column: ColumnDrift): string {
  switch (column.problem?.code) {
    case 'drift/missing-column':
      return 'Missing from current data'
    case 'drift/type-changed':
      return 'Drifted: type changed'
    case 'drift/all-missing':
      return column.drifted ? 'Drifted: no values on one side' : 'No values to compare'
    case 'drift/empty-current':
      return 'No current rows'
  }
  return column.drifted ? 'Drifted' : 'No drift'
}
