/**
 * Order statistics of a feature's values without sorting them all: bin edges
 * need the values at about 500 ranks (and, for features with few values,
 * only the distinct ones), and sorting every value of every feature was the
 * largest part of preparing a tree fit (radix sort: about 27 ns a value on
 * 100,000 rows). Both give exactly what the sorted values would.
 */
import { sortFloat64 } from './radix-sort'

/**
 * The distinct values of NaN-free `values`, ascending, or null when there are
 * more than `limit`; ±0 count as one value (+0). An open-addressing hash set
 * on the values' bits: a feature with many values is told after about `limit`
 * of them, one with few after one pass.
 */
export function distinctValues(values: Float64Array, limit: number): Float64Array | null {
  // A power of two at least 4 × limit keeps probe chains short.
  let size = 16
  while (size < 4 * limit) size *= 2
  const mask = size - 1
  const table = new Float64Array(size)
  const used = new Uint8Array(size)
  const bits = new Uint32Array(2)
  const view = new Float64Array(bits.buffer)
  const found = new Float64Array(limit)
  let count = 0
  for (let i = 0; i < values.length; i++) {
    // -0 + 0 is +0: both zeros hash (and count) as one value.
    const v = values[i] + 0
    view[0] = v
    let slot = (Math.imul(bits[0] ^ Math.imul(bits[1], 0x9e3779b1), 0x85ebca6b) >>> 16) & mask
    while (used[slot] === 1 && table[slot] !== v) slot = (slot + 1) & mask
    if (used[slot] === 1) continue
    if (count === limit) return null
    used[slot] = 1
    table[slot] = v
    found[count++] = v
  }
  return found.subarray(0, count).sort()
}

/** Below this many values a sort costs less than the passes of selectRanks. */
const SELECT_MIN = 2048

/**
 * The values at ascending `ranks` (0-based, with repeats allowed) of NaN-free
 * `values` once sorted ascending, as sortFloat64 would place them. `values`
 * is not changed. Values are counted into uniform buckets over [min, max]
 * (a bucket index never decreases as the value grows), which tells the rank
 * range of each bucket; only the buckets holding a wanted rank are gathered
 * and sorted. A heavily skewed feature may put most values in one bucket,
 * which then costs one sort, as before.
 */
export function selectRanks(values: Float64Array, ranks: Int32Array): Float64Array {
  const n = values.length
  const out = new Float64Array(ranks.length)
  const low = extreme(values, -1)
  const high = extreme(values, 1)
  let buckets = 1024
  while (buckets < n >> 3 && buckets < 65536) buckets *= 2
  const span = high - low
  const scale = buckets / span
  if (n < SELECT_MIN || !(span > 0) || !Number.isFinite(span) || !Number.isFinite(scale)) {
    // Few values, a constant, or a range too wide or too narrow to divide: sort a copy.
    const sorted = sortFloat64(Float64Array.from(values))
    for (let r = 0; r < ranks.length; r++) out[r] = sorted[ranks[r]]
    return out
  }
  const top = buckets - 1
  // Counts per bucket, then each bucket's first rank.
  const first = new Int32Array(buckets + 1)
  countBuckets(values, low, scale, top, first)
  runningSums(first)
  // The buckets holding wanted ranks, each given a place in one gathered array.
  const at = new Int32Array(buckets).fill(-1)
  let gathered = 0
  let bucket = 0
  for (let r = 0; r < ranks.length; r++) {
    while (first[bucket + 1] <= ranks[r]) bucket++
    if (at[bucket] >= 0) continue
    at[bucket] = gathered
    gathered += first[bucket + 1] - first[bucket]
  }
  const store = new Float64Array(gathered)
  const fill = at.slice()
  gatherBuckets(values, low, scale, top, fill, store)
  bucket = 0
  for (let r = 0; r < ranks.length; r++) {
    while (first[bucket + 1] <= ranks[r]) bucket++
    const start = at[bucket]
    const size = first[bucket + 1] - first[bucket]
    // Sort each gathered bucket once, when its first rank is read (fill marks it done with -2).
    if (fill[bucket] !== -2) {
      sortFloat64(store.subarray(start, start + size))
      fill[bucket] = -2
    }
    out[r] = store[start + ranks[r] - first[bucket]]
  }
  return out
}

// Each pass over the values is a function of its own: V8 optimises it whole,
// where loops inside selectRanks (called once a feature) ran as on-stack
// replacements that bailed out at every loop's exit.

/** The smallest (sign −1) or largest (sign 1) of NaN-free values; ±∞ for none. */
function extreme(values: Float64Array, sign: number): number {
  let best = -sign * Infinity
  if (sign < 0) for (let i = 0; i < values.length; i++) best = values[i] < best ? values[i] : best
  else for (let i = 0; i < values.length; i++) best = values[i] > best ? values[i] : best
  return best
}

/**
 * Counts the values of each bucket into first[b + 1]: bucket ⌊(v − low) ·
 * scale⌋, at most `top`. (v − low) · scale is in [0, top + 1] (rounding may
 * reach the end), where truncation is the floor.
 */
function countBuckets(values: Float64Array, low: number, scale: number, top: number, first: Int32Array): void {
  for (let i = 0; i < values.length; i++) {
    const b = ((values[i] - low) * scale) | 0
    first[(b < top ? b : top) + 1]++
  }
}

/** Turns counts into running sums, in place. */
function runningSums(counts: Int32Array): void {
  for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1]
}

/** Copies each value whose bucket has a place (fill[b] ≥ 0) to store[fill[b]++]. */
function gatherBuckets(values: Float64Array, low: number, scale: number, top: number, fill: Int32Array, store: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    const raw = ((v - low) * scale) | 0
    const b = raw < top ? raw : top
    const k = fill[b]
    if (k < 0) continue
    store[k] = v
    fill[b] = k + 1
  }
}
