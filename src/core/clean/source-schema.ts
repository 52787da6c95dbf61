import type { ReaderFinding } from '../table/read/reader-findings'

/**
 * How the studio's reader typed one column of the file a recipe was made for:
 * 'number' (read with a decimal comma when `decimalComma`, as the reader does
 * in a semicolon-separated file) or 'category' (text). A recipe's steps do
 * not say it — a column of numbers is typed by its data — but a SQL engine
 * needs each column's type fixed before the data is seen, so the Clean page
 * writes it into the recipe (`CleaningRecipe.sourceSchema`) and the SQL
 * export (core/interop/sql) reads it from there, or from a data file.
 */
export interface SourceColumn {
  name: string
  type: 'number' | 'category'
  decimalComma?: boolean
}

/**
 * The source schema of a table as the studio read it: each column's storage
 * and, for number columns, whether the reader read them with a decimal comma
 * (`decimalCommaColumns`, from the reader's findings: see decimalCommaColumns).
 * One function for the Clean page, the CLI and the recipe builders, so a
 * recipe's schema and one taken from a data file are made the same way.
 */
export function sourceSchema(columns: readonly { name: string; type: 'number' | 'category' }[], decimalCommaColumns: readonly string[] = []): SourceColumn[] {
  const comma = new Set(decimalCommaColumns)
  return columns.map((c) =>
    c.type === 'number' ? { name: c.name, type: 'number', ...(comma.has(c.name) ? { decimalComma: true } : {}) } : { name: c.name, type: 'category' },
  )
}

/** The columns a reader read with a decimal comma, from its findings (kind 'decimal-comma'). */
export function decimalCommaColumns(findings: readonly ReaderFinding[] | undefined): string[] {
  return (findings ?? []).filter((f) => f.kind === 'decimal-comma').flatMap((f) => f.columns ?? [])
}

/** How two schemas of the same file differ, one line per column ([] when they agree on every column of `expected`). */
export function schemaDifferences(expected: readonly SourceColumn[], actual: readonly SourceColumn[]): string[] {
  const byName = new Map(actual.map((c) => [c.name, c]))
  const out: string[] = []
  for (const want of expected) {
    const got = byName.get(want.name)
    if (!got) out.push(`"${want.name}": not in the data`)
    else if (describeType(want) !== describeType(got)) out.push(`"${want.name}": ${describeType(want)} in the recipe, ${describeType(got)} in the data`)
  }
  return out
}

function describeType(c: SourceColumn): string {
  return c.type === 'category' ? 'text' : c.decimalComma ? 'numbers with a decimal comma' : 'numbers'
}
