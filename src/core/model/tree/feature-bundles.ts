/**
 * Exclusive feature bundling (LightGBM's EFB) for histogram builds. One-hot
 * columns — a category spread over several 0/1 features, at most one of them
 * 1 in any row — each cost a full pass over a node's rows, for a histogram of
 * two bins. Bundled, one pass over a column of codes (0: none of them is 1;
 * 1 + i: member i is) fills one histogram whose bin 1 + i is member i's bin
 * 1, and member i's bin 0 is the node's sums less it. Splits, the search and
 * the model stay per feature: only where the members' histograms come from
 * changes, and every kernel derives them the same way, so the TypeScript
 * reference and the WebAssembly kernels give the same bits.
 *
 * A bundled matrix carries the bundles' codes (bundles.codes, column b for
 * bundle b) and their value bins after the features' nBins (entry first +
 * b); `bins` and `cols` stay the features'. Kernels lay the two side by
 * side (bundledCodes), so that entry e's codes are column e. A tree's build
 * list (bundleEntries) names each bundle once, where its first member was,
 * in place of its members; the search goes through the members in that
 * place (searchOrder).
 */
import type { HistogramLayout } from './histogram'
import type { BinnedMatrix } from './types'

/** The bundles of a matrix (see BinnedMatrix.bundles). */
export interface FeatureBundles {
  /** The first bundle's column: the matrix's feature count. */
  first: number
  /** Each bundle's members, ascending; a member's code in the bundle is 1 + its index here. */
  members: Int32Array[]
  /** Column-major codes, n per bundle: 0 where none of its members is 1, 1 + i where member i is. */
  codes: Uint8Array
}

/** Members per bundle, at most: codes 0…254 are a byte's value bins (255 is the missing code). */
const MAX_MEMBERS = 254

/**
 * The matrix with bundles of its 0/1 features that are never 1 in the same
 * row (none missing), greedily in column order, or the matrix itself when no
 * two such features go together.
 */
export function bundleFeatures(data: BinnedMatrix): BinnedMatrix {
  const { rows: n, cols: p, bins, nBins } = data
  const words = (n + 31) >>> 5
  const members: number[][] = []
  const taken: Uint32Array[] = []
  const ones = new Uint32Array(words)
  for (let f = 0; f < p; f++) {
    if (nBins[f] !== 2 || !binaryColumn(bins, f * n, n, ones)) continue
    let b = 0
    while (b < members.length && (members[b].length >= MAX_MEMBERS || overlaps(taken[b], ones))) b++
    if (b === members.length) {
      members.push([])
      taken.push(new Uint32Array(words))
    }
    members[b].push(f)
    orInto(taken[b], ones)
  }
  const kept = members.filter((m) => m.length >= 2)
  if (kept.length === 0) return data
  const codes = new Uint8Array(n * kept.length)
  const outBins = new Int32Array(p + kept.length)
  outBins.set(nBins.subarray(0, p))
  kept.forEach((list, b) => {
    outBins[p + b] = list.length + 1
    list.forEach((f, i) => codeMember(bins, f * n, n, codes, b * n, i + 1))
  })
  return { ...data, nBins: outBins, bundles: { first: p, members: kept.map((m) => Int32Array.from(m)), codes } }
}

/** The features' codes then the bundles' (n × (cols + bundles)), column e for entry e; the matrix's own codes when it has no bundles. */
export function bundledCodes(data: BinnedMatrix): Uint8Array {
  if (!data.bundles) return data.bins
  const n = data.rows
  const out = new Uint8Array(n * (data.cols + data.bundles.members.length))
  out.set(data.bins.subarray(0, n * data.cols))
  out.set(data.bundles.codes, n * data.cols)
  return out
}

/**
 * Whether column codes at bins[at…at + n) are all 0 or 1 (no missing value)
 * with some 1; marks the rows coded 1 in `ones`. Four codes a read where the
 * column starts on a whole word (every column when n is a multiple of 4).
 */
function binaryColumn(bins: Uint8Array, at: number, n: number, ones: Uint32Array): boolean {
  ones.fill(0)
  let other = 0
  let seen = 0
  let r = 0
  if ((bins.byteOffset + at) % 4 === 0) {
    const words = new Uint32Array(bins.buffer, bins.byteOffset + at, n >>> 2)
    for (let w = 0; w < words.length; w++, r += 4) {
      const word = words[w]
      other |= word & 0xfefefefe
      // Each code's low bit, four of them side by side (r is a multiple of 4: they never straddle two words of `ones`).
      const bits = (word & 1) | ((word >>> 7) & 2) | ((word >>> 14) & 4) | ((word >>> 21) & 8)
      ones[r >>> 5] |= bits << (r & 31)
      seen |= bits
    }
  }
  for (; r < n; r++) {
    const code = bins[at + r]
    other |= code & ~1
    ones[r >>> 5] |= (code & 1) << (r & 31)
    seen |= code & 1
  }
  return other === 0 && seen !== 0
}

function overlaps(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] & b[i]) !== 0) return true
  return false
}

function orInto(a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < a.length; i++) a[i] |= b[i]
}

/**
 * Adds `code` into out[to + r] for the rows whose code at bins[at + r] is 1
 * (out holds 0 there, or another member's code in no row where this one is
 * 1). Four codes a step where both columns start on whole words: each byte
 * is 0 or 1, so the product never carries into the next byte.
 */
function codeMember(bins: Uint8Array, at: number, n: number, out: Uint8Array, to: number, code: number): void {
  let r = 0
  if ((bins.byteOffset + at) % 4 === 0 && (out.byteOffset + to) % 4 === 0) {
    const from = new Uint32Array(bins.buffer, bins.byteOffset + at, n >>> 2)
    const into = new Uint32Array(out.buffer, out.byteOffset + to, n >>> 2)
    for (let w = 0; w < from.length; w++) into[w] += code * from[w]
    r = from.length << 2
  }
  for (; r < n; r++) out[to + r] += code * bins[at + r]
}

/**
 * A tree's build list for `features` (ascending or not): each bundle once,
 * where its first member in the list is, its members dropped; other
 * features as they are. Only for the full list: a tree on some features
 * (colsampleByTree) builds them as they are.
 */
export function bundleEntries(features: Int32Array, bundles: FeatureBundles): Int32Array {
  const bundleOf = new Int32Array(bundles.first).fill(-1)
  bundles.members.forEach((list, b) => list.forEach((f) => (bundleOf[f] = b)))
  const seen = new Uint8Array(bundles.members.length)
  const out: number[] = []
  for (const f of features) {
    const b = bundleOf[f]
    if (b < 0) out.push(f)
    else if (!seen[b]) {
      seen[b] = 1
      out.push(bundles.first + b)
    }
  }
  return Int32Array.from(out)
}

/** The features of a build list in search order: each bundle's members in its place. */
const orders = new WeakMap<Int32Array, Int32Array>()
export function searchOrder(entries: Int32Array, bundles: FeatureBundles): Int32Array {
  let order = orders.get(entries)
  if (!order) {
    const out: number[] = []
    for (const e of entries) {
      if (e < bundles.first) out.push(e)
      else out.push(...bundles.members[e - bundles.first])
    }
    order = Int32Array.from(out)
    orders.set(entries, order)
  }
  return order
}

/**
 * The members' histograms from their bundles' in `hist` (built for entries
 * [from, to)): bin 1 is the bundle's bin 1 + i, bin 0 the node's sums less
 * it (the row count too where the layout counts rows), the missing bin 0.
 * One output only. The kernels' expansion (assembly/histogram.ts) computes
 * the same numbers.
 */
export function expandBundles(hist: Float64Array, layout: HistogramLayout, bundles: FeatureBundles, entries: Int32Array, from: number, to: number, G: number, H: number, count: number): void {
  const { offsets, stride, counted } = layout
  for (let fi = from; fi < to; fi++) {
    const e = entries[fi]
    if (e < bundles.first) continue
    const members = bundles.members[e - bundles.first]
    const slice = offsets[e] * stride
    for (let i = 0; i < members.length; i++) {
      const one = slice + (i + 1) * stride
      const at = offsets[members[i]] * stride
      hist[at + stride] = hist[one]
      hist[at + stride + 1] = hist[one + 1]
      hist[at] = G - hist[one]
      hist[at + 1] = H - hist[one + 1]
      hist[at + 2 * stride] = 0
      hist[at + 2 * stride + 1] = 0
      if (counted) {
        hist[at + stride + 2] = hist[one + 2]
        hist[at + 2] = count - hist[one + 2]
        hist[at + 2 * stride + 2] = 0
      }
    }
  }
}
