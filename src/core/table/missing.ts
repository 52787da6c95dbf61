/**
 * Text tokens read as a missing cell, in CSV and in Parquet string columns alike,
 * so a CSV file and its Parquet copy load into the same table. The list follows
 * pandas' default `na_values`, the convention clinical exports are written for.
 */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '', 'na', 'n/a', 'nan', 'null', 'none', '#n/a', '#na', 'nil', '-nan', '?', '.',
])

/** True when a text cell means "no value". Case and surrounding spaces are ignored. */
export function isMissingToken(text: string): boolean {
  return MISSING_TOKENS.has(text.trim().toLowerCase())
}
