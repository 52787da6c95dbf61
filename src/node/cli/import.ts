/**
 * `npm run import -- --xgboost model.json --data <file> [--target <column>] --out bundle.json`:
 * an XGBoost JSON model trained anywhere (Python, Spark, Dask) plus a table
 * whose columns are its features becomes a studio bundle (core's
 * importXGBoost): evaluated on the table when it holds the target, ready to
 * predict, serve, explain and monitor. Prints a JSON summary on stdout.
 */
import { writeFile } from 'node:fs/promises'
import { importXGBoost, parseXGBoostText } from '../../core/interop/xgboost'
import { optionalString, parseOptions, requiredString } from './args'
import { describeSource, fileProblem, readBytes, readOptions, readTableFile, SHEET_OPTION } from './read-input'
import { CliError, isEntryPoint, processIO, runAsScript, runCli, type CliIO } from './run-cli'

const USAGE = `usage: npm run import -- --xgboost <model.json> --data <file.csv|file.parquet|file.xlsx> [--target <column>] [--sheet <name>] --out <bundle.json>
Reads an XGBoost model saved with Booster.save_model("model.json") (gbtree booster; objectives binary:logistic,
binary:logitraw, multi:softprob, multi:softmax, reg:squarederror, reg:pseudohubererror, reg:absoluteerror) and a
table holding its features (by the model's feature names, or f0, f1, … by column position), and writes a studio
model bundle. With --target the bundle carries metrics on the table's rows (classes numbered 0…K-1, or text
labels in sorted order as scikit-learn's LabelEncoder numbers them).
`

const OPTIONS = {
  xgboost: { type: 'string' },
  data: { type: 'string' },
  target: { type: 'string' },
  ...SHEET_OPTION,
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Runs the import command with `argv`; resolves to the exit code. */
export function importMain(argv: string[], io: CliIO = processIO): Promise<number> {
  return runCli('import', io, async () => {
    const values = parseOptions(argv, OPTIONS)
    if (values.help) return void io.stdout(USAGE)
    const modelPath = requiredString(values, 'xgboost')
    const dataPath = requiredString(values, 'data')
    const out = requiredString(values, 'out')
    const target = optionalString(values, 'target')
    const modelJson = parseXGBoostText(new TextDecoder().decode(await readBytes(modelPath, 'XGBoost model')), modelPath)
    const loaded = await readTableFile(dataPath, readOptions(values))
    io.stderr(`import: read ${describeSource(loaded)}: ${loaded.table.rowCount} rows × ${loaded.table.columns.length} columns\n`)
    const result = importXGBoost(modelJson, loaded.table, { target })
    try {
      await writeFile(out, JSON.stringify(result.bundle))
    } catch (error) {
      throw new CliError(`cannot write the bundle to "${out}": ${fileProblem(error)}`)
    }
    const { info, bundle } = result
    io.stderr(`import: XGBoost ${info.xgboostVersion} model (${info.objective}, ${info.trees} trees, ${info.featureCount} features) → ${bundle.task} bundle; wrote ${out}\n`)
    const summary = {
      xgboost: info.xgboostVersion,
      objective: info.objective,
      task: bundle.task,
      trees: info.trees,
      features: result.features,
      target: target ?? null,
      rowsScored: result.scoredRows,
      metrics: bundle.metrics.heldOut,
      out,
    }
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`)
  })
}

if (isEntryPoint(import.meta.url)) await runAsScript(importMain)
