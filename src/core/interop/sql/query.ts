import { StudioError } from '../../errors'
import type { SqlDialect } from './dialect'
import type { WorkColumn } from './types'

/**
 * The query under construction: a chain of CTEs, each selecting `__row` (the
 * source row's position, for the final order) and the current columns under
 * their aliases (c0, c1, …) from the CTE before it. A step adds one or more
 * CTEs and updates `columns`, the way a step changes the WorkingTable.
 */
export class QueryBuilder {
  readonly ctes: { name: string; sql: string }[] = []
  columns: WorkColumn[] = []
  private aliases = 0
  private temps = 0

  constructor(readonly d: SqlDialect) {}

  /** The CTE the next step reads from. */
  get last(): string {
    return this.ctes[this.ctes.length - 1].name
  }

  /** A fresh column alias (c0, c1, …). */
  alias(): string {
    return `c${this.aliases++}`
  }

  /** A fresh name for a helper column that lives only between two CTEs. */
  temp(): string {
    return `t${this.temps++}`
  }

  /**
   * Adds `SELECT __row, <items> FROM <last> [WHERE where]` as the CTE `name`
   * (default: s1, s2, …). `items` are SQL select items ("expr AS c3").
   */
  add(items: string[], options: { where?: string; comment?: string; name?: string; from?: string } = {}): void {
    const name = options.name ?? `s${this.ctes.length}`
    const from = options.from ?? this.last
    const select = ['__row', ...items].join(',\n    ')
    const where = options.where ? `\n  WHERE ${options.where}` : ''
    const comment = options.comment ? `  -- ${options.comment.replace(/\s*\n\s*/g, ' ')}\n` : ''
    this.ctes.push({ name, sql: `${comment}  SELECT\n    ${select}\n  FROM ${from}${where}` })
  }

  /** Select items carrying every current column unchanged except those in `replaced` (ref → expression). */
  carry(replaced: ReadonlyMap<string, string> = new Map()): string[] {
    return this.columns.map((c) => (replaced.has(c.ref) ? `${replaced.get(c.ref)} AS ${c.ref}` : c.ref))
  }

  /** The current column called `name`, or the error the studio gives (WorkingTable.require). */
  require(name: string, sourceColumns: readonly string[], stepLabel: string): WorkColumn {
    const column = this.columns.find((c) => c.name === name)
    if (column) return column
    const removed = sourceColumns.includes(name)
    throw new StudioError(
      'sql/missing-column',
      `sql: ${stepLabel}: ${removed ? `column "${name}" was removed by an earlier step` : `column "${name}" does not exist (columns: ${this.columns.map((c) => `"${c.name}"`).slice(0, 12).join(', ')})`}`,
    )
  }

  /** The whole query: WITH … SELECT the columns under their names, in the source rows' order. */
  toSql(header: string[]): string {
    const d = this.d
    const withs = this.ctes.map((c) => `${c.name} AS (\n${c.sql}\n)`).join(',\n')
    const select = this.columns.map((c) => `  ${c.ref} AS ${d.ident(c.name)}`).join(',\n')
    return `${header.map((line) => `-- ${line}`).join('\n')}\nWITH\n${withs}\nSELECT\n${select}\nFROM ${this.last}\nORDER BY __row\n`
  }
}
