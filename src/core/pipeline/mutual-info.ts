import { countPresent, quantiles } from './stats'
import { log } from '../numeric/portable-math'

/** Quantile bins per feature for mutual information: deciles of the training values. */
export const MI_BINS = 10

/**
 * Interior bin edges of `values`: the quantiles 1/bins … (bins−1)/bins of the
 * finite values, duplicates removed. A feature with few distinct values (0/1,
 * a one-hot column) thus gets as many bins as it has values, not empty ones.
 */
export function quantileEdges(values: Float64Array, bins = MI_BINS): Float64Array {
  const edges: number[] = []
  if (countPresent(values) === 0) return new Float64Array(0)
  for (const edge of quantiles(values, Array.from({ length: bins - 1 }, (_, k) => (k + 1) / bins))) {
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge)
  }
  return Float64Array.from(edges)
}

/**
 * Mutual information, in nats, between feature `x` discretised into
 * MI_BINS quantile bins and the class `y` (indices 0..classCount−1): the plug-in
 * estimate Σ p(b,c)·log(p(b,c) / (p(b)·p(c))). A value goes to the bin of the
 * first edge it does not exceed (so v ≤ edge[0] is bin 0); a missing value
 * (NaN, ±Infinity) has a bin of its own, since missingness can carry
 * information. Rows whose class is unknown (NaN) are skipped. Deterministic and
 * linear in rows, unlike scikit-learn's k-nearest-neighbour estimator, which
 * this deliberately does not reproduce.
 */
export function mutualInformation(x: Float64Array, y: Float64Array, classCount: number): number {
  const edges = quantileEdges(x)
  const bins = edges.length + 2 // edges.length + 1 value bins, plus the missing bin
  const missingBin = bins - 1
  const joint = new Float64Array(bins * classCount)
  let total = 0
  for (let i = 0; i < x.length; i++) {
    const c = y[i]
    if (c - c !== 0) continue
    const v = x[i]
    let bin: number
    if (v - v !== 0) bin = missingBin
    else {
      // Lower bound: the number of edges strictly below v.
      let lo = 0, hi = edges.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (edges[mid] < v) lo = mid + 1
        else hi = mid
      }
      bin = lo
    }
    joint[bin * classCount + c]++
    total++
  }
  if (total === 0) return 0
  const pBin = new Float64Array(bins)
  const pClass = new Float64Array(classCount)
  for (let b = 0; b < bins; b++) {
    for (let c = 0; c < classCount; c++) {
      pBin[b] += joint[b * classCount + c]
      pClass[c] += joint[b * classCount + c]
    }
  }
  let mi = 0
  for (let b = 0; b < bins; b++) {
    for (let c = 0; c < classCount; c++) {
      const count = joint[b * classCount + c]
      if (count > 0) mi += (count / total) * log((count * total) / (pBin[b] * pClass[c]))
    }
  }
  // Rounding can leave a tiny negative for independent variables; information is never below 0.
  return Math.max(0, mi)
}
