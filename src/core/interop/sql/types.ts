/**
 * Types of the recipe-to-SQL export: the cleaning recipe (src/core/clean) as
 * one SQL query, in DuckDB's dialect or Spark SQL's, that turns the raw file
 * (every column text, as a CSV holds it) into exactly the studio's cleaned
 * table: same columns in the same order, same rows in the same order, same
 * values, missing as NULL.
 */

/** The SQL dialects a recipe exports to. */
export type SqlDialectName = 'duckdb' | 'spark'

export const SQL_DIALECTS: readonly SqlDialectName[] = ['duckdb', 'spark']

/**
 * How the studio's reader typed one column of the file the recipe was made
 * for ('number' columns become DOUBLE, read with a decimal comma when
 * `decimalComma`; 'category' columns stay text). Defined with the recipe
 * (src/core/clean/source-schema.ts), which carries it since the Clean page
 * writes it; a data file given to the export gives it too.
 */
export type { SourceColumn } from '../../clean/source-schema'

export interface RecipeSqlOptions {
  dialect: SqlDialectName
  /** The table (or view) holding the raw file, every column as text; default "input". */
  table?: string
}

/** A column while the query is built: its name in the studio and its alias inside the query's CTEs. */
export interface WorkColumn {
  name: string
  /** c0, c1, …: the column's name inside the query, so any header text works and no name clashes with ours. */
  ref: string
  type: 'number' | 'text'
}
