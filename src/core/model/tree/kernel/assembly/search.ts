// AssemblyScript source of the histogram kernel's split search (nodeTask in
// histogram.ts calls it): a node's best split over a range of its features,
// as splitter.ts searches them.

import { member, memberCount } from './bundles'

// The best split of one node over a range of its features (splitter.ts's
// evaluateSingle and trySingleSplit for one output with row counts), the same
// arithmetic in the same order, so the same split and the same bits. `out`
// receives gain, left gradient, left hessian, left count (f64) at 0, 8, 16,
// 24 and feature, bin, default-left (i32) at 32, 36, 40; it starts as "no
// split" with gain `floor`.

/** tl²/(hl + λ) + tr²/(hr + λ), both divisions in one f64x2 instruction (each lane rounds as a scalar division would). */
@inline function scoreSum(tl: f64, tr: f64, hl: f64, hr: f64, lambda: f64): f64 {
  const q = f64x2.div(f64x2.replace_lane(f64x2.splat(tl * tl), 1, tr * tr), f64x2.replace_lane(f64x2.splat(hl + lambda), 1, hr + lambda))
  return f64x2.extract_lane(q, 0) + f64x2.extract_lane(q, 1)
}

@inline function thresholdL1(g: f64, alpha: f64): f64 {
  return g > alpha ? g - alpha : g < -alpha ? g + alpha : 0
}

@inline function trySplit(out: usize, f: i32, b: i32, defaultLeft: bool, gl: f64, hl: f64, cl: f64, G: f64, H: f64, C: f64, parentScore: f64, lambda: f64, alpha: f64, minChildWeight: f64, msl: f64): void {
  const hr = H - hl
  if (!(cl >= msl && C - cl >= msl && hl >= minChildWeight && hr >= minChildWeight && hl > 0 && hr > 0)) return
  const tl = alpha == 0 ? gl : thresholdL1(gl, alpha)
  const tr = alpha == 0 ? G - gl : thresholdL1(G - gl, alpha)
  const gain = scoreSum(tl, tr, hl, hr, lambda) - parentScore
  if (!(gain > load<f64>(out))) return
  store<f64>(out, gain)
  store<f64>(out, gl, 8)
  store<f64>(out, hl, 16)
  store<f64>(out, cl, 24)
  store<i32>(out, f, 32)
  store<i32>(out, b, 36)
  store<i32>(out, defaultLeft ? 1 : 0, 40)
}

/** Searches the features of entries features[from..to) (a bundle's members for a bundle) of `hist` for one node; see the block comment above for `out`. */
export function searchRange(hist: usize, offsets: usize, nBins: usize, features: usize, bundles: usize, from: i32, to: i32, G: f64, H: f64, C: f64, parentScore: f64, lambda: f64, alpha: f64, minChildWeight: f64, msl: f64, floor: f64, out: usize): void {
  store<f64>(out, floor)
  store<i32>(out, -1, 32)
  for (let fi = from; fi < to; fi++) {
    const e = load<i32>(features + (<usize>fi << 2))
    const members = memberCount(bundles, e)
    for (let k = 0; k < members; k++) searchFeature(hist, offsets, nBins, member(bundles, e, k), G, H, C, parentScore, lambda, alpha, minChildWeight, msl, out)
  }
}

/** One feature's bins for searchRange (called for each feature of an entry: the entry's own, or a bundle's members). */
function searchFeature(hist: usize, offsets: usize, nBins: usize, f: i32, G: f64, H: f64, C: f64, parentScore: f64, lambda: f64, alpha: f64, minChildWeight: f64, msl: f64, out: usize): void {
  const nb = load<i32>(nBins + (<usize>f << 2))
  const base = hist + <usize>load<i32>(offsets + (<usize>f << 2)) * 24
  const m = base + <usize>nb * 24
  const gm = load<f64>(m)
  const hm = load<f64>(m, 8)
  const cm = load<f64>(m, 16)
  let gl: f64 = 0
  let hl: f64 = 0
  let cl: f64 = 0
  for (let b = 0; b < nb; b++) {
    const i = base + <usize>b * 24
    const binCount = load<f64>(i, 16)
    if (binCount == 0) continue
    gl += load<f64>(i)
    hl += load<f64>(i, 8)
    cl += binCount
    const last = b == nb - 1
    if (last && cm == 0) break
    // Missing rows right (for the last value bin: the split that isolates missing values).
    trySplit(out, f, b, cm == 0 && hl >= H - hl, gl, hl, cl, G, H, C, parentScore, lambda, alpha, minChildWeight, msl)
    if (cm == 0 || last) continue
    // Missing rows left.
    trySplit(out, f, b, true, gl + gm, hl + hm, cl + cm, G, H, C, parentScore, lambda, alpha, minChildWeight, msl)
  }
}

/**
 * searchRange for histograms without row counts: splitter.ts's
 * evaluateCompact for one output, which skips bins whose hessian is exactly
 * 0 (empty) and ends at the last non-empty value bin.
 */
export function searchRangeUncounted(hist: usize, offsets: usize, nBins: usize, features: usize, bundles: usize, from: i32, to: i32, G: f64, H: f64, parentScore: f64, lambda: f64, alpha: f64, minChildWeight: f64, floor: f64, out: usize): void {
  store<f64>(out, floor)
  store<i32>(out, -1, 32)
  for (let fi = from; fi < to; fi++) {
    const e = load<i32>(features + (<usize>fi << 2))
    const members = memberCount(bundles, e)
    for (let k = 0; k < members; k++) searchFeatureUncounted(hist, offsets, nBins, member(bundles, e, k), G, H, parentScore, lambda, alpha, minChildWeight, out)
  }
}

/** One feature's bins for searchRangeUncounted. */
function searchFeatureUncounted(hist: usize, offsets: usize, nBins: usize, f: i32, G: f64, H: f64, parentScore: f64, lambda: f64, alpha: f64, minChildWeight: f64, out: usize): void {
  const nb = load<i32>(nBins + (<usize>f << 2))
  const base = hist + <usize>load<i32>(offsets + (<usize>f << 2)) * 16
  const m = base + <usize>nb * 16
  const gm = load<f64>(m)
  const hm = load<f64>(m, 8)
  const hasMissing = hm != 0
  let top = nb - 1
  while (top >= 0 && load<f64>(base + <usize>top * 16, 8) == 0) top--
  let gl: f64 = 0
  let hl: f64 = 0
  for (let b = 0; b <= top; b++) {
    const i = base + <usize>b * 16
    const hb = load<f64>(i, 8)
    if (hb == 0) continue
    gl += load<f64>(i)
    hl += hb
    const last = b == top
    if (last && !hasMissing) break
    // Missing rows right (or, without missing rows in the node, to the heavier side).
    const hr = H - hl
    if (hl >= minChildWeight && hr >= minChildWeight && hl > 0 && hr > 0) trySplitUncounted(out, f, b, !hasMissing && hl >= hr, gl, hl, G, hr, parentScore, lambda, alpha)
    if (!hasMissing || last) continue
    // Missing rows left.
    const hLeft = hl + hm
    const hRight = H - hLeft
    if (hLeft >= minChildWeight && hRight >= minChildWeight && hLeft > 0 && hRight > 0) trySplitUncounted(out, f, b, true, gl + gm, hLeft, G, hRight, parentScore, lambda, alpha)
  }
}

@inline function trySplitUncounted(out: usize, f: i32, b: i32, defaultLeft: bool, left: f64, hLeft: f64, G: f64, hRight: f64, parentScore: f64, lambda: f64, alpha: f64): void {
  const tl = thresholdL1(left, alpha)
  const tr = thresholdL1(G - left, alpha)
  const gain = scoreSum(tl, tr, hLeft, hRight, lambda) - parentScore
  if (!(gain > load<f64>(out))) return
  store<f64>(out, gain)
  store<f64>(out, left, 8)
  store<f64>(out, hLeft, 16)
  store<f64>(out, 0, 24)
  store<i32>(out, f, 32)
  store<i32>(out, b, 36)
  store<i32>(out, defaultLeft ? 1 : 0, 40)
}
