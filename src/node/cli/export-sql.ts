/**
 * `npm run export -- --recipe <recipe.json> --sql duckdb|spark --data <file>`:
 * the cleaning recipe as one SQL query (core/interop/sql). The data file is
 * read with the page's reader only to learn the columns' types.
 */
import { writeFile } from 'node:fs/promises'
import { DEFAULT_SOURCE_TABLE, recipeToSql, sourceSchema, SQL_DIALECTS, type SqlDialectName } from '../../core/interop/sql'
import { optionalString, requiredString, type OptionValues } from './args'
import { fileProblem, readJsonFile, readOptions, readTableFile } from './read-input'
import { CliError, EXIT_USAGE, type CliIO } from './run-cli'

/** Writes the query for the options `values` (see export.ts's usage). */
export async function run(values: OptionValues, io: CliIO): Promise<void> {
  const dialect = requiredString(values, 'sql')
  if (!SQL_DIALECTS.includes(dialect as SqlDialectName)) {
    throw new CliError(`--sql ${JSON.stringify(dialect)} is unknown; expected ${SQL_DIALECTS.join(' or ')}`, EXIT_USAGE)
  }
  if (optionalString(values, 'data') === undefined) {
    throw new CliError('--data is required with --recipe: the file the recipe was made for (or a sample of the data), which tells which columns hold numbers; see --help', EXIT_USAGE)
  }
  const recipe = await readJsonFile(requiredString(values, 'recipe'), 'recipe')
  const loaded = await readTableFile(requiredString(values, 'data'), readOptions(values))
  const decimalComma = (loaded.findings ?? []).filter((f) => f.kind === 'decimal-comma').flatMap((f) => f.columns ?? [])
  const table = optionalString(values, 'table') ?? DEFAULT_SOURCE_TABLE
  const sql = recipeToSql(recipe, sourceSchema(loaded.table.columns, decimalComma), { dialect: dialect as SqlDialectName, table })
  const out = optionalString(values, 'out')
  if (out === undefined) return void io.stdout(sql)
  try {
    await writeFile(out, sql)
  } catch (error) {
    throw new CliError(`cannot write the query to "${out}": ${fileProblem(error)}`)
  }
  io.stderr(`export: wrote ${out}: the recipe as ${dialect === 'duckdb' ? 'DuckDB' : 'Spark SQL'}, reading the table "${table}"\n`)
}
