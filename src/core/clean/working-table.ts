import type { CategoryColumn, Column, NumericColumn, Table } from '../types'
import { listNames, StepProblem } from './recipe-error'
import { BOOLEAN_LEVELS } from './values'

/**
 * The table while a recipe runs. Columns keep the ORIGINAL row positions and
 * share the input's arrays until a step changes a cell; then that column is
 * copied once (copy-on-write), so the input Table is never mutated. Removed
 * rows are not copied away: `rows` lists the original positions still kept,
 * ascending, and only `materialize` builds compact arrays at the end. Dropping
 * rows is therefore O(kept rows) per step instead of O(rows × columns).
 */
export class WorkingTable {
  /** Current columns, in order; arrays indexed by original row position. */
  columns: Column[]
  /** Original 0-based positions of the kept rows, ascending. */
  rows: Int32Array
  /** Columns produced by a boolean conversion: they keep both levels no/yes even if one goes unused. */
  readonly booleans = new Set<string>()
  private readonly owned = new WeakSet<object>()

  constructor(readonly source: Table) {
    this.columns = source.columns.slice()
    this.rows = new Int32Array(source.rowCount)
    for (let i = 0; i < source.rowCount; i++) this.rows[i] = i
  }

  get rowCount(): number {
    return this.rows.length
  }

  /** The current column called `name`, or undefined. */
  find(name: string): Column | undefined {
    return this.columns.find((c) => c.name === name)
  }

  /** The current column called `name`, or a StepProblem naming it and the columns that exist. */
  require(name: string): Column {
    const column = this.find(name)
    if (column) return column
    const removed = this.source.columns.some((c) => c.name === name)
    throw new StepProblem(
      'recipe-missing-column',
      removed
        ? `column "${name}" was removed by an earlier step`
        : `column "${name}" does not exist (columns: ${listNames(this.columns.map((c) => c.name), 12)})`,
    )
  }

  /**
   * Replaces the column of the same name with `column` (whose arrays this
   * table now owns). New values mean it is no longer a boolean column unless
   * the caller (the boolean conversion) marks it again. The column keeps its
   * description unless `column` brings its own.
   */
  replace(column: Column, keepBoolean = false): void {
    const at = this.columns.findIndex((c) => c.name === column.name)
    if (at < 0) throw new Error(`no column "${column.name}"`)
    const description = this.columns[at].description
    this.columns[at] = column.description === undefined && description !== undefined ? { ...column, description } : column
    this.owned.add(column.type === 'number' ? column.values : column.codes)
    if (!keepBoolean) this.booleans.delete(column.name)
  }

  /** Puts `columns` (whose arrays this table now owns) in place of the column called `name`. */
  replaceWith(name: string, columns: Column[]): void {
    const at = this.columns.findIndex((c) => c.name === name)
    if (at < 0) throw new Error(`no column "${name}"`)
    this.columns.splice(at, 1, ...columns)
    for (const column of columns) this.owned.add(column.type === 'number' ? column.values : column.codes)
    this.booleans.delete(name)
  }

  /** The column with arrays safe to write into (copied on first write). */
  writable(name: string): Column {
    const column = this.find(name)
    if (!column) throw new Error(`no column "${name}"`)
    const data = column.type === 'number' ? column.values : column.codes
    if (this.owned.has(data)) return column
    const copy: Column =
      column.type === 'number'
        ? { ...column, values: column.values.slice() }
        : { ...column, codes: column.codes.slice(), levels: column.levels.slice() }
    this.replace(copy, true)
    return copy
  }

  /** Removes the named columns. */
  dropColumns(names: ReadonlySet<string>): void {
    this.columns = this.columns.filter((c) => !names.has(c.name))
    for (const name of names) this.booleans.delete(name)
  }

  /** Keeps the rows at kept-positions i where `drop[i]` is 0. */
  dropRows(drop: Uint8Array): void {
    let kept = 0
    for (let i = 0; i < drop.length; i++) if (!drop[i]) kept++
    if (kept === this.rows.length) return
    const rows = new Int32Array(kept)
    let k = 0
    for (let i = 0; i < drop.length; i++) if (!drop[i]) rows[k++] = this.rows[i]
    this.rows = rows
  }

  /**
   * The result: compact arrays of the kept rows, fresh buffers (nothing shared
   * with the input), and category levels that no kept row uses removed
   * (keeping their order), except the fixed no/yes of boolean columns.
   */
  materialize(): { table: Table; sourceRows: Int32Array } {
    const rows = this.rows
    const n = rows.length
    const columns = this.columns.map((column): Column => {
      if (column.type === 'number') {
        const values = new Float64Array(n)
        const src = column.values
        for (let i = 0; i < n; i++) values[i] = src[rows[i]]
        return { name: column.name, type: 'number', values, ...described(column) } satisfies NumericColumn
      }
      return compactCategory(column, rows, this.booleans.has(column.name))
    })
    const sourceRows = new Int32Array(n)
    for (let i = 0; i < n; i++) sourceRows[i] = rows[i] + 1
    return { table: { name: this.source.name, rowCount: n, columns }, sourceRows }
  }
}

function compactCategory(column: CategoryColumn, rows: Int32Array, isBoolean: boolean): CategoryColumn {
  const n = rows.length
  const src = column.codes
  const used = new Uint8Array(column.levels.length)
  for (let i = 0; i < n; i++) {
    const code = src[rows[i]]
    if (code >= 0) used[code] = 1
  }
  const remap = new Int32Array(column.levels.length).fill(-1)
  const levels: string[] = []
  if (isBoolean) {
    // Levels are exactly BOOLEAN_LEVELS in that order; codes already match.
    column.levels.forEach((_, code) => (remap[code] = code))
    levels.push(...BOOLEAN_LEVELS)
  } else {
    column.levels.forEach((level, code) => {
      if (used[code]) {
        remap[code] = levels.length
        levels.push(level)
      }
    })
  }
  const codes = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const code = src[rows[i]]
    codes[i] = code < 0 ? -1 : remap[code]
  }
  return { name: column.name, type: 'category', codes, levels, ...described(column) }
}

/** `{ description }` when the column has one, else nothing: a result carries no `description: undefined`. */
function described(column: Column): { description?: string } {
  return column.description === undefined ? {} : { description: column.description }
}
