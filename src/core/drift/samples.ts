import { categoryReference, numberReference, REFERENCE_MAX_VALUES } from '../bundle/reference'
import type { ReferenceColumn } from '../bundle/bundle'
import { sortNumbers } from '../table/stats/sort-numbers'
import type { Column } from '../types'

/**
 * One side of a column comparison, in the form the tests read: numbers as
 * their present values sorted ascending (Float64Array, no per-row objects),
 * categories as a count per label. `rows` counts missing cells too.
 */
export type Sample =
  | { type: 'number'; rows: number; sorted: Float64Array }
  | { type: 'category'; rows: number; counts: Map<string, number>; present: number }

/**
 * A column's present values as a Sample: one copy and one radix sort for
 * numbers, one counting pass for categories. `scratch` (at least as long as
 * the column) saves the sort's buffer when many columns are sorted.
 */
export function sampleOf(column: Column, scratch?: Float64Array): Sample {
  if (column.type === 'number') {
    const values = column.values
    const present = new Float64Array(values.length)
    let m = 0
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      if (Number.isFinite(v)) present[m++] = v
    }
    return { type: 'number', rows: values.length, sorted: sortNumbers(m === values.length ? present : present.subarray(0, m), scratch) }
  }
  const perCode = new Int32Array(column.levels.length)
  let present = 0
  for (let i = 0; i < column.codes.length; i++) {
    const code = column.codes[i]
    if (code >= 0) {
      perCode[code]++
      present++
    }
  }
  const counts = new Map<string, number>()
  column.levels.forEach((level, code) => {
    if (perCode[code] > 0) counts.set(level, (counts.get(level) ?? 0) + perCode[code])
  })
  return { type: 'category', rows: column.codes.length, counts, present }
}

export function presentCount(sample: Sample): number {
  return sample.type === 'number' ? sample.sorted.length : sample.present
}

/** The bundle-style summary of a dataset reference (the same function the bundle uses, so bins agree). */
export function summaryOf(name: string, sample: Sample): ReferenceColumn {
  if (sample.type === 'number') return numberReference(name, sample.sorted, sample.rows)
  const levels = [...sample.counts.keys()]
  return categoryReference(name, levels, levels.map((l) => sample.counts.get(l) as number), sample.rows)
}

/**
 * Rebuilds the exact reference sample from a bundle column when its
 * statistics hold every value: numbers listing `values` (≤ REFERENCE_MAX_VALUES
 * distinct), categories with nothing beyond `frequencies` (otherShare 0).
 * Counts are share × present rows, rounded (shares were count / present).
 * null when the column is only known through bins.
 */
export function exactSampleOf(ref: ReferenceColumn, referenceRows: number): Sample | null {
  const present = Math.round(referenceRows * (1 - ref.missingShare))
  if (ref.type === 'number') {
    if (!ref.values) return present === 0 ? { type: 'number', rows: referenceRows, sorted: new Float64Array(0) } : null
    const counts = ref.values.map((v) => Math.round(v.share * present))
    const sorted = new Float64Array(counts.reduce((s, c) => s + c, 0))
    let at = 0
    ref.values.forEach((v, k) => {
      sorted.fill(v.value, at, at + counts[k])
      at += counts[k]
    })
    return { type: 'number', rows: referenceRows, sorted }
  }
  if ((ref.otherShare ?? 0) > 0) return null
  const counts = new Map<string, number>()
  let total = 0
  for (const f of ref.frequencies ?? []) {
    const c = Math.round(f.share * present)
    if (c > 0) counts.set(f.value, c)
    total += c
  }
  return { type: 'category', rows: referenceRows, counts, present: total }
}

/**
 * The distinct present values of both samples together (numbers as numbers,
 * ascending; categories as labels in compareValues order), or only their
 * count when there are more than `limit`: enough for the ≤ 2 / ≤ 5 rules and
 * for tests over values, in one merged walk.
 */
export function unionValues(a: Sample, b: Sample, limit = REFERENCE_MAX_VALUES): { count: number; values: (number | string)[] | null } {
  if (a.type === 'number' && b.type === 'number') {
    const x = a.sorted
    const y = b.sorted
    const values: number[] = []
    let i = 0
    let j = 0
    while (i < x.length || j < y.length) {
      const v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j]
      values.push(v)
      if (values.length > limit) return { count: values.length, values: null }
      while (i < x.length && x[i] === v) i++
      while (j < y.length && y[j] === v) j++
    }
    return { count: values.length, values }
  }
  if (a.type === 'category' && b.type === 'category') {
    const labels = new Set<string>([...a.counts.keys(), ...b.counts.keys()])
    return { count: labels.size, values: [...labels].sort(compareLabels) }
  }
  throw new Error('drift: samples of different types')
}

/** Text by code point, as Python's sorted() on str (Evidently sorts the z-test's keys so). */
export function compareLabels(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Counts of a sample per value of `values` (numbers: exact matches by merged walk; categories: by label). */
export function countsOver(sample: Sample, values: readonly (number | string)[]): number[] {
  if (sample.type === 'category') return values.map((v) => sample.counts.get(v as string) ?? 0)
  const out = new Array(values.length).fill(0)
  const s = sample.sorted
  let i = 0
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number
    while (i < s.length && s[i] < v) i++
    while (i < s.length && s[i] === v) {
      out[k]++
      i++
    }
  }
  return out
}

/** Counts of ascending `sorted` values per bin [edges[k], edges[k+1]) (last closed, outside values to the end bins): the binCounts rule, by a merged walk. */
export function sortedBinCounts(sorted: Float64Array, edges: readonly number[]): number[] {
  const bins = edges.length - 1
  const counts = new Array(bins).fill(0)
  let k = 0
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]
    while (k < bins - 1 && edges[k + 1] <= v) k++
    counts[k]++
  }
  return counts
}

/** The population standard deviation of a piecewise-uniform histogram (old bundles carry no std). */
export function histogramStd(edges: readonly number[], counts: readonly number[]): number {
  let n = 0
  let mean = 0
  for (let k = 0; k < counts.length; k++) {
    n += counts[k]
    mean += (counts[k] * (edges[k] + edges[k + 1])) / 2
  }
  if (n === 0) return 0
  mean /= n
  let second = 0
  for (let k = 0; k < counts.length; k++) {
    const a = edges[k], b = edges[k + 1]
    // E[(X − mean)²] over uniform [a, b]: ((b − mean)³ − (a − mean)³) / (3(b − a)), or (a − mean)² for a point.
    const w = b - a
    const m2 = w > 0 ? ((b - mean) ** 3 - (a - mean) ** 3) / (3 * w) : (a - mean) ** 2
    second += counts[k] * m2
  }
  return Math.sqrt(Math.max(0, second / n))
}
