import type { CleaningRecipe, CleaningStep } from '../../../../src/core/clean/types'
import { RECIPE_FORMAT, RECIPE_VERSION } from '../../../../src/core/clean/types'
import type { Column, Table } from '../../../../src/core/types'

type Cell = number | string | null

/**
 * A small table from plain columns: an array of numbers/nulls becomes a number
 * column, anything with text a category column (levels in order of first
 * appearance, exactly as written: no trimming, no missing tokens).
 */
export function makeTable(columns: Record<string, Cell[]>, name = 'test.csv'): Table {
  const entries = Object.entries(columns)
  const rowCount = entries[0]?.[1].length ?? 0
  return {
    name,
    rowCount,
    columns: entries.map(([colName, cells]): Column => {
      if (cells.every((c) => c === null || typeof c === 'number')) {
        return { name: colName, type: 'number', values: Float64Array.from(cells, (c) => (c === null ? NaN : (c as number))) }
      }
      const levels: string[] = []
      const codes = Int32Array.from(cells, (c) => {
        if (c === null) return -1
        const text = String(c)
        let k = levels.indexOf(text)
        if (k < 0) k = levels.push(text) - 1
        return k
      })
      return { name: colName, type: 'category', codes, levels }
    }),
  }
}

/** The cells of a table as plain values by column name (null for missing). */
export function cells(table: Table): Record<string, Cell[]> {
  const out: Record<string, Cell[]> = {}
  for (const c of table.columns) {
    out[c.name] = c.type === 'number' ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)) : Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]))
  }
  return out
}

/** A recipe around `steps`, made for `table`'s columns. */
export function recipeOf(table: Table, steps: CleaningStep[]): CleaningRecipe {
  return { format: RECIPE_FORMAT, version: RECIPE_VERSION, sourceColumns: table.columns.map((c) => c.name), steps }
}

/** A deep copy of a table's arrays, to prove later that the original was not written. */
export function snapshot(table: Table): unknown {
  return table.columns.map((c) => (c.type === 'number' ? { name: c.name, values: Array.from(c.values) } : { name: c.name, codes: Array.from(c.codes), levels: c.levels.slice() }))
}
