/**
 * Splitter: the best split of one node from its histogram, with XGBoost's
 * second-order formulas. For gradient sum G and hessian sum H of a node:
 *
 *   leaf value  w* = -T(G) / (H + lambda)
 *   score          = T(G)² / (H + lambda)
 *   split gain     = score(left) + score(right) - score(node)
 *
 * where T(G) = sign(G)·max(|G| - alpha, 0) is the L1 soft threshold. With
 * several outputs sharing a hessian (a classification tree fitted to one-hot
 * targets) scores add up over outputs. Missing values sit in their own bin and
 * are tried on both sides; the better side becomes the split's default
 * direction, which prediction follows for NaN.
 */
import type { HistogramLayout } from './histogram'
import type { SplitInfo } from './types'

/** The regularisation and leaf constraints the splitter enforces. */
export interface SplitConstraints {
  lambda: number
  alpha: number
  /** Least hessian sum per child; children must also have a positive hessian. */
  minChildWeight: number
  /** Fewest rows per child. */
  minSamplesLeaf: number
}

/** XGBoost's L1 soft threshold of a gradient sum. */
export function thresholdL1(g: number, alpha: number): number {
  return g > alpha ? g - alpha : g < -alpha ? g + alpha : 0
}

/** The optimal leaf value for gradient sum `g` and hessian sum `h`. */
export function leafValue(g: number, h: number, lambda: number, alpha: number): number {
  const denominator = h + lambda
  return denominator > 0 ? -thresholdL1(g, alpha) / denominator : 0
}

/** T(G)²/(H + lambda) summed over outputs: how much a leaf with these sums lowers the objective (×2). */
export function nodeScore(g: ArrayLike<number>, h: number, lambda: number, alpha: number): number {
  const denominator = h + lambda
  if (!(denominator > 0)) return 0
  let s = 0
  for (let c = 0; c < g.length; c++) {
    const t = thresholdL1(g[c], alpha)
    s += t * t
  }
  return s / denominator
}

/** A SplitInfo holding no split, with room for `outputs` left-gradient sums. */
export function emptySplit(outputs: number): SplitInfo {
  return { gain: -Infinity, feature: -1, bin: -1, defaultLeft: false, leftG: new Float64Array(outputs), leftH: 0, leftCount: 0 }
}

/**
 * Scans feature `f`'s bins in `hist` and updates `best` when a split of this
 * feature beats `best.gain`; candidates must also pass the constraints. Split
 * "after bin b" sends bins 0…b left; each is tried with missing rows right and,
 * when the node has missing rows, left. A node without missing rows for this
 * feature sends future missing values to the child with more training weight
 * (hessian), the likelier side. The last value bin is a candidate only
 * as "all values left, missing right". Returns whether the feature takes more
 * than one bin in this node (is not constant there).
 *
 * `nodeG`, `nodeH`, `nodeCount` are the node's sums; `parentScore` its nodeScore.
 */
export function evaluateFeature(
  hist: Float64Array,
  layout: HistogramLayout,
  f: number,
  nb: number,
  nodeG: Float64Array,
  nodeH: number,
  nodeCount: number,
  parentScore: number,
  c: SplitConstraints,
  best: SplitInfo,
  scratch: Float64Array,
): boolean {
  if (layout.outputs === 1 && layout.counted) return evaluateSingle(hist, layout.offsets[f] * 3, f, nb, nodeG[0], nodeH, nodeCount, parentScore, c, best)
  // Several outputs (multiclass trees and forests), or no row counts: compact the non-empty bins (a hessian of exactly 0 without counts) and scan those.
  const S = layout.stride
  const base = layout.offsets[f] * S
  const { codes, sums } = compactBuffers(S)
  let u = 0
  for (let b = 0; b <= nb; b++) {
    const i = base + b * S
    if (hist[i + S - 1] === 0) continue
    codes[u] = b
    for (let s = 0; s < S; s++) sums[u * S + s] = hist[i + s]
    u++
  }
  return evaluateCompact(codes, sums, u, layout.outputs, layout.counted, f, nb, nodeG, nodeH, nodeCount, parentScore, c, best, scratch)
}

const compactCodes = new Int32Array(257)
let compactSums = new Float64Array(0)

/** Scratch for compact histograms of up to 257 bins of `stride` doubles, reused across calls. */
function compactBuffers(stride: number): { codes: Int32Array; sums: Float64Array } {
  if (compactSums.length < 257 * stride) compactSums = new Float64Array(257 * stride)
  return { codes: compactCodes, sums: compactSums }
}

/**
 * One candidate of a one-output scan: rows with code ≤ b (plus the missing
 * rows when `defaultLeft` says they went into gl/hl/cl) go left. Records it in
 * `best` when the children meet the constraints and it gains more (ties lose,
 * so the first of equal candidates wins). `msl` is minSamplesLeaf, or 0 for
 * histograms without row counts.
 */
function trySingleSplit(best: SplitInfo, f: number, b: number, defaultLeft: boolean, gl: number, hl: number, cl: number, G: number, H: number, C: number, parentScore: number, c: SplitConstraints, msl: number): void {
  const hr = H - hl
  if (!(cl >= msl && C - cl >= msl && hl >= c.minChildWeight && hr >= c.minChildWeight && hl > 0 && hr > 0)) return
  const tl = c.alpha === 0 ? gl : thresholdL1(gl, c.alpha)
  const tr = c.alpha === 0 ? G - gl : thresholdL1(G - gl, c.alpha)
  const gain = (tl * tl) / (hl + c.lambda) + (tr * tr) / (hr + c.lambda) - parentScore
  if (!(gain > best.gain)) return
  best.gain = gain
  best.feature = f
  best.bin = b
  best.defaultLeft = defaultLeft
  best.leftG[0] = gl
  best.leftH = hl
  best.leftCount = cl
}

function evaluateSingle(hist: Float64Array, base: number, f: number, nb: number, G: number, H: number, C: number, parentScore: number, c: SplitConstraints, best: SplitInfo): boolean {
  const { minSamplesLeaf } = c
  const m = base + nb * 3
  const gm = hist[m]
  const hm = hist[m + 1]
  const cm = hist[m + 2]
  let nonEmpty = cm > 0 ? 1 : 0
  let gl = 0
  let hl = 0
  let cl = 0
  for (let b = 0; b < nb; b++) {
    const i = base + b * 3
    const count = hist[i + 2]
    if (count === 0) continue
    nonEmpty++
    gl += hist[i]
    hl += hist[i + 1]
    cl += count
    const last = b === nb - 1
    if (last && cm === 0) break
    // Missing rows right (for the last value bin: the split that isolates missing values).
    trySingleSplit(best, f, b, cm === 0 && hl >= H - hl, gl, hl, cl, G, H, C, parentScore, c, minSamplesLeaf)
    if (cm === 0 || last) continue
    // Missing rows left.
    trySingleSplit(best, f, b, true, gl + gm, hl + hm, cl + cm, G, H, C, parentScore, c, minSamplesLeaf)
  }
  return nonEmpty > 1
}

/**
 * evaluateFeature over a compact histogram of the `u` bins that occur
 * (`codes` ascending, the missing bin last if present; `sums` their sums,
 * stride outputs + 2 with counts, outputs + 1 without): the same candidates
 * and tie-breaking as the full scan. Used for several outputs; `gl` is
 * scratch of at least `outputs` entries.
 */
export function evaluateCompact(
  codes: Int32Array,
  sums: Float64Array,
  u: number,
  outputs: number,
  counted: boolean,
  f: number,
  nb: number,
  G: Float64Array,
  H: number,
  C: number,
  parentScore: number,
  c: SplitConstraints,
  best: SplitInfo,
  gl: Float64Array,
): boolean {
  const { lambda, alpha, minChildWeight, minSamplesLeaf } = c
  const k = outputs
  const S = k + (counted ? 2 : 1)
  const hasMissing = u > 0 && codes[u - 1] === nb
  const values = hasMissing ? u - 1 : u
  const m = (u - 1) * S
  const hm = hasMissing ? sums[m + k] : 0
  const cm = hasMissing && counted ? sums[m + k + 1] : 0
  gl.fill(0, 0, k)
  let hl = 0
  let cl = 0
  for (let e = 0; e < values; e++) {
    const i = e * S
    for (let o = 0; o < k; o++) gl[o] += sums[i + o]
    hl += sums[i + k]
    if (counted) cl += sums[i + k + 1]
    const b = codes[e]
    const last = b === nb - 1 || e === values - 1
    if (last && !hasMissing) break
    for (let side = 0; side < 2; side++) {
      const withMissing = side === 1
      if (withMissing && (!hasMissing || last)) break
      const hLeft = withMissing ? hl + hm : hl
      const cLeft = withMissing ? cl + cm : cl
      const hRight = H - hLeft
      if (counted && !(cLeft >= minSamplesLeaf && C - cLeft >= minSamplesLeaf)) continue
      if (!(hLeft >= minChildWeight && hRight >= minChildWeight && hLeft > 0 && hRight > 0)) continue
      let sl = 0
      let sr = 0
      for (let o = 0; o < k; o++) {
        const left = gl[o] + (withMissing ? sums[m + o] : 0)
        const tl = thresholdL1(left, alpha)
        const tr = thresholdL1(G[o] - left, alpha)
        sl += tl * tl
        sr += tr * tr
      }
      const gain = sl / (hLeft + lambda) + sr / (hRight + lambda) - parentScore
      if (gain > best.gain) {
        best.gain = gain
        best.feature = f
        best.bin = b
        best.defaultLeft = withMissing || (!hasMissing && hLeft >= hRight)
        for (let o = 0; o < k; o++) best.leftG[o] = gl[o] + (withMissing ? sums[m + o] : 0)
        best.leftH = hLeft
        best.leftCount = cLeft
      }
    }
  }
  return u > 1
}

