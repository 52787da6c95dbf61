import type { ReferenceColumn } from '../bundle/bundle'
import type { Column } from '../types'
import { distributionOf, referenceBins, toShares, OTHER, type ReferenceBins } from './bins'
import { columnKind, driftScore, isDrifted, isPValueTest, resolveTest, SMALL_REFERENCE_ROWS, defaultThreshold, checkOverride } from './choose-test'
import { countsOver, exactSampleOf, histogramStd, presentCount, sampleOf, summaryOf, unionValues, sortedBinCounts, type Sample } from './samples'
import { chi2Contingency, jensenShannon, ks2sampSorted, psi, twoProportionZ, wassersteinBinned, wassersteinSorted } from './stats'
import type { ColumnDrift, DriftOverride, DriftProblemCode, DriftTest } from './types'

/**
 * Drift of one column: the report runs it per column, the model server on its sliding
 * window of recent rows. Two entry points, one set of rules:
 * - columnDriftVsDataset: raw reference rows, so every test is the exact
 *   scipy computation on the present values;
 * - columnDriftVsReference: a bundle's reference statistics. When they hold
 *   every value (numbers with ≤ 20 distinct values listed in `values`,
 *   categories with no rest beyond the listed ones) the reference rows are
 *   rebuilt exactly and the same exact tests run (binned: false). Otherwise
 *   the reference is known through bins only (binned: true), and:
 *     reference ≤ 1,000 values → chi-squared over the reference's bins
 *       (numbers: its quantile histogram; categories: listed + other), since
 *       KS needs the rows;
 *     larger → numbers: wassersteinBinned (the reference's rows inside each
 *       bin taken to lie like the current rows there; current values beyond
 *       the reference's range counted exactly) divided by the reference's std
 *       (the bundle's `std`, or the histogram's for bundles made before it
 *       was stored); categories: Jensen–Shannon over listed + other.
 * Missing cells are left out of every test (as Evidently drops them); their
 * shares are reported beside. Wasserstein is divided by max(std, 0.001), as
 * Evidently's wasserstein_distance_norm does, so a constant reference column
 * cannot divide by zero.
 */

/** Evidently's floor on the reference std in the normed Wasserstein distance. */
const MIN_STD = 0.001

/** `scratch`: a buffer at least as long as either column, reused by the sorts (the report passes one for all columns). */
export function columnDriftVsDataset(reference: Column, current: Column, override?: DriftOverride, scratch?: Float64Array): ColumnDrift {
  const name = reference.name
  const ref = sampleOf(reference, scratch)
  if (reference.type !== current.type) return typeChangedRow(name, reference.type, current, ref.rows, override, missingShareOf(ref))
  const cur = sampleOf(current, scratch)
  const early = problemFor(name, ref.type, ref.rows, presentCount(ref), missingShareOf(ref), cur, override)
  if (early) return early
  return compareSamples(name, ref, cur, summaryOf(name, ref), override, false)
}

export function columnDriftVsReference(ref: ReferenceColumn, referenceRows: number, current: Column, override?: DriftOverride, scratch?: Float64Array): ColumnDrift {
  if (ref.type !== current.type) return typeChangedRow(ref.name, ref.type, current, referenceRows, override, ref.missingShare)
  const cur = sampleOf(current, scratch)
  const refPresent = Math.round(referenceRows * (1 - ref.missingShare))
  const early = problemFor(ref.name, ref.type, referenceRows, refPresent, ref.missingShare, cur, override)
  if (early) return early
  const exact = exactSampleOf(ref, referenceRows)
  if (exact) return compareSamples(ref.name, exact, cur, ref, override, false)
  return compareBinned(ref, referenceRows, refPresent, cur, override)
}

/** A column compared with exact reference values. */
function compareSamples(name: string, ref: Sample, cur: Sample, summary: ReferenceColumn, override: DriftOverride | undefined, binned: boolean): ColumnDrift {
  const union = unionValues(ref, cur)
  const refPresent = presentCount(ref)
  const { test, threshold, overridden } = resolveTest(name, { type: ref.type, distinct: union.count, binned }, refPresent, override)
  const bins = referenceBins(summary, cur)
  let statistic: number | null = null
  let pValue: number | null = null
  let distance: number | null = null
  const psiValue = bins ? psiOf(bins) : null
  if (test === 'ks' && ref.type === 'number' && cur.type === 'number') {
    ;({ statistic, pValue } = ks2sampSorted(ref.sorted, cur.sorted))
  } else if (test === 'wasserstein' && ref.type === 'number' && cur.type === 'number') {
    distance = wassersteinSorted(ref.sorted, cur.sorted) / Math.max(summary.std ?? populationStd(ref.sorted), MIN_STD)
  } else if (test === 'z') {
    const keys = union.values as (number | string)[]
    const [refFirst] = countsOver(ref, keys.slice(0, 1))
    const [curFirst] = countsOver(cur, keys.slice(0, 1))
    ;({ statistic, pValue } = twoProportionZ(refPresent - refFirst, refPresent, presentCount(cur) - curFirst, presentCount(cur)))
  } else if (test === 'chi2' || test === 'jensenshannon') {
    const { refCounts, curCounts } = countsForTable(ref, cur, union.values, summary)
    if (test === 'chi2') ({ statistic, pValue } = chi2Contingency([refCounts, curCounts]))
    else distance = jensenShannon(refCounts, curCounts)
  } else if (test === 'psi') {
    distance = psiValue
  }
  if (distance !== null) statistic = distance
  return row(name, {
    kind: columnKind(ref.type, union.count),
    test,
    statistic,
    pValue,
    distance,
    threshold,
    psi: psiValue,
    overridden,
    binned,
    referenceRows: ref.rows,
    currentRows: cur.rows,
    referenceMissingShare: summary.missingShare,
    currentMissingShare: missingShareOf(cur),
    distribution: bins ? distributionOf(bins) : null,
  })
}

/** Counts per value (few distinct values, and every category) or per reference quantile bin (many-valued numbers). */
function countsForTable(ref: Sample, cur: Sample, values: (number | string)[] | null, summary: ReferenceColumn): { refCounts: number[]; curCounts: number[] } {
  if (values) return { refCounts: countsOver(ref, values), curCounts: countsOver(cur, values) }
  const edges = summary.histogram?.edges ?? []
  if (ref.type !== 'number' || cur.type !== 'number' || edges.length < 2) return { refCounts: [], curCounts: [] }
  return { refCounts: sortedBinCounts(ref.sorted, edges), curCounts: sortedBinCounts(cur.sorted, edges) }
}

/** A column whose bundle reference is known through bins only. */
function compareBinned(ref: ReferenceColumn, referenceRows: number, refPresent: number, cur: Sample, override: DriftOverride | undefined): ColumnDrift {
  const bins = referenceBins(ref, cur) as ReferenceBins
  // Categories beyond the listed ones fold into OTHER, so the distinct count is unknown: never binary.
  const { test, threshold, overridden } = resolveTest(ref.name, { type: ref.type, distinct: Infinity, binned: true }, refPresent, override)
  const refCounts = ref.type === 'number' ? bins.reference : bins.reference.map((share) => Math.round(share * refPresent))
  let statistic: number | null = null
  let pValue: number | null = null
  let distance: number | null = null
  const psiValue = psiOf(bins)
  if (test === 'chi2') ({ statistic, pValue } = chi2Contingency([refCounts, bins.current]))
  else if (test === 'jensenshannon') distance = jensenShannon(refCounts, bins.current)
  else if (test === 'psi') distance = psiValue
  else if (test === 'wasserstein' && cur.type === 'number' && ref.histogram) {
    const { edges, counts } = ref.histogram
    distance = wassersteinBinned(edges, counts, cur.sorted) / Math.max(ref.std ?? histogramStd(edges, counts), MIN_STD)
  }
  if (distance !== null) statistic = distance
  return row(ref.name, {
    kind: ref.type,
    test,
    statistic,
    pValue,
    distance,
    threshold,
    psi: psiValue,
    overridden,
    binned: true,
    referenceRows,
    currentRows: cur.rows,
    referenceMissingShare: ref.missingShare,
    currentMissingShare: missingShareOf(cur),
    distribution: distributionOf(bins),
  })
}

function populationStd(values: Float64Array): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]
  const mean = sum / values.length
  let squares = 0
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2
  return Math.sqrt(squares / values.length)
}

/** PSI over the reference's bins (shares of present values on each side); null when a side is empty. */
function psiOf(bins: ReferenceBins): number | null {
  const value = psi(toShares(bins.reference), toShares(bins.current))
  return Number.isFinite(value) ? value : null
}

type RowFields = Omit<ColumnDrift, 'name' | 'drifted' | 'score'>

/** Fills the verdict and the score from the judged value. */
function row(name: string, fields: RowFields): ColumnDrift {
  const judged = isPValueTest(fields.test) ? fields.pValue : fields.distance
  return {
    name,
    ...fields,
    drifted: isDrifted(fields.test, judged, fields.threshold),
    score: driftScore(fields.test, judged, fields.threshold),
  }
}

function missingShareOf(sample: Sample): number {
  return sample.rows === 0 ? 0 : (sample.rows - presentCount(sample)) / sample.rows
}

/** The test a column would get when it cannot be compared (for the row's `test` field): the override's, else by type and reference size. */
function nominalTest(type: 'number' | 'category', referencePresent: number, override: DriftOverride | undefined): DriftTest {
  if (override?.test) return override.test
  if (referencePresent <= SMALL_REFERENCE_ROWS) return type === 'number' ? 'ks' : 'chi2'
  return type === 'number' ? 'wasserstein' : 'jensenshannon'
}

export interface ProblemRowInput {
  name: string
  type: 'number' | 'category'
  code: DriftProblemCode
  message: string
  drifted: boolean
  referenceRows: number
  referencePresent: number
  referenceMissingShare: number
  currentRows: number
  currentMissingShare: number
  override?: DriftOverride
  binned?: boolean
}

/** A row for a column that could not be compared the usual way: every statistic null, the verdict given. */
export function problemRow(input: ProblemRowInput): ColumnDrift {
  checkOverride(input.name, input.override)
  const test = nominalTest(input.type, input.referencePresent, input.override)
  return {
    name: input.name,
    kind: input.type,
    test,
    statistic: null,
    pValue: null,
    distance: null,
    threshold: input.override?.threshold ?? defaultThreshold(test),
    psi: null,
    drifted: input.drifted,
    score: input.drifted ? 1 : 0,
    overridden: input.override?.test !== undefined || input.override?.threshold !== undefined,
    binned: input.binned ?? false,
    referenceRows: input.referenceRows,
    currentRows: input.currentRows,
    referenceMissingShare: input.referenceMissingShare,
    currentMissingShare: input.currentMissingShare,
    distribution: null,
    problem: { code: input.code, message: input.message },
  }
}

/** Empty current data, or a side without a present value: the row says so instead of a statistic. */
function problemFor(name: string, type: 'number' | 'category', refRows: number, refPresent: number, refMissing: number, cur: Sample, override: DriftOverride | undefined): ColumnDrift | null {
  const base = { name, type, referenceRows: refRows, referencePresent: refPresent, referenceMissingShare: refMissing, currentRows: cur.rows, override }
  if (cur.rows === 0) {
    return problemRow({ ...base, code: 'drift/empty-current', message: `the current data has no rows, so "${name}" cannot be compared`, drifted: false, currentMissingShare: 0 })
  }
  const curPresent = presentCount(cur)
  if (refPresent > 0 && curPresent > 0) return null
  const message =
    refPresent === 0 && curPresent === 0
      ? `"${name}" has no value in the reference nor in the current data`
      : refPresent === 0
        ? `"${name}" has no value in the reference, but ${curPresent} in the current data`
        : `"${name}" has no value in the current data (all ${cur.rows} rows missing), but had values in the reference`
  // A column that lost (or gained) every value has drifted; one empty on both sides has nothing to compare.
  return problemRow({ ...base, code: 'drift/all-missing', message, drifted: (refPresent === 0) !== (curPresent === 0), currentMissingShare: missingShareOf(cur) })
}

/** The current column holds another type than the reference: reported as drifted, not compared. */
export function typeChangedRow(name: string, refType: 'number' | 'category', current: Column, refRows: number, override: DriftOverride | undefined, refMissing = 0): ColumnDrift {
  const cur = sampleOf(current)
  const words = (t: 'number' | 'category') => (t === 'number' ? 'numbers' : 'text')
  const firstCode = current.type === 'category' ? current.codes.find((code) => code >= 0) : undefined
  const example = current.type === 'category' && firstCode !== undefined ? current.levels[firstCode] : undefined
  return problemRow({
    name,
    type: refType,
    code: 'drift/type-changed',
    message: `"${name}" held ${words(refType)} in the reference but holds ${words(current.type)} in the current data${example !== undefined ? ` (e.g. "${example}")` : ''}; check how the column is recorded`,
    drifted: true,
    referenceRows: refRows,
    referencePresent: Math.round(refRows * (1 - refMissing)),
    referenceMissingShare: refMissing,
    currentRows: cur.rows,
    currentMissingShare: missingShareOf(cur),
    override,
  })
}

export { OTHER }
