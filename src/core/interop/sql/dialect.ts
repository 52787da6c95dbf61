import type { SqlDialectName } from './types'

/**
 * Everything the two dialects write differently, behind one interface: the
 * recipe's translation (steps.ts, expressions.ts) writes only through these
 * functions and plain SQL both engines share (CASE, COALESCE, IN, length,
 * left, right, substr, replace, repeat, split_part, instr, row_number()).
 * duckdb.ts and spark.ts implement it; README.md lists the differences.
 *
 * Regular expressions are written in the subset RE2 (DuckDB) and
 * java.util.regex (Spark) read alike: ASCII classes spelt [0-9], code points
 * as \x{hhhh}, no back-references, no look-around.
 */
export interface SqlDialect {
  name: SqlDialectName
  /** For headers and messages: "DuckDB", "Spark SQL". */
  label: string
  /** A quoted identifier. */
  ident(name: string): string
  /** A string literal holding exactly `value`. */
  text(value: string): string
  /** The whole of `expr` matches `pattern` (never NULL for a non-NULL expr). */
  fullMatch(expr: string, pattern: string): string
  /** Every match of `pattern` replaced by the plain text `replacement`. */
  replaceAll(expr: string, pattern: string, replacement: string): string
  /** Removes any of the characters of `chars` from both ends. */
  trimChars(expr: string, chars: string): string
  /** Removes any of the characters of `chars` from the start ('leading') or the end ('trailing'). */
  trimSide(expr: string, chars: string, side: 'leading' | 'trailing'): string
  /** Lower case, exact wherever the result is compared with ASCII text (missing and yes/no tokens). */
  lowerForAscii(expr: string): string
  /** String.prototype.toLowerCase; `context` names the column for a refusal at run time. */
  lower(expr: string, context: string): string
  /** String.prototype.toUpperCase. */
  upper(expr: string): string
  /** Number(text) of a text already matching the plain-number grammar: overflow gives ±Infinity, as the reader keeps it. */
  toDoubleOrInfinity(expr: string): string
  /** Number(text) of a text matching a number grammar, NULL when it overflows (parsePlainNumber/parseCommaNumber: NaN). */
  toFiniteDouble(expr: string): string
  /** True when the DOUBLE `expr` is +Infinity or -Infinity. */
  isInfinite(expr: string): string
  /** Raises an error with the text `message` (an SQL text expression) when evaluated. */
  fail(message: string): string
  /** The engine's shortest round-trip text of a finite DOUBLE, in its own layout ("7.0", "1e-07", "1.0E-7"). */
  doubleText(expr: string): string
  /** Any column as text (the source table may hold typed columns, e.g. read from Parquet). */
  asText(expr: string): string
  /** A BIGINT giving the source table's rows in their order (file order). */
  sourceRowNumber: string
}

/**
 * The characters String.prototype.trim removes (ECMAScript WhiteSpace and
 * LineTerminator): what the studio's reader and steps trim. SQL's trim() only
 * removes spaces, so every trim names these characters.
 */
export const JS_WHITESPACE = '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'

/** A character class or literal character for a regular expression, as \x{hhhh} unless it is a plain letter or digit. */
export function regexChar(ch: string): string {
  return /^[A-Za-z0-9]$/.test(ch) ? ch : `\\x{${ch.codePointAt(0)!.toString(16)}}`
}

/** True for characters better written as an escape than raw inside a literal: controls, spaces other than ' ', format marks, lone surrogates. */
export function invisible(ch: string): boolean {
  return /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}]|[^\S ]|\p{Zs}/u.test(ch) && ch !== ' '
}
