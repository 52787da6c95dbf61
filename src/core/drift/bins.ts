import type { ReferenceColumn } from '../bundle/bundle'
import { compareLabels, sortedBinCounts, type Sample } from './samples'
import type { DriftDistribution } from './types'

/** The bin that gathers current categories (or numbers) the reference does not list. */
export const OTHER = '(other)'

/**
 * The reference's bins and each side's counts over them — what PSI and the
 * overlay chart use, for every column whatever its test:
 * - numbers listing `values` (≤ 20 distinct): one bin per value, plus OTHER
 *   when the current data holds a value the reference never had;
 * - other numbers: the quantile histogram's bins (REFERENCE_BINS, the bins a
 *   bundle stores; current values outside its range fall in the end bins);
 * - categories: the listed (most frequent) categories, plus OTHER when the
 *   reference has a rest (otherShare > 0) or the current data has a category
 *   not listed.
 * A dataset reference is summarised by the bundle's own function
 * (numberReference / categoryReference), so a dataset and the bundle made
 * from it give the same bins and the same PSI.
 */
export interface ReferenceBins {
  edges?: number[]
  categories?: string[]
  /** Reference counts (numbers' histogram) or shares (listed values) per bin. */
  reference: number[]
  current: number[]
}

export function referenceBins(summary: ReferenceColumn, current: Sample): ReferenceBins | null {
  if (summary.type === 'number' && current.type === 'number') {
    if (summary.values) {
      const listed = summary.values.map((v) => v.value)
      const counts = new Array(listed.length).fill(0)
      let other = 0
      const s = current.sorted
      let k = 0
      for (let i = 0; i < s.length; i++) {
        const v = s[i]
        while (k < listed.length && listed[k] < v) k++
        if (k < listed.length && listed[k] === v) counts[k]++
        else other++
      }
      const categories = listed.map((v) => String(v))
      const reference = summary.values.map((v) => v.share)
      if (other > 0) {
        categories.push(OTHER)
        reference.push(0)
        counts.push(other)
      }
      return { categories, reference, current: counts }
    }
    if (!summary.histogram) return null
    const { edges, counts } = summary.histogram
    return { edges: [...edges], reference: [...counts], current: sortedBinCounts(current.sorted, edges) }
  }
  if (summary.type === 'category' && current.type === 'category') {
    const listed = (summary.frequencies ?? []).map((f) => f.value)
    const index = new Map(listed.map((label, k) => [label, k]))
    const counts = new Array(listed.length).fill(0)
    let other = 0
    for (const [label, count] of current.counts) {
      const k = index.get(label)
      if (k === undefined) other += count
      else counts[k] += count
    }
    const categories = [...listed]
    const reference = (summary.frequencies ?? []).map((f) => f.share)
    const otherShare = summary.otherShare ?? 0
    if (otherShare > 0 || other > 0) {
      categories.push(OTHER)
      reference.push(otherShare)
      counts.push(other)
    }
    return { categories, reference, current: counts }
  }
  return null
}

/** Counts or shares → shares summing to 1 (all zeros stay zeros). */
export function toShares(values: readonly number[]): number[] {
  const total = values.reduce((s, v) => s + v, 0)
  return values.map((v) => (total > 0 ? v / total : 0))
}

/** The overlay chart's data from the bins. */
export function distributionOf(bins: ReferenceBins): DriftDistribution {
  return {
    ...(bins.edges ? { edges: bins.edges } : {}),
    ...(bins.categories ? { categories: bins.categories } : {}),
    reference: toShares(bins.reference),
    current: toShares(bins.current),
  }
}

/** Orders labels as Python's sorted() does (re-exported for the z-test's keys). */
export { compareLabels }
