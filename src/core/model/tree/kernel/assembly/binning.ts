// AssemblyScript source of the histogram kernel's binning, exported by its
// module (assembly/histogram.ts re-exports it): bin codes of a block of the
// row-major matrix, as binMatrix in ../../binning.ts computes them — the
// number of a feature's edges below each value, NaN to the missing code —
// with the same bucket guides, checked against the edges, and a binary
// search where the guide's answer does not hold. Every code is exact, so the
// codes are those of binOf, bit for bit.

/** Bytes of one feature's guide record: i32 edges, buckets, table address, edges address; f64 low, scale. */
const GUIDE_BYTES: usize = 32
/** Rows per pass of one feature: the block's lines of the matrix stay in cache while every feature is binned. */
const SUB_BLOCK_ROWS: usize = 512

/**
 * Codes of rows [from, to) of a row-major block of doubles (`values`, p per
 * row, row r of the block at values + 8 × r × p) into column-major `codes`
 * (feature j of block row r at codes + j × n + rowBase + r). `guides` holds p
 * records (see GUIDE_BYTES): a feature's edges, padded with +∞ (at least four
 * past the last), and for features of more than three edges its bucket table
 * (buckets + 1 i32: the edges below each bucket's start).
 */
export function binRows(values: usize, p: i32, from: i32, to: i32, guides: usize, codes: usize, n: i32, rowBase: i32): void {
  const pp = <usize>p
  for (let r0 = <usize>from; r0 < <usize>to; r0 += SUB_BLOCK_ROWS) {
    const r1 = min(r0 + SUB_BLOCK_ROWS, <usize>to)
    for (let j: usize = 0; j < pp; j++) {
      const guide = guides + j * GUIDE_BYTES
      const len = load<i32>(guide)
      const edges = <usize>load<u32>(guide, 12)
      const out = codes + j * <usize>n + <usize>rowBase
      const missing = <u8>(len + 1)
      if (len <= 3) binFew(values, pp, j, r0, r1, edges, missing, out)
      else binGuided(values, pp, j, r0, r1, edges, len, load<i32>(guide, 4), <usize>load<u32>(guide, 8), load<f64>(guide, 16), load<f64>(guide, 24), missing, out)
    }
  }
}

/** Features of at most three edges: the edges below each value counted without branches (absent edges are +∞). */
@inline function binFew(values: usize, p: usize, j: usize, r0: usize, r1: usize, edges: usize, missing: u8, out: usize): void {
  const e0 = load<f64>(edges)
  const e1 = load<f64>(edges, 8)
  const e2 = load<f64>(edges, 16)
  for (let r = r0; r < r1; r++) {
    const v = load<f64>(values + ((r * p + j) << 3))
    const code = <u8>((<i32>(e0 < v)) + (<i32>(e1 < v)) + (<i32>(e2 < v)))
    store<u8>(out + r, v != v ? missing : code)
  }
}

/** Features of more edges: the value's bucket gives the edges below its start; the next four are compared; a code that fails the check is searched. */
@inline function binGuided(values: usize, p: usize, j: usize, r0: usize, r1: usize, edges: usize, len: i32, buckets: i32, table: usize, low: f64, scale: f64, missing: u8, out: usize): void {
  const top = <f64>(buckets - 1)
  for (let r = r0; r < r1; r++) {
    const v = load<f64>(values + ((r * p + j) << 3))
    if (v != v) {
      store<u8>(out + r, missing)
      continue
    }
    const raw = Math.floor((v - low) * scale)
    // Values outside the edges' range land in the end buckets (NaN arithmetic, from a zero scale times ∞, in the first).
    const bucket = raw > 0 ? (raw < top ? <i32>raw : <i32>top) : 0
    const lo = load<i32>(table + (<usize>bucket << 2))
    const at = edges + (<usize>lo << 3)
    let code = lo + <i32>(load<f64>(at) < v) + <i32>(load<f64>(at, 8) < v) + <i32>(load<f64>(at, 16) < v) + <i32>(load<f64>(at, 24) < v)
    if (!((code == 0 || load<f64>(edges + (<usize>(code - 1) << 3)) < v) && !(load<f64>(edges + (<usize>code << 3)) < v))) code = search(edges, len, v)
    store<u8>(out + r, <u8>code)
  }
}

/** The number of edges[0..len) below v (binOf). */
function search(edges: usize, len: i32, v: f64): i32 {
  let lo = 0
  let hi = len
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (load<f64>(edges + (<usize>mid << 3)) < v) lo = mid + 1
    else hi = mid
  }
  return lo
}
