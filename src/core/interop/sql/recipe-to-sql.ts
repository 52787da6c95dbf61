import { StudioError } from '../../errors'
import { parseRecipe } from '../../clean/parse-recipe'
import { stepLabel } from '../../clean/recipe-error'
import type { CleaningRecipe, CleaningStep } from '../../clean/types'
import { schemaDifferences } from '../../clean/source-schema'
import type { SqlDialect } from './dialect'
import { duckdb } from './duckdb'
import { QueryBuilder } from './query'
import { checkNameCases, readSource } from './source'
import { spark } from './spark'
import { dedupe, dropColumns, dropMissingTarget, dropSparseColumns, dropSparseRows, validate, type StepContext } from './steps-rows'
import { convert, split, standardizeText } from './steps-values'
import type { RecipeSqlOptions, SourceColumn, SqlDialectName } from './types'

export const DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = { duckdb, spark }

/** The default name of the table the query reads. */
export const DEFAULT_SOURCE_TABLE = 'input'

/**
 * The recipe as one SQL query (CTEs step by step) in `options.dialect`,
 * reading the raw file from `options.table` (every column as text, as a CSV
 * holds it; typed columns are cast to text first) and giving exactly the
 * table applyRecipe gives: the same columns in the same order, the same rows
 * in the same order, the same values, missing as NULL.
 *
 * `schema` says how the studio's reader typed each column of the file the
 * recipe was made for (sourceSchema): SQL needs a fixed type per column.
 * Without it (undefined) the recipe's own `sourceSchema` is used, which the
 * Clean page writes; a recipe with neither is refused ('sql/no-source-schema',
 * see querySchema). A step with no faithful SQL form
 * (drop-sparse-columns: its columns depend on the data) is refused with a
 * StudioError 'sql/…' naming it; so is anything the studio itself would refuse
 * on this schema (a missing column, a range rule on text).
 */
export function recipeToSql(recipe: CleaningRecipe | unknown, schema: readonly SourceColumn[] | undefined, options: RecipeSqlOptions): string {
  const checked = parseRecipe(recipe)
  schema ??= querySchema(checked).schema
  const d = DIALECTS[options.dialect]
  if (!d) throw new StudioError('sql/dialect', `sql: unknown dialect ${JSON.stringify(options.dialect)}; choose duckdb or spark`)
  const table = sourceTable(options.table ?? DEFAULT_SOURCE_TABLE)
  const names = schema.map((c) => c.name)
  const absent = checked.sourceColumns.filter((name) => !names.includes(name))
  if (absent.length > 0) {
    throw new StudioError('sql/missing-column', `sql: the recipe needs column${absent.length === 1 ? '' : 's'} ${absent.map((n) => `"${n}"`).join(', ')}, which the data does not have`)
  }
  checkNameCases(names, 'the data')
  const q = new QueryBuilder(d)
  readSource(q, schema, table)
  checked.steps.forEach((step, index) => {
    translateStep({ q, sourceColumns: names, label: stepLabel(index, step.kind) }, step)
  })
  checkNameCases(q.columns.map((c) => c.name), 'the cleaned table')
  return q.toSql(header(checked, schema, d, table))
}

/** The schema a query is built on, and how the data's differs from the recipe's (one line per column). */
export interface QuerySchema {
  schema: SourceColumn[]
  differences: string[]
}

/**
 * Which source schema the query reads with: the data file's when one is given
 * (`fromData`, made by sourceSchema from the file as the studio reads it),
 * else the one the recipe carries. A recipe with neither is refused with
 * 'sql/no-source-schema', saying to re-save it from the Clean page or give
 * the data.
 *
 * When both are there and disagree (a column was numbers and is now text, or
 * its decimal comma changed), the data wins and `differences` names each
 * column: the query's promise is to clean a file exactly as the studio would
 * clean that very file, and the studio types every file by its own cells, not
 * by the file the recipe was first made on. Using the recipe's schema instead
 * would give a query that reads "3.5" as 35 in a column that no longer has a
 * decimal comma, or stops on the first text cell. The caller shows the
 * differences, so nothing changes silently.
 */
export function querySchema(recipe: CleaningRecipe, fromData?: readonly SourceColumn[]): QuerySchema {
  if (fromData) return { schema: [...fromData], differences: recipe.sourceSchema ? schemaDifferences(recipe.sourceSchema, fromData) : [] }
  if (recipe.sourceSchema) return { schema: recipe.sourceSchema, differences: [] }
  throw new StudioError(
    'sql/no-source-schema',
    'sql: the recipe does not say which columns hold numbers (it was saved before recipes recorded their column types), and SQL must fix each column\'s type; re-save the recipe from the Clean page (Export recipe), or give the data file it was made for',
  )
}

function translateStep(ctx: StepContext, step: CleaningStep): void {
  switch (step.kind) {
    case 'drop-columns':
      return dropColumns(ctx, step)
    case 'drop-missing-target':
      return dropMissingTarget(ctx, step)
    case 'drop-sparse-rows':
      return dropSparseRows(ctx, step)
    case 'drop-sparse-columns':
      return dropSparseColumns(ctx)
    case 'validate':
      return validate(ctx, step)
    case 'convert':
      return convert(ctx, step)
    case 'split':
      return split(ctx, step)
    case 'standardize-text':
      return standardizeText(ctx, step)
    case 'dedupe':
      return dedupe(ctx, step)
  }
}

/** A table name as given ("input", "raw.patients"): letters, digits and _ in dot-separated parts, so it goes into the query as it is. */
function sourceTable(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(name)) {
    throw new StudioError('sql/table-name', `sql: the table name ${JSON.stringify(name)} is not a plain name; use letters, digits and _ (parts may be joined by ".", e.g. raw.patients)`)
  }
  if (/^(source|source_text|s\d+)$/i.test(name)) {
    throw new StudioError('sql/table-name', `sql: the table name ${JSON.stringify(name)} is a name the query gives one of its own steps; choose another name (e.g. raw_${name})`)
  }
  return name
}

function header(recipe: CleaningRecipe, schema: readonly SourceColumn[], d: SqlDialect, table: string): string[] {
  const numbers = schema.filter((c) => c.type === 'number').map((c) => `${c.name}${c.decimalComma ? ' (decimal comma)' : ''}`)
  return [
    `Cleaning recipe exported by Clinical ML Studio as ${d.label}: ${recipe.steps.length} step${recipe.steps.length === 1 ? '' : 's'} (${recipe.steps.map((s) => s.kind).join(', ') || 'none'}).`,
    `Reads the table "${table}" holding the raw file with every column as text (e.g. read_csv(..., all_varchar = true) in DuckDB,`,
    `spark.read.option("header", True).csv(...) in Spark) and returns the studio's cleaned table, rows in file order.`,
    `Columns read as numbers: ${numbers.length > 0 ? numbers.join(', ') : 'none'}; the query stops with an error if one of them holds text.`,
  ]
}
