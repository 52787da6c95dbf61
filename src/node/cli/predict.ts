/**
 * `npm run predict -- --model <bundle.json> --data <file> [--out predictions.csv]`:
 * scores a file with a model bundle through core's Predictor (the one
 * prediction path) and writes one CSV row per input row.
 */
import { writeFile } from 'node:fs/promises'
import { Predictor } from '../../core/bundle/predictor'
import { tableToCsv } from '../../core/table/write/write-csv'
import { optionalString, parseOptions, requiredString } from './args'
import { identifierColumn, issueSummary, predictionsFromBatch, predictionsTable, refusedCount } from './predictions-table'
import { fileProblem, readJsonFile, readOptions, readTableFile, SHEET_OPTION } from './read-input'
import { CliError, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'

const USAGE = `usage: npm run predict -- --model <bundle.json> --data <file.csv|file.parquet|file.xlsx> [--sheet <name>] [--out predictions.csv]
Writes CSV: an identifier column of the input (if any), prediction, and proba_<label> per class; to stdout without --out.
Each row is cleaned as the training rows were (the bundle's cleaning steps) before the model sees it. A row a
validation rule refuses keeps its place with empty prediction cells; stderr says how many and why, as it does
for cells a rule or a failed conversion left missing.
--sheet picks the sheet of an Excel workbook (default: the first with data).
`

const OPTIONS = {
  model: { type: 'string' },
  data: { type: 'string' },
  ...SHEET_OPTION,
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Runs the predict command with `argv` (arguments after the script); resolves to the exit code. */
export function predictMain(argv: string[], io: CliIO = processIO): Promise<number> {
  return runCli('predict', io, async () => {
    const values = parseOptions(argv, OPTIONS)
    if (values.help) return void io.stdout(USAGE)
    const bundlePath = requiredString(values, 'model')
    const dataPath = requiredString(values, 'data')
    const read = readOptions(values)
    const out = optionalString(values, 'out')
    const predictor = Predictor.fromBundle(await readJsonFile(bundlePath, 'model bundle'))
    const { table } = await readTableFile(dataPath, read)
    // Input problems (a missing column, text in a number column) surface here as one line naming the column.
    const result = predictor.predictTable(table)
    const { bundle } = predictor
    const modelColumns = [...bundle.inputSchema.map((c) => c.name), bundle.target.name]
    const predictions = predictionsFromBatch(result, bundle.task === 'regression' ? [] : bundle.target.labels)
    const output = predictionsTable(`predictions for ${table.name}`, table.rowCount, predictions, identifierColumn(table, modelColumns))
    for (const line of issueSummary(result)) io.stderr(`predict: ${line}\n`)
    const csv = tableToCsv(output, { newline: '\n' })
    if (out === undefined) return void io.stdout(csv)
    try {
      await writeFile(out, csv)
    } catch (error) {
      throw new CliError(`cannot write predictions to "${out}": ${fileProblem(error)}`)
    }
    io.stderr(`predict: ${table.rowCount - refusedCount(result)} of ${table.rowCount} rows scored with ${bundle.model.family} (${bundle.task}, target "${bundle.target.name}"); wrote ${out}\n`)
  })
}

if (isEntryPoint(import.meta.url)) await runAsScript(predictMain)
