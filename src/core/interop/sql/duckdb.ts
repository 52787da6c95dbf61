import type { SqlDialect } from './dialect'
import { invisible, regexChar } from './dialect'
import { DUCKDB_LOWER_DIFFERS, DUCKDB_UPPER_DIFFERS } from './duckdb-case'

/*
 * DuckDB's dialect (1.5). What differs from Spark SQL, and why:
 * - trimming a set of characters is an anchored regexp_replace (trim(s, chars)
 *   is ten times slower once the set holds non-ASCII characters);
 * - literals are standard SQL ('' for a quote, a backslash is a backslash);
 *   invisible characters are written chr(n) so the query reads plainly;
 * - regexp_full_match / regexp_replace(…, 'g') run RE2;
 * - TRY_CAST(text AS DOUBLE) is NULL when the number overflows, where
 *   JavaScript's Number() gives ±Infinity;
 * - lower()/upper() map one character to one (utf8proc): the characters in
 *   duckdb-case.ts are first replaced by JavaScript's result ("ß" → "SS"),
 *   and a capital sigma (Σ), whose lower case depends on the letters around
 *   it, is refused at run time rather than guessed;
 * - the file's row order is row_number() OVER (), which keeps insertion
 *   order (DuckDB's preserve_insertion_order, on by default).
 */

function text(value: string): string {
  if (value === '') return "''"
  const parts: string[] = []
  let run = ''
  for (const ch of value) {
    if (invisible(ch)) {
      if (run) parts.push(`'${run.replace(/'/g, "''")}'`)
      run = ''
      parts.push(`chr(${ch.codePointAt(0)})`)
    } else run += ch
  }
  if (run) parts.push(`'${run.replace(/'/g, "''")}'`)
  return parts.length === 1 ? parts[0] : `(${parts.join(' || ')})`
}

/** Replaces each listed character by what `map` makes of it, then applies `fn`; plain fn when no such character occurs. */
function fixedCase(expr: string, fn: 'lower' | 'upper', differs: readonly number[], map: (ch: string) => string, guard?: { ch: string; message: string }): string {
  const chars = differs.map((cp) => String.fromCodePoint(cp))
  const classChars = guard ? [...chars, guard.ch] : chars
  const anyClass = `[${classChars.map(regexChar).join('')}]`
  let replaced = expr
  for (const ch of chars) replaced = `replace(${replaced}, ${text(ch)}, ${text(map(ch))})`
  const guarded = guard ? `WHEN instr(${expr}, ${text(guard.ch)}) > 0 THEN error(${guard.message}) ` : ''
  return `CASE WHEN NOT regexp_matches(${expr}, ${text(anyClass)}) THEN ${fn}(${expr}) ${guarded}ELSE ${fn}(${replaced}) END`
}

export const duckdb: SqlDialect = {
  name: 'duckdb',
  label: 'DuckDB',
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  text,
  fullMatch: (expr, pattern) => `regexp_full_match(${expr}, ${text(pattern)})`,
  replaceAll: (expr, pattern, replacement) => `regexp_replace(${expr}, ${text(pattern)}, ${text(replacement)}, 'g')`,
  // trim(s, chars) walks characters slowly when `chars` holds multi-byte ones (770 ms against 86 ms for
  // 200,000 cells): an anchored regexp_replace removes the same characters from both ends.
  trimChars: (expr, chars) => {
    const set = `[${[...chars].map(regexChar).join('')}]+`
    return `regexp_replace(${expr}, ${text(`^${set}|${set}$`)}, '', 'g')`
  },
  trimSide: (expr, chars, side) => `${side === 'leading' ? 'ltrim' : 'rtrim'}(${expr}, ${text(chars)})`,
  // İ is the one character DuckDB lower-cases to ASCII ("i") where JavaScript gives "i̇".
  lowerForAscii: (expr) => `lower(replace(${expr}, ${text('\u0130')}, ${text('i\u0307')}))`,
  lower: (expr, context) =>
    fixedCase(expr, 'lower', DUCKDB_LOWER_DIFFERS, (ch) => ch.toLowerCase(), {
      ch: '\u03a3',
      message: `'sql: ' || ${text(context)} || ': the value "' || ${expr} || '" holds a capital sigma (Σ), whose lower case depends on the letters around it; DuckDB cannot lower-case it as the studio does. Standardise this column in the studio, or run the Spark SQL export'`,
    }),
  upper: (expr) => fixedCase(expr, 'upper', DUCKDB_UPPER_DIFFERS, (ch) => ch.toUpperCase()),
  toDoubleOrInfinity: (expr) => `COALESCE(TRY_CAST(${expr} AS DOUBLE), CASE WHEN ${expr} LIKE '-%' THEN CAST('-inf' AS DOUBLE) ELSE CAST('inf' AS DOUBLE) END)`,
  toFiniteDouble: (expr) => `TRY_CAST(${expr} AS DOUBLE)`,
  isInfinite: (expr) => `isinf(${expr})`,
  fail: (message) => `error(${message})`,
  doubleText: (expr) => `CAST(${expr} AS VARCHAR)`,
  asText: (expr) => `CAST(${expr} AS VARCHAR)`,
  sourceRowNumber: 'row_number() OVER ()',
}
