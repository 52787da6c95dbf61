/**
 * `npm run profile -- --data <file> [--out profile.json] [--sheet <name>]`:
 * the profile the Data page shows, as JSON, for data checks in CI and cron.
 * The file is read and profiled by core's loadDataset, the code the page's
 * data worker runs; this command only chooses what to print.
 */
import { writeFile } from 'node:fs/promises'
import type { DatasetView } from '../../core/dataset'
import type { FileFormat } from '../../core/table/read/read-file'
import type { NumericSummary, ValueCount } from '../../core/table/profile/profile'
import type { ProfileWarning } from '../../core/table/profile/profile-warnings'
import type { ColumnKind } from '../../core/types'
import { optionalString, parseOptions, requiredString } from './args'
import { fileProblem, loadDatasetFile, readOptions, SHEET_OPTION } from './read-input'
import { CliError, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'

const USAGE = `usage: npm run profile -- --data <file.csv|file.parquet|file.xlsx> [--sheet <name>] [--out profile.json]
Prints the dataset's profile as one JSON object (to --out instead of stdout when given):
  "dataset": {name, format, sheet, sheets, rows, columns, missingCells, duplicateRows, fingerprint},
  "columns": [{name, type, missing, missingShare, distinct, numeric: {min, q1, median, q3, max, mean, std} | null, topValues: [{value, count}]}],
  "warnings": [{kind, severity, column, message, ...}]   (the warnings the Data page lists)
type is one of numeric, categorical, boolean, identifier, text, constant, date. --sheet picks the sheet of an Excel
workbook (default: the first with data). Exit 0 when profiled, 1 when the file cannot be read, 2 for bad options.
`

const OPTIONS = {
  data: { type: 'string' },
  ...SHEET_OPTION,
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** One column of the report. */
export interface ColumnReport {
  name: string
  /** The kind the page shows (numeric, categorical, boolean, identifier, text, constant, date). */
  type: ColumnKind
  missing: number
  missingShare: number
  distinct: number
  /** For columns stored as numbers with at least one value; quartiles as numpy's linear method, std with n − 1. */
  numeric: NumericSummary | null
  /** Most frequent values, most common first (at most 5). */
  topValues: ValueCount[]
}

/** What `profile` prints. */
export interface ProfileReport {
  dataset: {
    name: string
    format: FileFormat
    /** For an Excel workbook: the sheet profiled and all its sheets. */
    sheet?: string
    sheets?: string[]
    rows: number
    columns: number
    missingCells: number
    duplicateRows: number
    /** A hash of the content: the same data gives the same fingerprint (as on the page). */
    fingerprint: string
  }
  columns: ColumnReport[]
  warnings: ProfileWarning[]
}

/** The report for a loaded dataset's view: a selection of its profile, nothing recomputed. */
export function profileReport(view: DatasetView): ProfileReport {
  const { profile } = view
  return {
    dataset: {
      name: view.name,
      format: view.format,
      ...(view.workbook && { sheet: view.workbook.sheet, sheets: view.workbook.sheets }),
      rows: view.rowCount,
      columns: view.columnNames.length,
      missingCells: profile.columns.reduce((sum, c) => sum + c.missing, 0),
      duplicateRows: profile.duplicateRows,
      fingerprint: view.fingerprint,
    },
    columns: profile.columns.map((c) => ({
      name: c.name,
      type: c.kind,
      missing: c.missing,
      missingShare: c.missingShare,
      distinct: c.distinct,
      numeric: c.numeric ?? null,
      topValues: c.topValues,
    })),
    warnings: profile.warnings,
  }
}

/** Runs the profile command with `argv` (arguments after the script); resolves to the exit code. */
export function profileMain(argv: string[], io: CliIO = processIO): Promise<number> {
  return runCli('profile', io, async () => {
    const values = parseOptions(argv, OPTIONS)
    if (values.help) return void io.stdout(USAGE)
    const dataPath = requiredString(values, 'data')
    const read = readOptions(values)
    const out = optionalString(values, 'out')
    const { view } = await loadDatasetFile(dataPath, read)
    const json = JSON.stringify(profileReport(view), null, out === undefined ? undefined : 2) + '\n'
    if (out === undefined) return void io.stdout(json)
    try {
      await writeFile(out, json)
    } catch (error) {
      throw new CliError(`cannot write the profile to "${out}": ${fileProblem(error)}`)
    }
    const warnings = view.profile.warnings.length
    io.stderr(`profile: ${view.rowCount} rows × ${view.columnNames.length} columns, ${warnings} warning${warnings === 1 ? '' : 's'}; wrote ${out}\n`)
  })
}

if (isEntryPoint(import.meta.url)) await runAsScript(profileMain)
