// AssemblyScript source of the histogram kernel's bin edges, exported by its
// module (assembly/histogram.ts re-exports it): edgesOf (../../binning.ts)
// for one feature at a time — every distinct value its own bin when there are
// at most maxBins of them, otherwise midpoints of the values at the
// percentile ranks — from the sampled rows of a row-major block of doubles.
// The same edges as findBinEdges, bit for bit: the distinct values and the
// values at given ranks do not depend on how they are found, and the midpoint
// and percentile arithmetic is the same IEEE arithmetic as in TypeScript.
// (The sign of a zero may differ between sorts; no edge depends on it: a
// midpoint beside a zero is the same for −0 and +0.)

/** Buckets of the rank selection, at most (order-statistics.ts selectRanks). */
const MAX_BUCKETS: usize = 65536
/** Hash slots for the distinct values: a power of two at least 4 × maxBins (maxBins ≤ 255). */
const MAX_SLOTS: usize = 1024
/** Below this many values one sort costs less than the selection's passes (as selectRanks). */
const SELECT_MIN: i32 = 2048
/** Ranges this short are sorted by insertion. */
const INSERTION_MAX: i32 = 16

// One thread's scratch: fixed areas, then a column and a gather store of m doubles each.
const FIRST: usize = 0
const AT: usize = FIRST + ((MAX_BUCKETS + 1) << 2) + 60
const FILL: usize = AT + (MAX_BUCKETS << 2)
const TABLE: usize = FILL + (MAX_BUCKETS << 2)
const USED: usize = TABLE + (MAX_SLOTS << 3)
const FOUND: usize = USED + MAX_SLOTS
const RANKS: usize = FOUND + (256 << 3)
const PICKED: usize = RANKS + (512 << 2)
const FIXED: usize = PICKED + (512 << 3)

/** Bytes of one thread's scratch for samples of m rows. */
export function edgeScratchBytes(m: i32): usize {
  return FIXED + (<usize>m << 4)
}

/**
 * Edges of features [from, to) of a row-major block of m rows of p doubles
 * (`values`), each written to its record at out + j × outStride: an i32
 * count, then (from byte 8) the edges as f64. `scratch` is this thread's
 * (edgeScratchBytes(m) bytes).
 */
export function columnEdges(values: usize, m: i32, p: i32, maxBins: i32, out: usize, outStride: i32, scratch: usize, from: i32, to: i32): void {
  const column = scratch + FIXED
  const gathered = column + (<usize>m << 3)
  for (let j = from; j < to; j++) {
    const count = gatherColumn(values, m, p, j, column)
    const record = out + <usize>j * <usize>outStride
    store<i32>(record, edgesOf(column, count, maxBins, record + 8, scratch, gathered))
  }
}

/** Feature j's non-missing values, rows in order, to `column`; returns their count. */
function gatherColumn(values: usize, m: i32, p: i32, j: i32, column: usize): i32 {
  const stride = <usize>p << 3
  let at = values + (<usize>j << 3)
  let count = 0
  for (let k = 0; k < m; k++, at += stride) {
    const v = load<f64>(at)
    // Every value is written and only non-missing ones kept: no branch on missing values.
    store<f64>(column + (<usize>count << 3), v)
    count += <i32>(v == v)
  }
  return count
}

/** edgesOf for n NaN-free values at `values` (reordered in place): edges to `out`, their count returned. */
function edgesOf(values: usize, n: i32, maxBins: i32, out: usize, scratch: usize, gathered: usize): i32 {
  const distinct = distinctValues(values, n, maxBins, scratch)
  if (distinct >= 0) {
    const found = scratch + FOUND
    for (let i = 1; i < distinct; i++) store<f64>(out + (<usize>(i - 1) << 3), midpoint(load<f64>(found + (<usize>(i - 1) << 3)), load<f64>(found + (<usize>i << 3))))
    return max(0, distinct - 1)
  }
  // The two neighbours of each position k/maxBins · (n − 1), k = 1…maxBins−1, then the last value (percentileRanks).
  const ranks = scratch + RANKS
  const count = 2 * (maxBins - 1) + 1
  for (let k = 1; k < maxBins; k++) {
    const position = (<f64>k / <f64>maxBins) * <f64>(n - 1)
    store<i32>(ranks + (<usize>(2 * (k - 1)) << 2), <i32>Math.floor(position))
    store<i32>(ranks + (<usize>(2 * (k - 1) + 1) << 2), <i32>Math.ceil(position))
  }
  store<i32>(ranks + (<usize>(count - 1) << 2), n - 1)
  const picked = scratch + PICKED
  selectRanks(values, n, ranks, count, picked, scratch, gathered)
  // percentileEdges: duplicates dropped, every edge below the largest value.
  const largest = load<f64>(picked + (<usize>(count - 1) << 3))
  let edges = 0
  for (let k = 1; k < maxBins; k++) {
    const edge = midpoint(load<f64>(picked + (<usize>(2 * (k - 1)) << 3)), load<f64>(picked + (<usize>(2 * (k - 1) + 1) << 3)))
    if ((edges == 0 || edge > load<f64>(out + (<usize>(edges - 1) << 3))) && edge < largest) {
      store<f64>(out + (<usize>edges << 3), edge)
      edges++
    }
  }
  return edges
}

/**
 * The distinct values (±0 as +0), ascending, to the scratch's FOUND area, and
 * their count; −1 when there are more than `limit`. An open-addressing hash
 * set on the values' bits, as order-statistics.ts distinctValues.
 */
function distinctValues(values: usize, n: i32, limit: i32, scratch: usize): i32 {
  let size: u32 = 16
  while (size < <u32>(4 * limit)) size <<= 1
  const mask = size - 1
  const table = scratch + TABLE
  const used = scratch + USED
  const found = scratch + FOUND
  memory.fill(used, 0, size)
  let count = 0
  for (let i = 0; i < n; i++) {
    const v = load<f64>(values + (<usize>i << 3)) + 0.0
    const bits = reinterpret<u64>(v)
    let slot = (((<u32>bits ^ (<u32>(bits >> 32) * 0x9e3779b1)) * 0x85ebca6b) >> 16) & mask
    while (load<u8>(used + slot) == 1 && load<f64>(table + (<usize>slot << 3)) != v) slot = (slot + 1) & mask
    if (load<u8>(used + slot) == 1) continue
    if (count == limit) return -1
    store<u8>(used + slot, 1)
    store<f64>(table + (<usize>slot << 3), v)
    store<f64>(found + (<usize>count << 3), v)
    count++
  }
  insertionSort(found, 0, count - 1)
  return count
}

/**
 * The values at ascending `ranks` of n NaN-free values once sorted, to
 * `picked` (order-statistics.ts selectRanks): values counted into uniform
 * buckets over [min, max], only the buckets holding a wanted rank gathered
 * (to `kept`) and sorted. Few values, a constant or a range too wide or too
 * narrow to divide: all of them sorted, in place.
 */
function selectRanks(values: usize, n: i32, ranks: usize, count: i32, picked: usize, scratch: usize, kept: usize): void {
  let low = Infinity
  let high = -Infinity
  for (let i = 0; i < n; i++) {
    const v = load<f64>(values + (<usize>i << 3))
    low = v < low ? v : low
    high = v > high ? v : high
  }
  let buckets = 1024
  while (buckets < n >> 3 && buckets < <i32>MAX_BUCKETS) buckets <<= 1
  const span = high - low
  const scale = <f64>buckets / span
  if (n < SELECT_MIN || !(span > 0) || !isFinite(span) || !isFinite(scale)) {
    sortRange(values, 0, n - 1, 0)
    for (let r = 0; r < count; r++) store<f64>(picked + (<usize>r << 3), load<f64>(values + (<usize>load<i32>(ranks + (<usize>r << 2)) << 3)))
    return
  }
  const top = buckets - 1
  const first = scratch + FIRST
  const at = scratch + AT
  const fill = scratch + FILL
  // Counts per bucket (at first[b + 1]), then each bucket's first rank. (v − low) · scale is in [0, top + 1], where truncation is the floor.
  memory.fill(first, 0, (<usize>buckets + 1) << 2)
  for (let i = 0; i < n; i++) {
    const b = <i32>((load<f64>(values + (<usize>i << 3)) - low) * scale)
    const slot = first + (<usize>((b < top ? b : top) + 1) << 2)
    store<i32>(slot, load<i32>(slot) + 1)
  }
  for (let b = 1; b <= buckets; b++) store<i32>(first + (<usize>b << 2), load<i32>(first + (<usize>b << 2)) + load<i32>(first + (<usize>(b - 1) << 2)))
  // The buckets holding wanted ranks, each given a place in the store.
  memory.fill(at, 0xff, <usize>buckets << 2)
  let gathered = 0
  let bucket = 0
  for (let r = 0; r < count; r++) {
    const rank = load<i32>(ranks + (<usize>r << 2))
    while (load<i32>(first + (<usize>(bucket + 1) << 2)) <= rank) bucket++
    const place = at + (<usize>bucket << 2)
    if (load<i32>(place) >= 0) continue
    store<i32>(place, gathered)
    gathered += load<i32>(first + (<usize>(bucket + 1) << 2)) - load<i32>(first + (<usize>bucket << 2))
  }
  memory.copy(fill, at, <usize>buckets << 2)
  for (let i = 0; i < n; i++) {
    const v = load<f64>(values + (<usize>i << 3))
    const raw = <i32>((v - low) * scale)
    const slot = fill + (<usize>(raw < top ? raw : top) << 2)
    const k = load<i32>(slot)
    if (k < 0) continue
    store<f64>(kept + (<usize>k << 3), v)
    store<i32>(slot, k + 1)
  }
  bucket = 0
  for (let r = 0; r < count; r++) {
    const rank = load<i32>(ranks + (<usize>r << 2))
    while (load<i32>(first + (<usize>(bucket + 1) << 2)) <= rank) bucket++
    const start = load<i32>(at + (<usize>bucket << 2))
    const bucketFirst = load<i32>(first + (<usize>bucket << 2))
    // Sort each gathered bucket once, when its first rank is read (fill marks it done with −2).
    const mark = fill + (<usize>bucket << 2)
    if (load<i32>(mark) != -2) {
      sortRange(kept, start, start + load<i32>(first + (<usize>(bucket + 1) << 2)) - bucketFirst - 1, 0)
      store<i32>(mark, -2)
    }
    store<f64>(picked + (<usize>r << 3), load<f64>(kept + (<usize>(start + rank - bucketFirst) << 3)))
  }
}

/**
 * Between neighbouring values a < b: their midpoint without overflow, and
 * beside an infinity 0 or the largest double (binning.ts midpoint).
 */
function midpoint(a: f64, b: f64): f64 {
  const m = a + (b - a) / 2
  if (isFinite(m)) return m
  const halves = a / 2 + b / 2
  if (halves != halves) return 0
  return halves == Infinity ? f64.MAX_VALUE : halves
}

/**
 * Sorts the doubles a[lo…hi] ascending (NaN-free): a quicksort with a
 * three-way partition (runs of equal values, common in clinical columns, end
 * at once), falling back to a heap sort where the pivots keep going wrong.
 */
function sortRange(a: usize, lo: i32, hi: i32, depth: i32): void {
  while (hi - lo >= INSERTION_MAX) {
    if (depth > 64) {
      heapSort(a + (<usize>lo << 3), hi - lo + 1)
      return
    }
    depth++
    const pivot = medianOfThree(load<f64>(a + (<usize>lo << 3)), load<f64>(a + (<usize>((lo + hi) >>> 1) << 3)), load<f64>(a + (<usize>hi << 3)))
    // Dijkstra's partition: [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot.
    let lt = lo
    let gt = hi
    let i = lo
    while (i <= gt) {
      const v = load<f64>(a + (<usize>i << 3))
      if (v < pivot) {
        swap(a, lt, i)
        lt++
        i++
      } else if (v > pivot) {
        swap(a, i, gt)
        gt--
      } else i++
    }
    // The smaller side by recursion, the larger by the loop: the stack stays logarithmic.
    if (lt - lo < hi - gt) {
      sortRange(a, lo, lt - 1, depth)
      lo = gt + 1
    } else {
      sortRange(a, gt + 1, hi, depth)
      hi = lt - 1
    }
  }
  insertionSort(a, lo, hi)
}

@inline function medianOfThree(x: f64, y: f64, z: f64): f64 {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y
}

@inline function swap(a: usize, i: i32, j: i32): void {
  const pi = a + (<usize>i << 3)
  const pj = a + (<usize>j << 3)
  const t = load<f64>(pi)
  store<f64>(pi, load<f64>(pj))
  store<f64>(pj, t)
}

/** Sorts a[lo…hi] by insertion. */
function insertionSort(a: usize, lo: i32, hi: i32): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = load<f64>(a + (<usize>i << 3))
    let j = i - 1
    while (j >= lo && load<f64>(a + (<usize>j << 3)) > v) {
      store<f64>(a + (<usize>(j + 1) << 3), load<f64>(a + (<usize>j << 3)))
      j--
    }
    store<f64>(a + (<usize>(j + 1) << 3), v)
  }
}

/** Sorts n doubles at a by a heap sort (sortRange's guard against quadratic time). */
function heapSort(a: usize, n: i32): void {
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(a, i, n)
  for (let end = n - 1; end > 0; end--) {
    swap(a, 0, end)
    siftDown(a, 0, end)
  }
}

function siftDown(a: usize, i: i32, n: i32): void {
  for (;;) {
    let child = 2 * i + 1
    if (child >= n) return
    if (child + 1 < n && load<f64>(a + (<usize>(child + 1) << 3)) > load<f64>(a + (<usize>child << 3))) child++
    if (!(load<f64>(a + (<usize>child << 3)) > load<f64>(a + (<usize>i << 3)))) return
    swap(a, i, child)
    i = child
  }
}
