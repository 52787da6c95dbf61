import { StudioError } from '../../errors'
import { MISSING_TOKENS } from '../../table/missing'
import { COMMA_NUMBER_PATTERN, commaAsPoint, jsTrim, PLAIN_NUMBER_PATTERN } from './expressions'
import type { QueryBuilder } from './query'
import type { SourceColumn } from './types'

/**
 * The reader as SQL: the first two CTEs turn the source table's text columns
 * into the table the studio's CSV reader builds (src/core/table/column-builder.ts).
 * Every cell is trimmed (String.prototype.trim); blank cells and missing
 * tokens (NA, null, …) become NULL; rows whose cells are all blank are
 * skipped (papaparse's skipEmptyLines 'greedy'); columns read as numbers
 * become DOUBLE, plainly or with a decimal comma. A cell in a number column
 * that is not a number stops the query with an error naming it: the studio
 * would have read that file's column as text, so the query no longer fits it.
 */
export function readSource(q: QueryBuilder, schema: readonly SourceColumn[], table: string): void {
  const d = q.d
  const refs = schema.map((column) => {
    const ref = q.alias()
    q.columns.push({ name: column.name, ref, type: column.type === 'number' ? 'number' : 'text' })
    return ref
  })
  const raw = refs.map((ref) => `x${ref.slice(1)}`)
  const texts = schema.map((column, k) => `${jsTrim(d, d.asText(d.ident(column.name)))} AS ${raw[k]}`)
  q.ctes.push({
    name: 'source_text',
    sql: `  -- every cell as trimmed text, with the row's position in the file\n  SELECT\n    ${[`${d.sourceRowNumber} AS __row`, ...texts].join(',\n    ')}\n  FROM ${table}`,
  })
  const tokens = [...MISSING_TOKENS].map((t) => d.text(t)).join(', ')
  const typed = schema.map((column, k) => {
    const t = raw[k]
    const missing = `${t} IS NULL OR ${d.lowerForAscii(t)} IN (${tokens})`
    if (column.type === 'category') return `CASE WHEN ${missing} THEN NULL ELSE ${t} END AS ${refs[k]}`
    const stop = d.fail(
      `${d.text(`sql: column "${column.name}" held only numbers${column.decimalComma ? ' written with a decimal comma' : ''} in the file this query was made for, but here it holds "`)} || ${t} || ${d.text('", so the studio would read it as text; export the query again from this file')}`,
    )
    const read = column.decimalComma
      ? `WHEN ${d.fullMatch(t, COMMA_NUMBER_PATTERN)} THEN COALESCE(${d.toFiniteDouble(commaAsPoint(d, t))}, ${stop})`
      : `WHEN ${d.fullMatch(t, PLAIN_NUMBER_PATTERN)} THEN ${d.toDoubleOrInfinity(t)}`
    return `CASE WHEN ${missing} THEN NULL ${read} ELSE ${stop} END AS ${refs[k]}`
  })
  const anyCell = raw.map((t) => `COALESCE(${t}, '') <> ''`).join(' OR ')
  q.add(typed, { name: 'source', from: 'source_text', where: anyCell, comment: 'the columns as the studio reads them: missing tokens as NULL, number columns as DOUBLE' })
}

/** Refuses names the engines cannot tell apart: both resolve column names ignoring case. */
export function checkNameCases(names: readonly string[], where: string): void {
  const seen = new Map<string, string>()
  for (const name of names) {
    const key = name.toLowerCase()
    const other = seen.get(key)
    if (other !== undefined && other !== name) {
      throw new StudioError(
        'sql/column-case-clash',
        `sql: ${where} has columns "${other}" and "${name}", which differ only in case; DuckDB and Spark SQL match column names ignoring case, so the query could not tell them apart. Rename one of them`,
      )
    }
    seen.set(key, name)
  }
}
