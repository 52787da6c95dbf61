import type { Table } from '../../src/core/types'

/** A table as plain JSON (null for missing) so golden files are readable and diffable. */
export function tableToPlain(table: Table): { rowCount: number; columns: { name: string; type: string; cells: (number | string | null)[] }[] } {
  return {
    rowCount: table.rowCount,
    columns: table.columns.map((c) => ({
      name: c.name,
      type: c.type,
      cells: c.type === 'number' ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)) : Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k])),
    })),
  }
}
