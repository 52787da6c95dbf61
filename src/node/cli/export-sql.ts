/**
 * `npm run export -- --recipe <recipe.json> --sql duckdb|spark [--data <file>]`:
 * the cleaning recipe as one SQL query (core/interop/sql). The column types
 * SQL needs come from the recipe (the Clean page records them), or from
 * `--data`, read with the page's reader, when it is given; core's
 * querySchema decides between them and says why.
 */
import { writeFile } from 'node:fs/promises'
import { parseRecipe } from '../../core/clean/parse-recipe'
import { decimalCommaColumns, DEFAULT_SOURCE_TABLE, querySchema, recipeToSql, sourceSchema, SQL_DIALECTS, type SourceColumn, type SqlDialectName } from '../../core/interop/sql'
import { optionalString, requiredString, type OptionValues } from './args'
import { fileProblem, readJsonFile, readOptions, readTableFile } from './read-input'
import { CliError, EXIT_USAGE, type CliIO } from './run-cli'

/** Writes the query for the options `values` (see export.ts's usage). */
export async function run(values: OptionValues, io: CliIO): Promise<void> {
  const dialect = requiredString(values, 'sql')
  if (!SQL_DIALECTS.includes(dialect as SqlDialectName)) {
    throw new CliError(`--sql ${JSON.stringify(dialect)} is unknown; expected ${SQL_DIALECTS.join(' or ')}`, EXIT_USAGE)
  }
  const recipePath = requiredString(values, 'recipe')
  const recipe = parseRecipe(await readJsonFile(recipePath, 'recipe'))
  const dataPath = optionalString(values, 'data')
  if (dataPath === undefined && !recipe.sourceSchema) {
    throw new CliError(
      `the recipe "${recipePath}" does not record which columns hold numbers (it was saved before recipes did), and SQL must fix each column's type: re-save the recipe from the Clean page (Export recipe), or give --data <file> (the file the recipe was made for, or a sample of the data to clean); see --help`,
      EXIT_USAGE,
    )
  }
  let fromData: SourceColumn[] | undefined
  if (dataPath !== undefined) {
    const loaded = await readTableFile(dataPath, readOptions(values))
    fromData = sourceSchema(loaded.table.columns, decimalCommaColumns(loaded.findings))
  }
  const { schema, differences } = querySchema(recipe, fromData)
  for (const line of differences) io.stderr(`export: warning: ${line}; the query reads the column as --data has it\n`)
  const table = optionalString(values, 'table') ?? DEFAULT_SOURCE_TABLE
  const sql = recipeToSql(recipe, schema, { dialect: dialect as SqlDialectName, table })
  const out = optionalString(values, 'out')
  if (out === undefined) return void io.stdout(sql)
  try {
    await writeFile(out, sql)
  } catch (error) {
    throw new CliError(`cannot write the query to "${out}": ${fileProblem(error)}`)
  }
  io.stderr(`export: wrote ${out}: the recipe as ${dialect === 'duckdb' ? 'DuckDB' : 'Spark SQL'}, reading the table "${table}"\n`)
}
