/**
 * Column descriptions ("unit: kg") in a Parquet file's key-value metadata,
 * so a cleaned table exported as Parquet and read back keeps them. Parquet
 * has no per-column text field that every reader shows, so one file-level
 * entry maps column names to descriptions as JSON. (CSV has no place for
 * them: its export carries the values only.)
 */
import type { Table } from '../types'

export const DESCRIPTIONS_KEY = 'clinical-ml-studio:column-descriptions'

/** The key-value entry holding `table`'s descriptions, or none when no column has one. */
export function descriptionMetadata(table: Table): { key: string; value: string }[] {
  const described = table.columns.filter((c) => c.description)
  if (described.length === 0) return []
  return [{ key: DESCRIPTIONS_KEY, value: JSON.stringify(Object.fromEntries(described.map((c) => [c.name, c.description]))) }]
}

/**
 * `table` with the descriptions of a file's key-value metadata put on its
 * columns (by name). An entry that is not a JSON object of texts is ignored:
 * a description is a comment, not worth refusing a file over.
 */
export function withDescriptions(table: Table, metadata: readonly { key: string; value?: string }[] | undefined): Table {
  const raw = metadata?.find((kv) => kv.key === DESCRIPTIONS_KEY)?.value
  if (!raw) return table
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return table
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return table
  const byName = new Map(Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''))
  if (byName.size === 0) return table
  return { ...table, columns: table.columns.map((c) => (byName.has(c.name) ? { ...c, description: byName.get(c.name) } : c)) }
}
