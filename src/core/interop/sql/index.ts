/** The cleaning recipe as SQL for DuckDB and Spark SQL (README.md in this folder). */
export { DEFAULT_SOURCE_TABLE, DIALECTS, querySchema, recipeToSql, type QuerySchema } from './recipe-to-sql'
export { decimalCommaColumns, schemaDifferences, sourceSchema } from './schema'
export { SQL_DIALECTS, type RecipeSqlOptions, type SourceColumn, type SqlDialectName } from './types'
