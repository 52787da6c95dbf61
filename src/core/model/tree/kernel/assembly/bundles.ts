// AssemblyScript source of the histogram kernel's side of exclusive feature
// bundles (nodeTask in histogram.ts and the searches in search.ts use it).

// Bundles of exclusive 0/1 features (../../feature-bundles.ts): a table of
// i32 — the first bundle's entry, the bundle count, per bundle its member
// count and where its members are (in i32 from the table's start), then the
// members. A build list names a bundle (entry first + b) in place of its
// members; the build fills the bundle's histogram, expandBundles the
// members', and the subtraction and searches go through the members.

/** The features entry e stands for: its members for a bundle, else 1. */
@inline export function memberCount(bundles: usize, e: i32): i32 {
  if (bundles == 0) return 1
  const first = load<i32>(bundles)
  return e < first ? 1 : load<i32>(bundles + (<usize>(2 + 2 * (e - first)) << 2))
}

/** Feature i of entry e (e itself for a feature). */
@inline export function member(bundles: usize, e: i32, i: i32): i32 {
  if (bundles == 0) return e
  const first = load<i32>(bundles)
  return e < first ? e : load<i32>(bundles + (<usize>(load<i32>(bundles + (<usize>(3 + 2 * (e - first)) << 2)) + i) << 2))
}

/**
 * The members' histograms from their bundles' among entries [from, to), as
 * expandBundles in ../../feature-bundles.ts: bin 1 is the bundle's bin 1 + i,
 * bin 0 the node's sums (G, H, C) less it, the missing bin 0. `stride`:
 * bytes per bin, 24 with row counts, 16 without.
 */
export function expandBundles(stride: usize, hist: usize, offsets: usize, features: usize, from: i32, to: i32, bundles: usize, G: f64, H: f64, C: f64): void {
  const first = load<i32>(bundles)
  for (let fi = from; fi < to; fi++) {
    const e = load<i32>(features + (<usize>fi << 2))
    if (e < first) continue
    const slice = hist + <usize>load<i32>(offsets + (<usize>e << 2)) * stride
    const members = memberCount(bundles, e)
    for (let i = 0; i < members; i++) {
      const one = slice + <usize>(i + 1) * stride
      const at = hist + <usize>load<i32>(offsets + (<usize>member(bundles, e, i) << 2)) * stride
      const g1 = load<f64>(one)
      const h1 = load<f64>(one, 8)
      store<f64>(at + stride, g1)
      store<f64>(at + stride, h1, 8)
      store<f64>(at, G - g1)
      store<f64>(at, H - h1, 8)
      store<f64>(at + 2 * stride, 0)
      store<f64>(at + 2 * stride, 0, 8)
      if (stride == 24) {
        const c1 = load<f64>(one, 16)
        store<f64>(at + stride, c1, 16)
        store<f64>(at, C - c1, 16)
        store<f64>(at + 2 * stride, 0, 16)
      }
    }
  }
}

/** parent − hist over bundle e's members' bins, for nodeTask's subtraction (which goes through the other features itself). */
export function subtractMembers(stride: usize, parent: usize, hist: usize, offsets: usize, nBins: usize, bundles: usize, e: i32): void {
  const members = memberCount(bundles, e)
  for (let i = 0; i < members; i++) {
    const f = <usize>member(bundles, e, i)
    const start = <usize>load<i32>(offsets + (f << 2)) * stride
    const stop = start + <usize>(load<i32>(nBins + (f << 2)) + 1) * stride
    for (let at = start; at < stop; at += 8) store<f64>(parent + at, load<f64>(parent + at) - load<f64>(hist + at))
  }
}
