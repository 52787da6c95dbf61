import type { SqlDialect } from './dialect'
import { invisible } from './dialect'

/*
 * Spark SQL's dialect (3.3 or later: split_part). What differs from DuckDB, and why:
 * - literals unescape backslashes (spark.sql.parser.escapedStringLiterals is
 *   false by default), so "\" is written "\\" and invisible characters \uXXXX;
 * - regular expressions are java.util.regex: a full match is
 *   `RLIKE '^(?:…)\z'`, regexp_replace replaces every match;
 * - CAST(text AS DOUBLE) is Java's Double.parseDouble: overflow gives
 *   ±Infinity as JavaScript's Number() does (the recipe's parsers then reject it);
 * - lower()/upper() are Java's String.toLowerCase/toUpperCase: Unicode's full
 *   mappings as in the studio (ß → SS, final sigma), in the JVM's default
 *   locale, which must not be Turkish or Azeri (i/İ);
 * - CAST(DOUBLE AS STRING) is Java's Double.toString ("1.0E-7"), shortest
 *   round-trip digits from JDK 19 on;
 * - raise_error() stops the query; monotonically_increasing_id() gives the
 *   file's row order (increasing with the position in the file).
 */

function text(value: string): string {
  let out = ''
  for (const ch of value) {
    if (ch === '\\') out += '\\\\'
    else if (ch === "'") out += "\\'"
    else if (invisible(ch)) {
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`
    } else out += ch
  }
  return `'${out}'`
}

const INFINITY = "CAST('Infinity' AS DOUBLE)"

export const spark: SqlDialect = {
  name: 'spark',
  label: 'Spark SQL',
  ident: (name) => `\`${name.replace(/`/g, '``')}\``,
  text,
  fullMatch: (expr, pattern) => `(${expr} RLIKE ${text(`^(?:${pattern})\\z`)})`,
  replaceAll: (expr, pattern, replacement) => `regexp_replace(${expr}, ${text(pattern)}, ${text(replacement)})`,
  trimChars: (expr, chars) => `trim(BOTH ${text(chars)} FROM ${expr})`,
  trimSide: (expr, chars, side) => `trim(${side === 'leading' ? 'LEADING' : 'TRAILING'} ${text(chars)} FROM ${expr})`,
  lowerForAscii: (expr) => `lower(${expr})`,
  lower: (expr) => `lower(${expr})`,
  upper: (expr) => `upper(${expr})`,
  toDoubleOrInfinity: (expr) => `CAST(${expr} AS DOUBLE)`,
  toFiniteDouble: (expr) => `CASE WHEN abs(CAST(${expr} AS DOUBLE)) = ${INFINITY} THEN NULL ELSE CAST(${expr} AS DOUBLE) END`,
  isInfinite: (expr) => `(abs(${expr}) = ${INFINITY})`,
  fail: (message) => `raise_error(${message})`,
  doubleText: (expr) => `CAST(${expr} AS STRING)`,
  asText: (expr) => `CAST(${expr} AS STRING)`,
  sourceRowNumber: 'monotonically_increasing_id()',
}
