import { comparedColumns } from '../core/drift/html/render-report'
import { P_VALUE_TESTS, type ColumnDrift, type DriftOverride, type DriftProblemCode, type DriftReport, type DriftTest } from '../core/drift/types'

/**
 * How the Monitor page puts a drift report into words and order. The numbers
 * and verdicts are core's (src/core/drift/report.ts); nothing here judges a
 * column, it only sorts, names and phrases what the report says.
 */

/** The tests by the names the page shows. */
export const TEST_LABELS: Record<DriftTest, string> = {
  ks: 'Kolmogorov–Smirnov test',
  chi2: 'Chi-squared test',
  z: 'Two-proportion z-test',
  wasserstein: 'Wasserstein distance',
  jensenshannon: 'Jensen–Shannon distance',
  psi: 'Population stability index (PSI)',
}

/** Short names for the table's Test column (the full name is in the chart and the override form). */
export const TEST_SHORT_LABELS: Record<DriftTest, string> = {
  ks: 'KS test',
  chi2: 'Chi-squared',
  z: 'Z-test',
  wasserstein: 'Wasserstein',
  jensenshannon: 'Jensen–Shannon',
  psi: 'PSI',
}

/**
 * The tests offered for a column: those that can judge its kind of values. A
 * binned reference (a model's summary) cannot run the KS test, which needs
 * the rows. Core checks again and refuses a misfit with drift/bad-override.
 */
export function testsFor(column: Pick<ColumnDrift, 'kind' | 'binned'>): DriftTest[] {
  if (column.kind === 'binary') return ['z', 'chi2', 'jensenshannon', 'psi']
  if (column.kind === 'category') return ['chi2', 'jensenshannon', 'psi']
  return [...(column.binned ? [] : ['ks' as const]), 'wasserstein', 'chi2', 'jensenshannon', 'psi']
}

export function isPValueTest(test: DriftTest): boolean {
  return P_VALUE_TESTS.includes(test)
}

/**
 * Most drifted first, and the columns the share is taken over: the HTML
 * report's own functions, so the page and the downloaded file list and count
 * the same columns in the same order.
 */
export { sortByScore as sortedColumns, comparedColumns } from '../core/drift/html/render-report'

/** "6 of 20 columns drifted (30%)" — the counts behind the share. */
export function driftCounts(report: DriftReport): { drifted: number; compared: number } {
  const compared = comparedColumns(report)
  return { drifted: compared.filter((c) => c.drifted).length, compared: compared.length }
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}

/** The dataset verdict as a sentence a clinician can read. */
export function verdictSentence(report: DriftReport): string {
  const { drifted, compared } = driftCounts(report)
  const counted = `${drifted} of ${compared} compared column${compared === 1 ? '' : 's'} (${percent(report.share)}) ${drifted === 1 ? 'has' : 'have'} drifted`
  return report.datasetDrift
    ? `The data has drifted: ${counted}, at or above the ${percent(report.driftShare)} that counts as dataset drift.`
    : `No dataset drift: ${counted}, below the ${percent(report.driftShare)} that counts as dataset drift.`
}

const PROBLEM_LABELS: Record<DriftProblemCode, string> = {
  'drift/missing-column': 'Missing from the current file',
  'drift/type-changed': 'Type changed (numbers in one file, text in the other)',
  'drift/all-missing': 'No values on one side',
  'drift/empty-current': 'The current file has no rows',
}

/** Columns with a problem, grouped by what the problem is, in the order of PROBLEM_LABELS. */
export function problemGroups(report: DriftReport): { code: DriftProblemCode; label: string; columns: string[] }[] {
  return (Object.keys(PROBLEM_LABELS) as DriftProblemCode[])
    .map((code) => ({ code, label: PROBLEM_LABELS[code], columns: report.columns.filter((c) => c.problem?.code === code).map((c) => c.name) }))
    .filter((g) => g.columns.length > 0)
}

/** A number as the page shows statistics: 4 significant digits, tiny p-values in exponent form. */
export function formatStat(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—'
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs < 1e-4 || abs >= 1e6) return value.toExponential(2)
  return String(Number(value.toPrecision(4)))
}

/** What the verdict of a column was measured by: "p = 0.0012 (drift below 0.05)" or "0.23 (drift from 0.1)". */
export function judgeText(column: ColumnDrift): string {
  if (isPValueTest(column.test)) return `p = ${formatStat(column.pValue)} (drift below ${formatStat(column.threshold)})`
  return `${formatStat(column.distance)} (drift from ${formatStat(column.threshold)})`
}

/** A column's verdict in words. */
export function columnVerdict(column: ColumnDrift): string {
  if (column.problem?.code === 'drift/missing-column') return 'Missing'
  if (column.problem && !column.drifted) return 'Not compared'
  return column.drifted ? 'Drifted' : 'No drift'
}

/**
 * Reads an override form: the test ('' keeps the default, `defaultTest`) and
 * the threshold text ('' keeps the default). Returns the override, null for
 * "back to the default", or a message naming what is wrong.
 */
export function parseOverride(test: DriftTest | '', thresholdText: string, defaultTest: DriftTest): { override: DriftOverride | null } | { error: string } {
  const text = thresholdText.trim()
  let threshold: number | undefined
  if (text !== '') {
    threshold = Number(text)
    if (!Number.isFinite(threshold) || threshold <= 0) return { error: `The threshold must be a number above 0; “${text}” is not.` }
    if (isPValueTest(test === '' ? defaultTest : test) && threshold >= 1) return { error: `A p-value threshold must be below 1; ${text} is not.` }
  }
  if (test === '' && threshold === undefined) return { override: null }
  return { override: { ...(test === '' ? {} : { test }), ...(threshold === undefined ? {} : { threshold }) } }
}

/** Reads the dataset drift share typed as a percentage ("50" → 0.5); a message when it is not 1–100. */
export function parseDriftShare(text: string): { share: number } | { error: string } {
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 100) return { error: `Enter a percentage from 1 to 100; “${text.trim()}” is not.` }
  return { share: value / 100 }
}
