/**
 * `npm run drift -- --reference <bundle.json | file> --current <file> --out report.json [--html report.html] [--fail-on-drift]`:
 * a drift report for cron and CI. The reference is a model bundle (its
 * reference statistics) or a second data file; core's driftReport makes the
 * report (the same code as the Monitor page), driftReportJson writes it and
 * renderDriftHtml draws it. This command only reads files and chooses the exit code.
 */
import { writeFile } from 'node:fs/promises'
import { parseBundle } from '../../core/bundle/bundle'
import { renderDriftHtml, sortByScore, comparedColumns } from '../../core/drift/html/render-report'
import { driftReport, driftReportJson, type DriftReference } from '../../core/drift/report'
import type { DriftReport } from '../../core/drift/types'
import { errorCode } from '../../core/errors'
import { formatList } from '../../core/pipeline/format'
import { numberOption, optionalString, parseOptions, requiredString, stringList } from './args'
import { DRIFT_TEST_NAMES, EXIT_DRIFT, EXIT_DRIFT_FAILURE, isBundlePath, parseOverrides } from './drift-options'
import { fileProblem, readJsonFile, readOptions, readTableFile, SHEET_OPTION } from './read-input'
import { CliError, EXIT_USAGE, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'

const USAGE = `usage: npm run drift -- --reference <bundle.json | file> --current <file> --out report.json [--html report.html]
                      [--fail-on-drift] [--target <column>] [--drift-share 0.5] [--override column=test[:threshold] ...] [--sheet <name>]
Compares the current data with the reference, column by column, and writes the drift report as JSON to --out
(and as one self-contained HTML page to --html). A reference ending in .json is a model bundle (its reference
statistics; prediction drift too, and performance decay when the current data has the target); any other file
(CSV, Parquet, Excel) is a reference dataset.
Tests, as Evidently's defaults: a reference of at most 1,000 rows uses Kolmogorov–Smirnov (numbers), chi-squared
(categories, numbers with 3–5 values) and the two-proportion z-test (binary), drifted at p < 0.05; a larger one
uses the Wasserstein distance ÷ reference std (numbers) and the Jensen–Shannon distance (categories), drifted at
≥ 0.1. PSI is reported for every column. The dataset drifts when at least --drift-share of the columns drift.
--override Age=ks:0.01 sets a column's test (${DRIFT_TEST_NAMES.join(', ')}) and/or threshold (Age=:0.2); repeatable.
--target names the target column (left out of feature drift). --sheet picks the sheet of Excel files.
Exit codes: 0 report written; 1 dataset drift with --fail-on-drift; 2 bad options; 3 the report could not be made.
`

const OPTIONS = {
  reference: { type: 'string' },
  current: { type: 'string' },
  out: { type: 'string' },
  html: { type: 'string' },
  'fail-on-drift': { type: 'boolean' },
  target: { type: 'string' },
  'drift-share': { type: 'string' },
  override: { type: 'string', multiple: true },
  ...SHEET_OPTION,
  help: { type: 'boolean', short: 'h' },
} as const

/** Runs the drift command with `argv` (arguments after the script); resolves to the exit code. */
export async function driftMain(argv: string[], io: CliIO = processIO): Promise<number> {
  let report: DriftReport | null = null
  let failOnDrift = false
  const code = await runCli('drift', io, async () => {
    try {
      const values = parseOptions(argv, OPTIONS)
      if (values.help) return void io.stdout(USAGE)
      const referencePath = requiredString(values, 'reference')
      const currentPath = requiredString(values, 'current')
      const out = requiredString(values, 'out')
      const html = optionalString(values, 'html')
      const target = optionalString(values, 'target')
      failOnDrift = values['fail-on-drift'] === true
      const driftShare = numberOption(values, 'drift-share', 0.5, { min: 0, max: 1 }) // core refuses 0 with its own message
      const overrides = parseOverrides(stringList(values, 'override'))
      const read = readOptions(values)

      const reference = await readReference(referencePath, read)
      const { table: current } = await readTableFile(currentPath, read)
      const made: DriftReport = driftReport({
        reference,
        current,
        options: { driftShare, overrides, ...(target !== undefined && { target }) },
        onProgress: columnReporter(io),
      })
      report = made
      await writeText(out, driftReportJson(made), 'the drift report')
      if (html !== undefined) await writeText(html, renderDriftHtml(made), 'the HTML report')
      for (const line of driftSummary(made, [out, ...(html !== undefined ? [html] : [])])) io.stderr(`drift: ${line}\n`)
    } catch (error) {
      throw asDriftError(error)
    }
  })
  if (code !== 0) return code
  return failOnDrift && report !== null && (report as DriftReport).datasetDrift ? EXIT_DRIFT : 0
}

/** The reference: a model bundle (validated and migrated by core's loader) or a data file. */
async function readReference(path: string, read: ReturnType<typeof readOptions>): Promise<DriftReference> {
  if (isBundlePath(path)) return { kind: 'bundle', bundle: parseBundle(await readJsonFile(path, 'reference bundle')) }
  const { table } = await readTableFile(path, read)
  return { kind: 'dataset', table }
}

/** Progress on stderr at each new tenth of the columns. */
function columnReporter(io: CliIO): (progress: { done: number; total: number }) => void {
  let lastTenth = 0
  return ({ done, total }) => {
    if (total <= 0) return
    const tenth = Math.floor((10 * done) / total)
    if (tenth <= lastTenth || tenth >= 10) return
    lastTenth = tenth
    io.stderr(`drift: ${tenth * 10}% (column ${done}/${total})\n`)
  }
}

async function writeText(path: string, text: string, what: string): Promise<void> {
  try {
    await writeFile(path, text)
  } catch (error) {
    throw new CliError(`cannot write ${what} to "${path}": ${fileProblem(error)}`)
  }
}

/** Core's refusals of an option's value (an override, the drift share): usage errors. */
const USAGE_CODES = new Set(['drift/bad-override', 'drift/bad-drift-share', 'drift/unknown-column'])

/**
 * 1 is this command's "dataset drift", so a failure exits 3 instead (usage
 * errors keep 2); a bad --override that core refuses is a usage error.
 */
function asDriftError(error: unknown): unknown {
  if (error instanceof CliError) return error.exitCode === EXIT_USAGE ? error : new CliError(error.message, EXIT_DRIFT_FAILURE)
  // runCli already starts the line with "drift: "; core's messages carry the same domain prefix.
  const message = (error instanceof Error ? error.message : String(error)).replace(/^drift: /, '')
  return new CliError(message, USAGE_CODES.has(errorCode(error) ?? '') ? EXIT_USAGE : EXIT_DRIFT_FAILURE)
}

/** The few lines printed after the report is written: verdict, most drifted columns, problems, prediction and files. */
export function driftSummary(report: DriftReport, written: readonly string[]): string[] {
  const compared = comparedColumns(report)
  const drifted = sortByScore(compared.filter((c) => c.drifted)).map((c) => c.name)
  const pct = (share: number) => `${Math.round(share * 1000) / 10}%`
  const lines = [
    `${report.datasetDrift ? 'DATASET DRIFT' : 'no dataset drift'}: ${drifted.length} of ${compared.length} columns drifted (${pct(report.share)}; threshold ${pct(report.driftShare)}); ` +
      `${report.current.name} (${report.current.rows} rows) against ${report.reference.name} (${report.reference.rows} rows)`,
  ]
  if (drifted.length) lines.push(`drifted, most first: ${formatList(drifted)}`)
  if (report.missingColumns.length) lines.push(`missing from the current data: ${formatList(report.missingColumns)}`)
  if (report.prediction) lines.push(`prediction drift: ${report.prediction.drifted ? 'yes' : 'no'} (${report.prediction.test}${report.prediction.psi !== null ? `, PSI ${report.prediction.psi.toPrecision(3)}` : ''})`)
  for (const warning of report.warnings) lines.push(`warning: ${warning}`)
  lines.push(`wrote ${written.join(', ')}`)
  return lines
}

if (isEntryPoint(import.meta.url)) await runAsScript(driftMain)
