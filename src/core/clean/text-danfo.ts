/**
 * The one file of src/core that may import danfojs (tests/unit/architecture.test.ts
 * enforces it). It runs the string operations of standardize-text — trim, case
 * folding, value map — through danfojs `Series` on the LEVEL DICTIONARY of a
 * category column: a few to a few thousand strings, never one per cell.
 *
 * Why only here (measured in Node, danfojs 1.2.0, 100,000 × 31): DataFrame
 * construction 446 ms, dropNa 163 ms, Series.str.trim().str.toLowerCase()
 * 75 ms, Series.replace 35 ms, boolean-mask filtering with df.loc 1,587 ms,
 * df.drop(columns) 454 ms; Series.asType('float32') turns '' into 0 and rounds
 * to float32; there is no DataFrame duplicate removal. Row work in danfojs
 * would cost seconds where core's typed arrays take milliseconds, and the type
 * conversion is wrong, so drop/validate/convert/dedupe run in core. String
 * operations are correct in danfojs and, on a dictionary, cheap (~2 ms for
 * 5,000 levels once loaded; loading danfojs itself takes ~0.7 s in Node, so it
 * is imported lazily and only when a recipe has a standardize-text step).
 *
 * danfojs traps found on edge cases, and how this file avoids them:
 * - An empty Series cannot use `.str` ("Cannot call accessor str on non-string
 *   type") → an empty dictionary never reaches danfojs.
 * - Without `dtypes: ['string']` danfojs infers the type from the values:
 *   ["1", "2"] or [""] become float32 and `.str` throws → the dtype is forced,
 *   and forced again before every operation, because the result of a `.str`
 *   operation re-infers it (["1", "2"].str.trim() is float32 again).
 * - `Series.map(object)` on a level named "constructor", "toString" or
 *   "__proto__" throws "arr.slice is not a function" (prototype lookup) → map
 *   with a function over a `Map` instead.
 * - A null in a string Series comes out of .str.trim() as NaN. Our levels are
 *   never null, and any non-text result is rejected so the caller falls back
 *   to core.
 * Unicode (İ, ß → SS, combining marks, emoji, NBSP/em-space trimming) matches
 * String.prototype exactly; tests/unit/core/clean/text-danfo.test.ts checks it.
 */
import type { TextRule } from './text-core'

type Danfo = typeof import('danfojs')

let loading: Promise<Danfo> | null = null

/** Loads danfojs once; a failed load is retried on the next call. */
function loadDanfo(): Promise<Danfo> {
  loading ??= import('danfojs').catch((error: unknown) => {
    loading = null
    throw error
  })
  return loading
}

/**
 * The new text of every level of several dictionaries at once (one danfojs
 * Series for all of them), trimmed, case-folded and mapped as `rule` says.
 * Throws when danfojs cannot be loaded or returns something that is not one
 * text per level; the caller then runs text-core.ts instead.
 */
export async function transformLevelsDanfo(dictionaries: readonly (readonly string[])[], rule: TextRule): Promise<string[][]> {
  const keys = Object.keys(rule.valueMap)
  const all: string[] = []
  for (const levels of dictionaries) all.push(...levels)
  const levelCount = all.length
  if (levelCount === 0) return dictionaries.map(() => [])
  all.push(...keys)
  const { Series } = await loadDanfo()
  // Every operation starts from a Series forced to 'string': a .str result
  // re-infers its dtype, so ["1", "2"] trimmed becomes float32 again.
  const text = (values: unknown[]) => new Series(values, { dtypes: ['string'] })
  let folded: unknown[] = all
  if (rule.trim) folded = checkTexts(text(folded).str.trim().values, all.length, 'trim')
  if (rule.case === 'lower') folded = checkTexts(text(folded).str.toLowerCase().values, all.length, 'lower-case')
  else if (rule.case === 'upper') folded = checkTexts(text(folded).str.toUpperCase().values, all.length, 'upper-case')
  const map = new Map<string, string>()
  keys.forEach((key, k) => map.set(folded[levelCount + k] as string, rule.valueMap[key]))
  let mapped = folded.slice(0, levelCount) as string[]
  if (map.size > 0) {
    const lookup = (value: unknown): unknown => (typeof value === 'string' && map.has(value) ? map.get(value) : value)
    mapped = checkTexts(text(mapped).map(lookup).values, levelCount, 'value map')
  }
  const out: string[][] = []
  let at = 0
  for (const levels of dictionaries) {
    out.push(mapped.slice(at, at + levels.length))
    at += levels.length
  }
  return out
}

function checkTexts(values: unknown, expected: number, operation: string): string[] {
  if (!Array.isArray(values) || values.length !== expected) {
    throw new Error(`danfojs ${operation} returned ${Array.isArray(values) ? values.length : typeof values} values for ${expected} levels`)
  }
  const bad = values.findIndex((v) => typeof v !== 'string')
  if (bad >= 0) throw new Error(`danfojs ${operation} returned ${String(values[bad])} (not text) for level ${bad + 1}`)
  return values as string[]
}
