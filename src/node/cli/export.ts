/**
 * `npm run export`: one command for every export format, dispatching to one
 * module per format (each exports `run(values, io)` over the parsed options):
 *   --model <bundle.json> --format onnx --out model.onnx      → export-onnx.ts
 *   --model <bundle.json> --format xgboost --out model.json   → export-xgboost.ts
 *   --recipe <recipe.json> --sql duckdb|spark [--out q.sql]   → export-sql.ts
 * Exit 0 ok, 1 failure, 2 usage.
 */
import { optionalString, parseOptions, type OptionValues } from './args'
import { CliError, EXIT_USAGE, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'

const USAGE = `usage: npm run export -- --model <bundle.json> --format onnx|xgboost --out <file>
       npm run export -- --recipe <recipe.json> --sql duckdb|spark [--out query.sql]
--format onnx     the whole pipeline and model as one ONNX graph (raw columns in; label and probabilities out).
--format xgboost  a gradient boosting, random forest or decision tree model as XGBoost's JSON model format, over
                  the pipeline's output columns (load it with xgboost.Booster().load_model("model.json")).
--sql             the cleaning recipe as one SQL query in DuckDB's or Spark SQL's dialect (stdout without --out).
`

const OPTIONS = {
  model: { type: 'string' },
  format: { type: 'string' },
  recipe: { type: 'string' },
  sql: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** What every format module exports. */
export interface ExportModule {
  run(values: OptionValues, io: CliIO): Promise<void>
}

/** Model formats by --format; each branch of issue 14 adds its own line. */
const MODEL_FORMATS: Record<string, () => Promise<ExportModule>> = {
  xgboost: () => import('./export-xgboost'),
}

/** Runs the export command with `argv`; resolves to the exit code. */
export function exportMain(argv: string[], io: CliIO = processIO): Promise<number> {
  return runCli('export', io, async () => {
    const values = parseOptions(argv, OPTIONS)
    if (values.help) return void io.stdout(USAGE)
    const format = optionalString(values, 'format')
    const sql = optionalString(values, 'sql')
    if (sql !== undefined || optionalString(values, 'recipe') !== undefined) {
      if (format !== undefined) throw new CliError('--format exports a model and --sql a recipe; give one of them; see --help', EXIT_USAGE)
      throw new CliError('--sql is not available in this build yet; see --help', EXIT_USAGE)
    }
    if (format === undefined) throw new CliError('--format (onnx or xgboost) or --sql (duckdb or spark) is required; see --help', EXIT_USAGE)
    const load = MODEL_FORMATS[format]
    if (!load) throw new CliError(`--format ${JSON.stringify(format)} is not known; expected ${['onnx', 'xgboost'].join(' or ')}; see --help`, EXIT_USAGE)
    await (await load()).run(values, io)
  })
}

if (isEntryPoint(import.meta.url)) await runAsScript(exportMain)
