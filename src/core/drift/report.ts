import type { ModelBundle, ReferenceColumn } from '../bundle/bundle'
import { StudioError } from '../errors'
import type { Column, ProgressCallback, Table } from '../types'
import { checkOverride } from './choose-test'
import { columnDriftVsDataset, columnDriftVsReference, problemRow, typeChangedRow } from './column-drift'
import { currentForBundle, type CurrentForBundle } from './current-for-bundle'
import { modelSide } from './prediction'
import type { ColumnDrift, DriftOptions, DriftOverride, DriftReport } from './types'

/**
 * The drift report: every compared column judged by its test (column-drift.ts),
 * the dataset verdict, prediction drift and performance decay when a model is
 * known. Synchronous and pure: the Monitor page runs it in the data worker,
 * `npm run drift` in Node, the same code either way.
 */

export type DriftReference =
  /** Raw rows: the scipy-exact tests. */
  | { kind: 'dataset'; table: Table }
  /** A bundle's reference statistics (binned where they do not hold every value). */
  | { kind: 'bundle'; bundle: ModelBundle }

export interface DriftInputs {
  reference: DriftReference
  current: Table
  /** A model: enables prediction drift (and performance decay when `current` has the target). Implied when the reference is a bundle. */
  bundle?: ModelBundle
  options?: DriftOptions
  /** Called once per column compared. */
  onProgress?: ProgressCallback
  /** The report's createdAt (ISO date); now when omitted (tests fix it). */
  now?: string
}

export const DRIFT_REPORT_FORMAT = 'clinical-ml-studio/drift-report'
export const DEFAULT_DRIFT_SHARE = 0.5

export function driftReport(inputs: DriftInputs): DriftReport {
  const options = inputs.options ?? {}
  const driftShare = options.driftShare ?? DEFAULT_DRIFT_SHARE
  if (!(typeof driftShare === 'number' && driftShare > 0 && driftShare <= 1)) {
    throw new StudioError('drift/bad-drift-share', `drift: the dataset drift share must be above 0 and at most 1 (e.g. 0.5 for half the columns), got ${JSON.stringify(driftShare)}`)
  }
  const { reference, current } = inputs
  const bundle = reference.kind === 'bundle' ? reference.bundle : inputs.bundle
  if (reference.kind === 'bundle' && !reference.bundle.reference) {
    throw new StudioError(
      'drift/no-reference',
      'drift: this model file (bundle version 1) carries no reference statistics of its training data, so there is nothing to compare with; re-export the model from the studio (or use its training file as the reference)',
    )
  }
  if (reference.kind === 'dataset' && reference.table.rowCount === 0) {
    throw new StudioError('drift/empty-reference', `drift: the reference "${reference.table.name}" has no rows; choose a reference file with data`)
  }
  const target = options.target ?? bundle?.target.name
  const allReference = reference.kind === 'dataset' ? reference.table.columns.map((c) => c.name) : (reference.bundle.reference?.columns ?? []).map((c) => c.name)
  const names = selectColumns(allReference.filter((name) => name !== target), options.columns)
  for (const [name, override] of Object.entries(options.overrides ?? {})) {
    if (!allReference.includes(name)) {
      throw new StudioError('drift/bad-override', `drift: an override names the column "${name}", which the reference does not have; check the spelling (columns: ${allReference.slice(0, 8).join(', ')}${allReference.length > 8 ? ', …' : ''})`)
    }
    checkOverride(name, override)
  }
  const currentByName = new Map(current.columns.map((c) => [c.name, c]))
  const missingColumns = names.filter((name) => !currentByName.has(name))
  const extraColumns = current.columns.map((c) => c.name).filter((name) => !allReference.includes(name) && name !== target)
  const warnings: string[] = []
  const empty = current.rowCount === 0
  if (empty) warnings.push(`the current data "${current.name}" has no rows, so no column could be compared`)
  if (missingColumns.length > 0) {
    warnings.push(`${missingColumns.length} reference column${missingColumns.length === 1 ? ' is' : 's are'} missing from the current data: ${missingColumns.join(', ')}`)
  }
  const prepared = reference.kind === 'bundle' && !empty ? currentForBundle(reference.bundle, current) : null
  if (prepared) warnings.push(...prepared.warnings)
  const columns: ColumnDrift[] = []
  // One sort buffer for every column (saves 100 allocations of the longest column on a wide table).
  const longest = Math.max(current.rowCount, reference.kind === 'dataset' ? reference.table.rowCount : 0)
  const scratch = longest >= 4096 ? new Float64Array(longest) : undefined
  names.forEach((name, i) => {
    const override = options.overrides?.[name]
    columns.push(
      reference.kind === 'dataset'
        ? datasetRow(reference.table.columns.find((c) => c.name === name) as Column, currentByName.get(name), current.rowCount, override, empty, scratch)
        : bundleRow(reference.bundle, name, currentByName.get(name), current.rowCount, prepared, override, scratch),
    )
    inputs.onProgress?.({ stage: 'drift', done: i + 1, total: names.length, message: name })
  })
  const changed = columns.filter((c) => c.problem?.code === 'drift/type-changed').map((c) => c.name)
  if (changed.length > 0) warnings.push(`${changed.length === 1 ? 'a column holds' : 'columns hold'} another type than in the reference (reported as drifted): ${changed.join(', ')}`)
  const compared = columns.filter(isCompared)
  const drifted = compared.filter((c) => c.drifted).length
  const share = compared.length === 0 ? 0 : drifted / compared.length
  const model = bundle && !empty ? modelSide(bundle, current, reference.kind === 'dataset' ? reference.table : null, undefined) : null
  if (model) warnings.push(...model.warnings)
  return {
    format: DRIFT_REPORT_FORMAT,
    version: 1,
    createdAt: inputs.now ?? new Date().toISOString(),
    reference:
      reference.kind === 'dataset'
        ? { source: 'dataset', name: reference.table.name, rows: reference.table.rowCount }
        : { source: 'bundle', name: bundleName(reference.bundle), rows: reference.bundle.reference?.rows ?? 0 },
    current: { name: current.name, rows: current.rowCount },
    columns,
    share,
    driftShare,
    datasetDrift: compared.length > 0 && share >= driftShare,
    missingColumns,
    extraColumns,
    prediction: model?.prediction ?? null,
    performance: model?.performance ?? null,
    warnings,
  }
}

/** Columns that count toward the share: compared, or judged drifted by their problem (type changed, emptied). */
function isCompared(row: ColumnDrift): boolean {
  if (!row.problem) return true
  if (row.problem.code === 'drift/missing-column' || row.problem.code === 'drift/empty-current') return false
  return row.problem.code === 'drift/type-changed' || row.drifted
}

function selectColumns(names: string[], wanted: string[] | undefined): string[] {
  if (!wanted) return names
  const unknown = wanted.filter((name) => !names.includes(name))
  if (unknown.length > 0) throw new StudioError('drift/unknown-column', `drift: the reference has no feature column ${unknown.map((n) => `"${n}"`).join(', ')} to compare; check the column names`)
  return names.filter((name) => wanted.includes(name))
}

function bundleName(bundle: ModelBundle): string {
  return bundle.registry ? `${bundle.registry.name} version ${bundle.registry.version}` : bundle.dataset.name
}

function missingColumnRow(name: string, type: 'number' | 'category', referenceRows: number, referenceMissingShare: number, currentRows: number, override: DriftOverride | undefined, binned: boolean): ColumnDrift {
  return problemRow({
    name,
    type,
    code: 'drift/missing-column',
    message: `the current data has no column "${name}"`,
    drifted: false,
    referenceRows,
    referencePresent: Math.round(referenceRows * (1 - referenceMissingShare)),
    referenceMissingShare,
    currentRows,
    currentMissingShare: 1,
    override,
    binned,
  })
}

function emptyCurrentRow(name: string, type: 'number' | 'category', referenceRows: number, referenceMissingShare: number, override: DriftOverride | undefined, binned: boolean): ColumnDrift {
  return problemRow({
    name,
    type,
    code: 'drift/empty-current',
    message: `the current data has no rows, so "${name}" cannot be compared`,
    drifted: false,
    referenceRows,
    referencePresent: Math.round(referenceRows * (1 - referenceMissingShare)),
    referenceMissingShare,
    currentRows: 0,
    currentMissingShare: 0,
    override,
    binned,
  })
}

function datasetRow(ref: Column, cur: Column | undefined, currentRows: number, override: DriftOverride | undefined, empty: boolean, scratch: Float64Array | undefined): ColumnDrift {
  const rows = ref.type === 'number' ? ref.values.length : ref.codes.length
  if (empty || !cur) {
    let missing = 0
    if (ref.type === 'number') for (const v of ref.values) missing += Number.isFinite(v) ? 0 : 1
    else for (const c of ref.codes) missing += c < 0 ? 1 : 0
    const share = rows === 0 ? 0 : missing / rows
    return empty ? emptyCurrentRow(ref.name, ref.type, rows, share, override, false) : missingColumnRow(ref.name, ref.type, rows, share, currentRows, override, false)
  }
  return columnDriftVsDataset(ref, cur, override, scratch)
}

function bundleRow(bundle: ModelBundle, name: string, raw: Column | undefined, currentRows: number, prepared: CurrentForBundle | null, override: DriftOverride | undefined, scratch: Float64Array | undefined): ColumnDrift {
  const reference = bundle.reference as NonNullable<ModelBundle['reference']>
  const ref = reference.columns.find((c) => c.name === name) as ReferenceColumn
  if (!prepared) return emptyCurrentRow(name, ref.type, reference.rows, ref.missingShare, override, true)
  if (!raw) return missingColumnRow(name, ref.type, reference.rows, ref.missingShare, currentRows, override, true)
  if (prepared.typeChanged.has(name)) return typeChangedRow(name, ref.type, raw, reference.rows, override, ref.missingShare)
  const column = prepared.columns.get(name)
  if (!column) return missingColumnRow(name, ref.type, reference.rows, ref.missingShare, currentRows, override, true)
  if (column.type !== ref.type) return typeChangedRow(name, ref.type, column, reference.rows, override, ref.missingShare)
  return columnDriftVsReference(ref, reference.rows, column, override, scratch)
}

const REPORT_KEYS = ['format', 'version', 'createdAt', 'reference', 'current', 'columns', 'share', 'driftShare', 'datasetDrift', 'missingColumns', 'extraColumns', 'prediction', 'performance', 'warnings'] as const
const COLUMN_KEYS = [
  'name', 'kind', 'test', 'statistic', 'pValue', 'distance', 'threshold', 'psi', 'drifted', 'score', 'overridden', 'binned',
  'referenceRows', 'currentRows', 'referenceMissingShare', 'currentMissingShare', 'distribution', 'problem',
] as const
/** Keys every column row carries, null where not applicable (the CLI's contract). */
const ALWAYS = new Set(['name', 'test', 'statistic', 'pValue', 'distance', 'psi', 'drifted'])

/**
 * The report as the CLI writes it and the page exports it: keys in a fixed
 * order, 2-space indent, non-finite numbers as null, and every column row
 * carrying name, test, statistic, pValue, distance, psi and drifted (null
 * where not applicable).
 */
export function driftReportJson(report: DriftReport): string {
  const out: Record<string, unknown> = {}
  for (const key of REPORT_KEYS) {
    const value = report[key]
    if (key === 'columns') out.columns = report.columns.map(orderColumn)
    else if (key === 'prediction') out.prediction = report.prediction ? orderColumn(report.prediction) : null
    else if (key === 'reference') out.reference = pick(report.reference, ['source', 'name', 'rows'])
    else if (key === 'current') out.current = pick(report.current, ['name', 'rows'])
    else if (key === 'performance') {
      out.performance = report.performance
        ? { task: report.performance.task, currentRows: report.performance.currentRows, metrics: report.performance.metrics.map((m) => pick(m, ['name', 'training', 'current'])) }
        : null
    } else out[key] = value
  }
  return JSON.stringify(out, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)
}

function orderColumn(row: ColumnDrift): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of COLUMN_KEYS) {
    const value = row[key]
    if (value === undefined) {
      if (ALWAYS.has(key)) out[key] = null
      continue
    }
    if (key === 'distribution' && value) out[key] = pick(value as object, ['edges', 'categories', 'reference', 'current'])
    else if (key === 'problem' && value) out[key] = pick(value as object, ['code', 'message'])
    else out[key] = value
  }
  return out
}

function pick(source: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key]
    if (value !== undefined) out[key] = value
  }
  return out
}
