/**
 * `npm run export`: one command for everything the studio hands to other
 * engines, dispatching to one module per target:
 *   --recipe <recipe.json> --sql duckdb|spark  → export-sql.ts (the cleaning recipe as SQL)
 *   --model <bundle.json> --format onnx        → export-onnx.ts
 *   --model <bundle.json> --format xgboost     → export-xgboost.ts
 * Each module exports `run(values, io)` over the options parsed here.
 */
import { optionalString, parseOptions, type OptionValues } from './args'
import { SHEET_OPTION } from './read-input'
import { CliError, EXIT_USAGE, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'

const USAGE = `usage: npm run export -- --recipe <recipe.json> --sql duckdb|spark [--data <file> [--sheet <name>]] [--table <name>] [--out query.sql]
       npm run export -- --model <bundle.json> --format onnx|xgboost --out <file> [--after-cleaning]
--recipe --sql writes the cleaning recipe (as the Clean page exports it) as one SQL query for DuckDB or Spark SQL that
  turns the raw file, every column read as text, into the studio's cleaned table (same columns, rows, order and values).
  SQL needs each column's type fixed: the recipe records which columns the studio read as numbers (and which with a
  decimal comma) when saved from the Clean page. --data (the file the recipe was made for, or a sample of the data to
  clean) is needed only for a recipe saved before that; when given, the file's types are used, and any column the
  recipe types differently is named on stderr. --table names the table the query reads (default "input"). To stdout
  without --out. A step with no faithful SQL form is refused by name.
--model --format writes a model bundle as ONNX (onnx) or as XGBoost's JSON model format (xgboost) to --out.
  The ONNX graph takes the raw columns and runs the bundle's row-level cleaning itself where ONNX can do exactly what
  the studio does (value maps, numbers converted to categories or yes/no, rules that set values missing); a cleaning
  step it cannot (reading numbers or yes/no from text, splits, trimming, case changes, rules that remove rows) is
  refused by name. --after-cleaning exports the
  graph that starts after the cleaning instead: its inputs must then be cleaned first (e.g. with the recipe's SQL).
Exit 0 when written, 1 when the export is refused or a file cannot be read, 2 for bad options (and for a recipe that
  does not record its column types, given without --data).
`

const OPTIONS = {
  recipe: { type: 'string' },
  sql: { type: 'string' },
  data: { type: 'string' },
  ...SHEET_OPTION,
  table: { type: 'string' },
  model: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'after-cleaning': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

/** What each export module exports. */
export interface ExportModule {
  run(values: OptionValues, io: CliIO): Promise<void>
}

/**
 * Model formats and their modules, loaded when used. A format whose module is
 * not in this build is null: it answers with a usage error saying so.
 */
const MODEL_FORMATS: Record<string, (() => Promise<ExportModule>) | null> = {
  onnx: () => import('./export-onnx'),
  xgboost: () => import('./export-xgboost'),
}

/** Runs the export command with `argv` (arguments after the script); resolves to the exit code. */
export function exportMain(argv: string[], io: CliIO = processIO): Promise<number> {
  return runCli('export', io, async () => {
    const values = parseOptions(argv, OPTIONS)
    if (values.help) return void io.stdout(USAGE)
    const recipe = optionalString(values, 'recipe')
    const model = optionalString(values, 'model')
    if ((recipe === undefined) === (model === undefined)) {
      throw new CliError('give either --recipe (with --sql) or --model (with --format); see --help', EXIT_USAGE)
    }
    if (recipe !== undefined) {
      if (values.format !== undefined) throw new CliError('--format applies to --model; a recipe exports with --sql duckdb|spark; see --help', EXIT_USAGE)
      const { run } = await import('./export-sql')
      return run(values, io)
    }
    if (values.sql !== undefined) throw new CliError('--sql applies to --recipe; a model exports with --format onnx|xgboost; see --help', EXIT_USAGE)
    if (values['after-cleaning'] !== undefined && optionalString(values, 'format') !== 'onnx') throw new CliError('--after-cleaning applies to --format onnx; see --help', EXIT_USAGE)
    const format = optionalString(values, 'format')
    if (format === undefined) throw new CliError('--format is required with --model (onnx or xgboost); see --help', EXIT_USAGE)
    if (!(format in MODEL_FORMATS)) throw new CliError(`--format ${JSON.stringify(format)} is unknown; expected one of ${Object.keys(MODEL_FORMATS).join(', ')}`, EXIT_USAGE)
    const load = MODEL_FORMATS[format]
    if (!load) throw new CliError(`--format ${format} is not available in this build; see --help`, EXIT_USAGE)
    return (await load()).run(values, io)
  })
}

if (isEntryPoint(import.meta.url)) await runAsScript(exportMain)
