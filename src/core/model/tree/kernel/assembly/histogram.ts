// AssemblyScript source of the WebAssembly histogram kernel (kernel/wasm-kernel.ts).
// Compiled by `npm run wasm` (src/node/generate-histogram-wasm.ts) into
// kernel/histogram-wasm.ts; a unit test recompiles it and compares the bytes.
//
// The same loop as buildHistogram in ../histogram.ts for one output, with row
// counts (stride 3 doubles per bin: gradient, hessian, count) or without
// (stride 2), and the same order of additions per bin (rows in order), so
// both give identical bits.
// What makes it faster than V8's code for the TypeScript loop: no bounds
// checks, and the gradient and hessian added as one f64x2 (SIMD) operation.
// All arguments are byte addresses in the module's memory, except counts.

/**
 * Copies column-major codes (feature f of row r at bins[f × n + r]) to
 * row-major ones (at rowBins[r × p + f]), rows [from, to).
 */
export function transposeBins(bins: usize, n: i32, p: i32, rowBins: usize, width: i32, from: i32, to: i32): void {
  const nn = <usize>n
  const pp = <usize>p
  const ww = <usize>width
  for (let r0 = <usize>from; r0 < <usize>to; r0 += 64) {
    const r1 = min(r0 + 64, <usize>to)
    for (let f: usize = 0; f < pp; f++) {
      const column = bins + f * nn
      for (let r = r0; r < r1; r++) store<u8>(rowBins + r * ww + f, load<u8>(column + r))
    }
  }
}

// Binning, boosting's gradient pass and the row partitions ship in the same module (see binning.ts, gradients.ts, partition.ts).
export { binRows } from './binning'
export { columnEdges, edgeScratchBytes } from './edges'
export { addLeafValues, binaryGradients, sumTerms } from './gradients'
export { partition, partitionCopy, partitionCount, partitionNodes, partitionRows, partitionScatter } from './partition'

import { expandBundles, member, memberCount, subtractMembers } from './bundles'
import { searchRange, searchRangeUncounted } from './search'

/** Bytes per bin: gradient and hessian, and the row count when counted. */
@inline function binBytes(counted: bool): usize {
  return counted ? 24 : 16
}

/** One feature's slice: bins 0…nb. */
@inline function clear(counted: bool, hist: usize, offsets: usize, nBins: usize, f: usize): void {
  const base = hist + <usize>load<i32>(offsets + (f << 2)) * binBytes(counted)
  memory.fill(base, 0, <usize>(load<i32>(nBins + (f << 2)) + 1) * binBytes(counted))
}

@inline function add(counted: bool, x: usize, v: v128): void {
  v128.store(x, f64x2.add(v128.load(x), v))
  if (counted) store<f64>(x, load<f64>(x, 16) + 1.0, 16)
}

/**
 * Fills the slices of features[from..to) of `hist` for the m rows
 * rows[0..m) (or 0…m-1 when `contiguous`), whose ordered gradients and
 * hessians are g[0..m) and h[0..m). `bins` is column-major: feature f of row r
 * at bins[f × n + r].
 */
// @inline with a constant `counted` at each call: the optimiser then drops the count's add where there is none.
@inline function histogram(counted: bool, hist: usize, bins: usize, n: i32, rows: usize, m: i32, contiguous: bool, g: usize, h: usize, offsets: usize, nBins: usize, features: usize, from: i32, to: i32): void {
  for (let fi = from; fi < to; fi++) clear(counted, hist, offsets, nBins, <usize>load<i32>(features + (<usize>fi << 2)))
  // Blocks of rows, every feature group over one block before the next: the block's gradients, hessians and row numbers stay in cache between the groups' passes instead of coming from memory again for each.
  const mm = <usize>m
  for (let k0: usize = 0; k0 < mm; k0 += COLUMN_BLOCK_ROWS) {
    const count = min(COLUMN_BLOCK_ROWS, mm - k0)
    addRows(counted, hist, offsets, features, from, to, contiguous ? bins + k0 : bins, <usize>n, 1, rows + (k0 << 2), contiguous, count, g + (k0 << 3), h + (k0 << 3))
  }
}

/** Rows per block of histogram's passes: 64 KiB of gradients and hessians, which stay in the core's cache. */
const COLUMN_BLOCK_ROWS: usize = 4096

/**
 * Adds m rows to the (cleared) slices of features[from..to): row k's code of
 * feature f at codes + f × featureStride + r × rowStride, r = k when
 * `contiguous`, else rows[k]; its gradient and hessian at g[k] and h[k]. Six
 * features share a pass over the rows, and the last one to five one more
 * pass, rows in order. One pass for the remainder, not passes of two and
 * one: a thread's share of a node's features is rarely a multiple of six,
 * and each pass reads every row's index, gradient and hessian again.
 * Inlined with constant strides, the multiplications by 1 vanish.
 */
@inline function addRows(counted: bool, hist: usize, offsets: usize, features: usize, from: i32, to: i32, codes: usize, featureStride: usize, rowStride: usize, rows: usize, contiguous: bool, m: usize, g: usize, h: usize): void {
  let fi = from
  for (; fi + 5 < to; fi += 6) addGroup(6, counted, hist, offsets, features, fi, codes, featureStride, rowStride, rows, contiguous, m, g, h)
  const rest = to - fi
  if (rest == 5) addGroup(5, counted, hist, offsets, features, fi, codes, featureStride, rowStride, rows, contiguous, m, g, h)
  else if (rest == 4) addGroup(4, counted, hist, offsets, features, fi, codes, featureStride, rowStride, rows, contiguous, m, g, h)
  else if (rest == 3) addGroup(3, counted, hist, offsets, features, fi, codes, featureStride, rowStride, rows, contiguous, m, g, h)
  else if (rest == 2) addGroup(2, counted, hist, offsets, features, fi, codes, featureStride, rowStride, rows, contiguous, m, g, h)
  else if (rest == 1) addGroup(1, counted, hist, offsets, features, fi, codes, featureStride, rowStride, rows, contiguous, m, g, h)
}

/** One pass over the rows for `count` (1…6, a constant at each call) features from features[fi] on; see addRows. */
@inline function addGroup(count: i32, counted: bool, hist: usize, offsets: usize, features: usize, fi: i32, codes: usize, featureStride: usize, rowStride: usize, rows: usize, contiguous: bool, m: usize, g: usize, h: usize): void {
  const stride = binBytes(counted)
  // Features past `count` repeat the first; their adds are never made.
  const f0 = <usize>load<i32>(features + (<usize>fi << 2))
  const f1 = count > 1 ? <usize>load<i32>(features + (<usize>(fi + 1) << 2)) : f0
  const f2 = count > 2 ? <usize>load<i32>(features + (<usize>(fi + 2) << 2)) : f0
  const f3 = count > 3 ? <usize>load<i32>(features + (<usize>(fi + 3) << 2)) : f0
  const f4 = count > 4 ? <usize>load<i32>(features + (<usize>(fi + 4) << 2)) : f0
  const f5 = count > 5 ? <usize>load<i32>(features + (<usize>(fi + 5) << 2)) : f0
  const b0 = hist + <usize>load<i32>(offsets + (f0 << 2)) * stride
  const b1 = hist + <usize>load<i32>(offsets + (f1 << 2)) * stride
  const b2 = hist + <usize>load<i32>(offsets + (f2 << 2)) * stride
  const b3 = hist + <usize>load<i32>(offsets + (f3 << 2)) * stride
  const b4 = hist + <usize>load<i32>(offsets + (f4 << 2)) * stride
  const b5 = hist + <usize>load<i32>(offsets + (f5 << 2)) * stride
  const c0 = codes + f0 * featureStride
  const c1 = codes + f1 * featureStride
  const c2 = codes + f2 * featureStride
  const c3 = codes + f3 * featureStride
  const c4 = codes + f4 * featureStride
  const c5 = codes + f5 * featureStride
  for (let k: usize = 0; k < m; k++) {
    const r: usize = (contiguous ? k : <usize>load<u32>(rows + (k << 2))) * rowStride
    const v = f64x2.replace_lane(f64x2.splat(load<f64>(g + (k << 3))), 1, load<f64>(h + (k << 3)))
    add(counted, b0 + <usize>load<u8>(c0 + r) * stride, v)
    if (count > 1) add(counted, b1 + <usize>load<u8>(c1 + r) * stride, v)
    if (count > 2) add(counted, b2 + <usize>load<u8>(c2 + r) * stride, v)
    if (count > 3) add(counted, b3 + <usize>load<u8>(c3 + r) * stride, v)
    if (count > 4) add(counted, b4 + <usize>load<u8>(c4 + r) * stride, v)
    if (count > 5) add(counted, b5 + <usize>load<u8>(c5 + r) * stride, v)
  }
}

/** Rows gathered per block by histogramRows. */
const BLOCK_ROWS: usize = 64

/**
 * histogram for a node whose rows are few and far apart, from `rowBins`: the
 * same codes row-major (row r's at rowBins + r × width, width a multiple of
 * 16), so that a row's codes are one cache line or two instead of one line per
 * feature. Blocks of BLOCK_ROWS rows are first copied to `block` (a loop of
 * independent loads, so that many rows are on their way from memory at once),
 * then added feature group by feature group as histogram does. Each bin still
 * sums its rows in order: the same bits as histogram.
 */
@inline function histogramRows(counted: bool, hist: usize, rowBins: usize, width: usize, block: usize, rows: usize, m: i32, g: usize, h: usize, offsets: usize, nBins: usize, features: usize, from: i32, to: i32): void {
  for (let fi = from; fi < to; fi++) clear(counted, hist, offsets, nBins, <usize>load<i32>(features + (<usize>fi << 2)))
  const mm = <usize>m
  for (let k0: usize = 0; k0 < mm; k0 += BLOCK_ROWS) {
    const count = min(BLOCK_ROWS, mm - k0)
    for (let j: usize = 0; j < count; j++) {
      const src = rowBins + <usize>load<u32>(rows + ((k0 + j) << 2)) * width
      const dst = block + j * width
      for (let c: usize = 0; c < width; c += 16) v128.store(dst + c, v128.load(src + c))
    }
    // The block is row-major: feature f of its row j at block + j × width + f.
    addRows(counted, hist, offsets, features, from, to, block, 1, width, 0, true, count, g + (k0 << 3), h + (k0 << 3))
  }
}

// histogramRows specialised, each its own function: inlined into nodeTask as
// well, they made V8's code for the column loops there about a third slower
// (100,000 rows, which never build from rows).
function histogramRowsCounted(hist: usize, rowBins: usize, width: usize, block: usize, rows: usize, m: i32, g: usize, h: usize, offsets: usize, nBins: usize, features: usize, from: i32, to: i32): void {
  histogramRows(true, hist, rowBins, width, block, rows, m, g, h, offsets, nBins, features, from, to)
}

function histogramRowsUncounted(hist: usize, rowBins: usize, width: usize, block: usize, rows: usize, m: i32, g: usize, h: usize, offsets: usize, nBins: usize, features: usize, from: i32, to: i32): void {
  histogramRows(false, hist, rowBins, width, block, rows, m, g, h, offsets, nBins, features, from, to)
}

// The column builds too: V8's code for their loops depends on what else the
// function holds, and nodeTask holds the bundles' expansion, the subtraction
// and (inlined by the optimiser) the searches' loops over features; with
// all of that around them the column loops ran about a third slower.
function histogramColumnsCounted(hist: usize, bins: usize, n: i32, rows: usize, m: i32, contiguous: bool, g: usize, h: usize, offsets: usize, nBins: usize, features: usize, from: i32, to: i32): void {
  histogram(true, hist, bins, n, rows, m, contiguous, g, h, offsets, nBins, features, from, to)
}

function histogramColumnsUncounted(hist: usize, bins: usize, n: i32, rows: usize, m: i32, contiguous: bool, g: usize, h: usize, offsets: usize, nBins: usize, features: usize, from: i32, to: i32): void {
  histogram(false, hist, bins, n, rows, m, contiguous, g, h, offsets, nBins, features, from, to)
}

/**
 * One thread's share of a node's work, features[from..to): builds `hist`
 * (as histogram, with or without row counts); with `parent` ≠ 0 turns it into parent − hist, bin by bin
 * (the larger sibling's histogram, as subtractHistogram); then searches each
 * histogram whose flag is set in `params` (f64s: lambda, alpha,
 * minChildWeight, minSamplesLeaf, then per node — built, parent — a search
 * flag, G, H, count, score and floor, then the built node's G, H and count
 * and the address of the bundle table, or 0), writing the built node's best split at
 * out and the parent's at out + 48. With a bundle table, features[from..to)
 * is a build list (see expandBundles). With `rowBins` ≠ 0 (and rows not
 * contiguous) the build reads the row-major codes instead, through this
 * thread's `block` (histogramRows).
 */
export function nodeTask(counted: bool, hist: usize, bins: usize, n: i32, rows: usize, m: i32, contiguous: bool, g: usize, h: usize, offsets: usize, nBins: usize, features: usize, parent: usize, params: usize, from: i32, to: i32, out: usize, rowBins: usize, width: i32, block: usize): void {
  if (rowBins != 0 && !contiguous) {
    if (counted) histogramRowsCounted(hist, rowBins, <usize>width, block, rows, m, g, h, offsets, nBins, features, from, to)
    else histogramRowsUncounted(hist, rowBins, <usize>width, block, rows, m, g, h, offsets, nBins, features, from, to)
  } else if (counted) histogramColumnsCounted(hist, bins, n, rows, m, contiguous, g, h, offsets, nBins, features, from, to)
  else histogramColumnsUncounted(hist, bins, n, rows, m, contiguous, g, h, offsets, nBins, features, from, to)
  const stride = binBytes(counted)
  const bundles = <usize>load<f64>(params, 152)
  if (bundles != 0) expandBundles(stride, hist, offsets, features, from, to, bundles, load<f64>(params, 128), load<f64>(params, 136), load<f64>(params, 144))
  if (parent != 0) {
    const first = bundles != 0 ? load<i32>(bundles) : i32.MAX_VALUE
    for (let fi = from; fi < to; fi++) {
      const e = load<i32>(features + (<usize>fi << 2))
      if (e >= first) {
        subtractMembers(stride, parent, hist, offsets, nBins, bundles, e)
        continue
      }
      const f = <usize>e
      const start = <usize>load<i32>(offsets + (f << 2)) * stride
      const stop = start + <usize>(load<i32>(nBins + (f << 2)) + 1) * stride
      for (let at = start; at < stop; at += 8) store<f64>(parent + at, load<f64>(parent + at) - load<f64>(hist + at))
    }
  }
  const lambda = load<f64>(params)
  const alpha = load<f64>(params, 8)
  const minChildWeight = load<f64>(params, 16)
  const msl = load<f64>(params, 24)
  store<i32>(out, -1, 32)
  store<i32>(out, -1, 48 + 32)
  for (let node = 0; node < 2; node++) {
    const p = params + 32 + <usize>node * 48
    if (load<f64>(p) == 0) continue
    const searched = node == 0 ? hist : parent
    if (counted) searchRange(searched, offsets, nBins, features, bundles, from, to, load<f64>(p, 8), load<f64>(p, 16), load<f64>(p, 24), load<f64>(p, 32), lambda, alpha, minChildWeight, msl, load<f64>(p, 40), out + <usize>node * 48)
    else searchRangeUncounted(searched, offsets, nBins, features, bundles, from, to, load<f64>(p, 8), load<f64>(p, 16), load<f64>(p, 32), lambda, alpha, minChildWeight, load<f64>(p, 40), out + <usize>node * 48)
  }
}

/** Bytes of one unit record of nodeUnits: twelve i32 fields, padded to a cache line. */
const UNIT_BYTES: usize = 64

/**
 * nodeTask for units [from, to) of a list, one after another: several nodes'
 * work in one task (a level of a tree, kernel/level-plan.ts), each unit a
 * node's share of features. A unit record holds, as i32 at 4-byte steps:
 * hist, rows, m, contiguous, g, h, parent, params, from, to, out, rowBins;
 * the other arguments are the same for every unit.
 */
export function nodeUnits(units: usize, from: i32, to: i32, counted: bool, bins: usize, n: i32, offsets: usize, nBins: usize, features: usize, width: i32, block: usize): void {
  for (let u = <usize>from; u < <usize>to; u++) {
    const r = units + u * UNIT_BYTES
    nodeTask(counted, load<u32>(r), bins, n, load<u32>(r, 4), load<i32>(r, 8), load<i32>(r, 12) != 0, load<u32>(r, 16), load<u32>(r, 20), offsets, nBins, features, load<u32>(r, 24), load<u32>(r, 28), load<i32>(r, 32), load<i32>(r, 36), load<u32>(r, 40), load<u32>(r, 44), width, block)
  }
}
