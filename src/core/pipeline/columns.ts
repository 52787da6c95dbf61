import type { CategoryColumn, Column, NumericColumn, Table } from '../types'

/** The numeric column `name` of `table`, or an error naming the step, column and table. */
export function numberColumn(table: Table, name: string, step: string): NumericColumn {
  const column = table.columns.find((c) => c.name === name)
  if (!column || column.type !== 'number') throw new Error(`${step}: "${name}" is not a numeric column of "${table.name}"`)
  return column
}

/** The category column `name` of `table`, or an error naming the step, column and table. */
export function categoryColumn(table: Table, name: string, step: string): CategoryColumn {
  const column = table.columns.find((c) => c.name === name)
  if (!column || column.type !== 'category') throw new Error(`${step}: "${name}" is not a category column of "${table.name}"`)
  return column
}

/** Rows per level code of a category column (missing cells, code -1, are not counted). */
export function levelCounts(column: CategoryColumn): Int32Array {
  const counts = new Int32Array(column.levels.length)
  const codes = column.codes
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++
  return counts
}

/**
 * Rebuilds a table column by column: `replace` returns the columns that take a
 * column's place (itself, a rewritten copy, or several), so expansions such as
 * one-hot stay at their source column's position and the feature order is stable.
 */
export function mapColumns(table: Table, replace: (column: Column) => Column | Column[]): Table {
  const columns: Column[] = []
  for (const column of table.columns) {
    const result = replace(column)
    if (Array.isArray(result)) columns.push(...result)
    else columns.push(result)
  }
  return { name: table.name, rowCount: table.rowCount, columns }
}
