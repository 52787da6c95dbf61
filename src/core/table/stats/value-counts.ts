/**
 * Value counts without a Map of every value: numeric columns are counted from
 * runs in a sorted copy, category columns from an array indexed by code. Only
 * the k most frequent values are kept, ordered by count, then by value
 * (numbers numerically, text by code point), so ties are reproducible.
 */
import { compareValues } from '../compare-values'

/** A value as display text and how many rows hold it. */
export interface ValueCount {
  value: string
  count: number
}

/** What one walk over a sorted numeric copy yields. */
export interface SortedRunStats {
  distinct: number
  /** The `k` most frequent values, most common first, ties by smaller value. */
  top: ValueCount[]
}

/** Distinct count and the `k` most frequent values of ascending `sorted` numbers (no NaN). */
export function sortedRunStats(sorted: Float64Array, k: number): SortedRunStats {
  const values: number[] = [], counts: number[] = []
  let distinct = 0
  for (let start = 0; start < sorted.length; ) {
    const v = sorted[start]
    let end = start + 1
    while (end < sorted.length && sorted[end] === v) end++
    distinct++
    // Walking in ascending order, a later value loses ties, so it must beat the last kept count strictly.
    const count = end - start
    if (values.length < k || count > counts[counts.length - 1]) {
      let at = counts.length
      while (at > 0 && counts[at - 1] < count) at--
      values.splice(at, 0, v)
      counts.splice(at, 0, count)
      if (values.length > k) {
        values.pop()
        counts.pop()
      }
    }
    start = end
  }
  return { distinct, top: values.map((v, i) => ({ value: String(v), count: counts[i] })) }
}

/** Rows per category code, and the number of missing (code −1) rows. */
export function codeCounts(codes: Int32Array, levelCount: number): { counts: Int32Array; missing: number } {
  const counts = new Int32Array(levelCount)
  let missing = 0
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]
    if (code < 0) missing++
    else counts[code]++
  }
  return { counts, missing }
}

/** The `k` most frequent levels with a non-zero count, most common first, ties by compareValues. */
export function topLevels(levels: string[], counts: Int32Array, k: number): ValueCount[] {
  const top: ValueCount[] = []
  for (let code = 0; code < levels.length; code++) {
    const count = counts[code]
    if (count === 0) continue
    if (top.length === k) {
      const last = top[k - 1]
      // Cheap rejection first: compareValues parses numbers, so only ties pay for it.
      if (count < last.count || (count === last.count && compareValues(levels[code], last.value) >= 0)) continue
    }
    let at = top.length
    while (at > 0 && (top[at - 1].count < count || (top[at - 1].count === count && compareValues(levels[code], top[at - 1].value) < 0))) at--
    top.splice(at, 0, { value: levels[code], count })
    if (top.length > k) top.pop()
  }
  return top
}
