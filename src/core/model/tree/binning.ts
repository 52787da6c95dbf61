/**
 * Binning: each feature's values are cut at quantile edges into at most 255
 * bins, and the matrix is quantised once into a column-major Uint8Array. Every
 * later stage (histograms, splits, partitions) reads bytes, not doubles; this is
 * what makes the learner a histogram learner (LightGBM, scikit-learn's
 * HistGradientBoosting). Missing values (NaN) get a bin of their own, right
 * after a feature's value bins, so the splitter can learn where they go.
 */
import { createRandom } from '../../random'
import type { Matrix } from '../../types'
import { distinctValues, selectRanks } from './order-statistics'
import type { BinnedMatrix } from './types'

/** Largest number of value bins: codes 0…254 for values, up to 255 for missing, all in a byte. */
export const MAX_BINS = 255
/** Rows sampled to find quantile edges; more rows move the edges very little and cost sorting time. */
export const EDGE_SAMPLE_ROWS = 200_000

/** How findBinEdges cuts features into bins. */
export interface BinningOptions {
  /** Value bins per feature, 2…255. */
  maxBins: number
  /** Seed for choosing the rows sampled for edges (only when there are more than `sampleRows`). */
  seed: number
  /** Rows whose values define the edges (default: all); e.g. training rows without the validation rows. */
  rows?: ArrayLike<number>
  /** At most this many rows are sorted per feature (default EDGE_SAMPLE_ROWS). */
  sampleRows?: number
}

/**
 * Bin edges per feature. A feature with at most `maxBins` distinct values gets
 * an edge midway between neighbouring values (every value its own bin);
 * otherwise edges are the midpoint-interpolated percentiles at k/maxBins, with
 * duplicates dropped, as scikit-learn's HistGradientBoosting bins.
 */
export function findBinEdges(X: Matrix, options: BinningOptions): Float64Array[] {
  const { rows: n, cols: p, data } = X
  const sample = edgeSampleRows(options, n)
  // Gather a group of columns per pass over the sampled rows: reading the
  // row-major matrix one column at a time would stream all of it once per feature.
  const GROUP = 8
  const ROW_BLOCK = 256
  const m = sample.length
  const columns = Array.from({ length: Math.min(GROUP, p) }, () => new Float64Array(m))
  const counts = new Int32Array(GROUP)
  const edges: Float64Array[] = []
  for (let j0 = 0; j0 < p; j0 += GROUP) {
    const width = Math.min(GROUP, p - j0)
    counts.fill(0)
    // Blocks of rows, a column at a time within each: the block's lines of the matrix stay in cache.
    for (let k0 = 0; k0 < m; k0 += ROW_BLOCK) {
      const k1 = Math.min(m, k0 + ROW_BLOCK)
      for (let c = 0; c < width; c++) counts[c] = gatherColumn(data, p, j0 + c, sample, k0, k1, columns[c], counts[c])
    }
    for (let c = 0; c < width; c++) edges.push(edgesOf(columns[c].subarray(0, counts[c]), options.maxBins))
  }
  return edges
}

/**
 * Appends column `at`'s non-missing values of sample rows [k0, k1) to
 * `column` from position `count` on; returns the new count. A function of
 * its own, called thousands of times a fit, so V8 optimises it at once:
 * as a loop inside findBinEdges (called once a fit) it ran unoptimised for
 * much of a first fit.
 */
function gatherColumn(data: Float64Array, p: number, at: number, sample: Int32Array, k0: number, k1: number, column: Float64Array, count: number): number {
  // Every value is written and only non-missing ones kept: no branch on missing values.
  for (let k = k0; k < k1; k++) {
    const v = data[sample[k] * p + at]
    column[count] = v
    count += v === v ? 1 : 0
  }
  return count
}

/**
 * Edges for one feature from its NaN-free values in any order (see
 * findBinEdges): the same as edgesFromSorted gives for them sorted, found
 * from their distinct values or the values at the percentile ranks alone
 * (order-statistics.ts).
 */
export function edgesOf(values: Float64Array, maxBins: number): Float64Array {
  const distinct = distinctValues(values, maxBins)
  if (distinct) return midpointEdges(distinct)
  const ranks = percentileRanks(values.length, maxBins)
  return percentileEdges(selectRanks(values, ranks), maxBins)
}

/** Edges for one feature from its sorted, NaN-free values; see findBinEdges. The reference edgesOf is tested against. */
export function edgesFromSorted(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length
  const distinct: number[] = []
  for (let i = 0; i < n && distinct.length <= maxBins; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i])
  if (distinct.length <= maxBins) return midpointEdges(Float64Array.from(distinct))
  return percentileEdges(Float64Array.from(percentileRanks(n, maxBins), (r) => sorted[r]), maxBins)
}

/** Every value its own bin: an edge midway between each pair of neighbouring distinct values (ascending). */
function midpointEdges(distinct: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, distinct.length - 1))
  for (let i = 1; i < distinct.length; i++) out[i - 1] = midpoint(distinct[i - 1], distinct[i])
  return out
}

/**
 * The ranks percentileEdges reads, for n values sorted: the two neighbours of
 * each position k/maxBins · (n − 1), k = 1…maxBins−1, then the last value.
 */
function percentileRanks(n: number, maxBins: number): Int32Array {
  const ranks = new Int32Array(2 * (maxBins - 1) + 1)
  for (let k = 1; k < maxBins; k++) {
    const position = (k / maxBins) * (n - 1)
    ranks[2 * (k - 1)] = Math.floor(position)
    ranks[2 * (k - 1) + 1] = Math.ceil(position)
  }
  ranks[ranks.length - 1] = n - 1
  return ranks
}

/**
 * Edges at the midpoint percentiles (numpy.percentile(..., method='midpoint')
 * at 100·k/maxBins) from the sorted values at percentileRanks, duplicates
 * dropped and every edge below the largest value, so the top bin is never empty.
 */
function percentileEdges(at: Float64Array, maxBins: number): Float64Array {
  const largest = at[at.length - 1]
  const out: number[] = []
  for (let k = 1; k < maxBins; k++) {
    const edge = midpoint(at[2 * (k - 1)], at[2 * (k - 1) + 1])
    if ((out.length === 0 || edge > out[out.length - 1]) && edge < largest) out.push(edge)
  }
  return Float64Array.from(out)
}

/**
 * An edge between neighbouring values a < b (a goes left, x ≤ edge; b right):
 * their midpoint, without overflow for huge magnitudes. Beside an infinity
 * the halves are no use — between −∞ and +∞ they give NaN, an edge no value
 * is ≤ (training and prediction would send rows apart), and below +∞ they
 * give +∞, which would keep +∞ with the largest finite values — so the edge
 * is 0 or the largest double.
 */
function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2
  if (Number.isFinite(m)) return m
  const halves = a / 2 + b / 2
  if (halves !== halves) return 0
  return halves === Infinity ? Number.MAX_VALUE : halves
}

/**
 * The bin code of one value: the number of edges below it, so that
 * `x <= edges[b]` exactly when `binOf(x) <= b`; NaN gets `edges.length + 1`.
 */
export function binOf(edges: Float64Array, value: number): number {
  if (value !== value) return edges.length + 1
  let lo = 0
  let hi = edges.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (edges[mid] < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Quantises a row-major matrix into column-major bin codes with the given edges. */
export function binMatrix(X: Matrix, edges: Float64Array[]): BinnedMatrix {
  const { rows: n, cols: p, data } = X
  const nBins = valueBins(X, edges)
  const bins = new Uint8Array(n * p)
  // Only features binned through a guide need one.
  const guides = edges.map((e) => (e.length > FEW_EDGES ? bucketGuide(e) : null))
  // Blocks of rows, feature by feature inside a block: the block's slice of the
  // row-major matrix stays in cache while each feature's edges are searched, and
  // every output column is written in sequence.
  const BLOCK = 2048
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK)
    for (let j = 0; j < p; j++) {
      const e = edges[j]
      const out = j * n
      if (e.length <= FEW_EDGES) binFew(data, start * p + j, p, end - start, e, nBins[j], bins, out + start)
      else binGuided(data, start * p + j, p, end - start, guides[j] as BucketGuide, nBins[j], bins, out + start)
    }
  }
  return { rows: n, cols: p, bins, nBins, edges }
}

/** Value bins per feature for `edges`, checked against X: what a BinnedMatrix holds besides its codes. */
export function valueBins(X: Matrix, edges: Float64Array[]): Int32Array {
  const p = X.cols
  if (edges.length !== p) throw new Error(`tree binning: ${edges.length} features have edges but the matrix has ${p} columns`)
  const nBins = new Int32Array(p)
  for (let j = 0; j < p; j++) {
    if (edges[j].length > MAX_BINS - 1) throw new Error(`tree binning: feature ${j} has ${edges[j].length + 1} bins; at most ${MAX_BINS} fit in a byte`)
    nBins[j] = edges[j].length + 1
  }
  return nBins
}

/** Features with at most this many edges count the edges below each value without branching (flags, one-hot columns, small codes). */
export const FEW_EDGES = 3

/**
 * Codes of `count` values data[src], data[src + step], … into bins[at…]: the
 * number of edges below each value (as binOf), NaN to `missing`. Comparisons
 * summed instead of searched: a branch on a 50/50 flag mispredicts every
 * other row.
 */
function binFew(data: Float64Array, src: number, step: number, count: number, e: Float64Array, missing: number, bins: Uint8Array, at: number): void {
  // Absent edges are +∞, which no value is above.
  const e0 = e.length > 0 ? e[0] : Infinity
  const e1 = e.length > 1 ? e[1] : Infinity
  const e2 = e.length > 2 ? e[2] : Infinity
  for (let i = 0; i < count; i++, src += step) {
    const v = data[src]
    bins[at + i] = v !== v ? missing : +(e0 < v) + +(e1 < v) + +(e2 < v)
  }
}

/**
 * binFew for features with many edges: the value's bucket (see bucketGuide)
 * gives the edges below its start, and the bucket's few edges (at most
 * GUIDE_WIDTH) are compared without branching. A value that the bucket
 * arithmetic's rounding misplaced, or whose bucket holds more edges, is
 * checked against its neighbours and then searched.
 */
function binGuided(data: Float64Array, src: number, step: number, count: number, guide: BucketGuide, missing: number, bins: Uint8Array, at: number): void {
  const { table, low, scale, buckets, padded: e, len } = guide
  const top = buckets - 1
  for (let i = 0; i < count; i++, src += step) {
    const v = data[src]
    if (v !== v) {
      bins[at + i] = missing
      continue
    }
    const raw = Math.floor((v - low) * scale)
    // Values outside the edges' range land in the end buckets; NaN (∞ × a zero scale) in the first.
    const bucket = raw > 0 ? (raw < top ? raw : top) : 0
    const lo = table[bucket]
    // Edges past the bucket are ≥ its end (+∞ past the last): only the bucket's own count.
    let code = lo + +(e[lo] < v) + +(e[lo + 1] < v) + +(e[lo + 2] < v) + +(e[lo + 3] < v)
    // Exact when the edge below is below v and the edge at code is not: otherwise search.
    if (!((code === 0 || e[code - 1] < v) && !(e[code] < v))) code = binOf(e.subarray(0, len), v)
    bins[at + i] = code
  }
}

export interface BucketGuide {
  /** table[b] = number of edges below the start of bucket b; table[buckets] = number of edges. */
  table: Int32Array
  low: number
  scale: number
  buckets: number
  /** The edges followed by GUIDE_WIDTH + 1 copies of +∞ (reads past the last edge). */
  padded: Float64Array
  len: number
}

/** Edges compared per value in binGuided; buckets are fine enough that most hold fewer. */
export const GUIDE_WIDTH = 4

/**
 * Uniform buckets over a feature's edge range, each knowing how many edges lie
 * below it: binning a value becomes a multiplication, a table read and a few
 * comparisons instead of a binary search over all 254 edges, whose
 * unpredictable branches made binning a million rows slow.
 */
export function bucketGuide(e: Float64Array): BucketGuide {
  const len = e.length
  const buckets = Math.max(1, Math.min(8192, 16 * len))
  const low = len > 0 ? e[0] : 0
  const span = len > 0 ? e[len - 1] - low : 0
  const scale = span > 0 && Number.isFinite(span) ? buckets / span : 0
  const table = new Int32Array(buckets + 1)
  let k = 0
  for (let b = 0; b < buckets; b++) {
    const start = scale > 0 ? low + b / scale : low
    while (k < len && e[k] < start) k++
    table[b] = k
  }
  table[buckets] = len
  const padded = new Float64Array(len + GUIDE_WIDTH + 1).fill(Infinity)
  padded.set(e)
  return { table, low, scale, buckets, padded, len }
}

/** `rows` as an Int32Array, or 0…n-1. A loop: Int32Array.from over a mapping function or an iterable took tens of milliseconds for a million rows. */
function rowList(rows: ArrayLike<number> | null, n: number): Int32Array {
  const m = rows ? rows.length : n
  const all = new Int32Array(m)
  if (rows) for (let i = 0; i < m; i++) all[i] = rows[i]
  else for (let i = 0; i < m; i++) all[i] = i
  return all
}

/** The rows whose values findBinEdges reads for a matrix of n rows (the kernel's edges read the same). */
export function edgeSampleRows(options: BinningOptions, n: number): Int32Array {
  return sampleRows(options.rows ?? null, n, options.sampleRows ?? EDGE_SAMPLE_ROWS, options.seed)
}

/** The rows to sort for edges: all of `rows` (or 0…n-1), or a seeded sample of `limit` of them in ascending order. */
function sampleRows(rows: ArrayLike<number> | null, n: number, limit: number, seed: number): Int32Array {
  const all = rowList(rows, n)
  if (all.length <= limit) return all
  const random = createRandom(seed)
  // Partial Fisher–Yates: the first `limit` slots become a uniform sample without replacement.
  for (let i = 0; i < limit; i++) {
    const j = i + random.int(all.length - i)
    const t = all[i]
    all[i] = all[j]
    all[j] = t
  }
  return all.subarray(0, limit).sort()
}
