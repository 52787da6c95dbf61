/**
 * The best split of a forest's node on one feature, from the histogram of
 * the bins its rows occupy. A forest's trees fit class shares (or means), so
 * a node is summed as H = Σ w (its weight) and T_c = Σ w·t_c per output (t:
 * 1 for the row's class, or the centred target); a split into left and right
 * lowers the weighted squared error (Gini impurity × weight, for classes) by
 *
 *   gain = Σ_c T_lc²/H_l + T_rc²/H_r − T_c²/H = Σ_c (T_lc·H − T_c·H_l)² / (H_l·H_r·H)
 *
 * the right-hand form having no cancellation: with whole-number weights the
 * difference in the numerator is exact, so a split that changes nothing gains
 * exactly 0. Missing values sit in their own bin (code nb) and are tried on
 * both sides; the better side becomes the split's default direction. Ties
 * lose: the first of equal candidates (features in draw order, bins
 * ascending, missing right before left) wins.
 */
import { PACK } from './forest-inputs'

/** The best split found so far for a node. */
export interface ForestSplit {
  gain: number
  feature: number
  bin: number
  defaultLeft: boolean
  /** The left child's sums: one packed double, or the S statistics. */
  left: Float64Array
}

const INV_PACK = 1 / PACK

/**
 * Packed statistics (ForestInputs.packed): bins hist[base + code] over the
 * occupied `codes[0..u)` (ascending; the missing code nb last when present);
 * the node has class-1 weight T and weight H. Updates `best`; returns whether
 * the feature takes more than one bin in the node.
 */
export function evaluatePacked(hist: Float64Array, base: number, codes: Int32Array, u: number, f: number, nb: number, T: number, H: number, best: ForestSplit): boolean {
  const hasMissing = u > 0 && codes[u - 1] === nb
  const values = hasMissing ? u - 1 : u
  const vm = hasMissing ? hist[base + nb] : 0
  let vl = 0
  for (let e = 0; e < values; e++) {
    const b = codes[e]
    vl += hist[base + b]
    const last = e === values - 1
    if (last && !hasMissing) break
    // Missing rows right (for the last value bin: the split that isolates them).
    let tl = Math.floor(vl * INV_PACK)
    let hl = vl - tl * PACK
    let hr = H - hl
    let d = tl * H - T * hl
    let gain = (d * d) / (hl * hr * H)
    if (gain > best.gain && hr > 0) {
      best.gain = gain
      best.feature = f
      best.bin = b
      best.defaultLeft = !hasMissing && hl >= hr
      best.left[0] = vl
    }
    if (!hasMissing || last) continue
    // Missing rows left.
    const v = vl + vm
    tl = Math.floor(v * INV_PACK)
    hl = v - tl * PACK
    hr = H - hl
    d = tl * H - T * hl
    gain = (d * d) / (hl * hr * H)
    if (gain > best.gain && hr > 0) {
      best.gain = gain
      best.feature = f
      best.bin = b
      best.defaultLeft = true
      best.left[0] = v
    }
  }
  return u > 1
}

/**
 * S statistics per bin, hist[base + code·S + s]: K = S − 1 − counted sums T_c,
 * the weight, then (counted) the row count. `node` holds the node's S sums;
 * children need at least `minRows` rows (counted) and positive weight.
 * `sums` is scratch of 2·S. Same candidates and order as evaluatePacked.
 */
export function evaluateWide(
  hist: Float64Array,
  base: number,
  S: number,
  counted: boolean,
  codes: Int32Array,
  u: number,
  f: number,
  nb: number,
  node: Float64Array,
  minRows: number,
  best: ForestSplit,
  sums: Float64Array,
): boolean {
  const K = S - (counted ? 2 : 1)
  const H = node[K]
  const C = counted ? node[K + 1] : 0
  const hasMissing = u > 0 && codes[u - 1] === nb
  const values = hasMissing ? u - 1 : u
  const m = base + nb * S
  for (let s = 0; s < S; s++) sums[s] = 0
  for (let e = 0; e < values; e++) {
    const b = codes[e]
    const x = base + b * S
    for (let s = 0; s < S; s++) sums[s] += hist[x + s]
    const last = e === values - 1
    if (last && !hasMissing) break
    for (let side = 0; side < 2; side++) {
      const withMissing = side === 1
      if (withMissing && (!hasMissing || last)) break
      const hl = sums[K] + (withMissing ? hist[m + K] : 0)
      const hr = H - hl
      if (!(hl > 0 && hr > 0)) continue
      if (counted) {
        const cl = sums[K + 1] + (withMissing ? hist[m + K + 1] : 0)
        if (!(cl >= minRows && C - cl >= minRows)) continue
      }
      let q = 0
      for (let c = 0; c < K; c++) {
        const d = (sums[c] + (withMissing ? hist[m + c] : 0)) * H - node[c] * hl
        q += d * d
      }
      const gain = q / (hl * hr * H)
      if (!(gain > best.gain)) continue
      best.gain = gain
      best.feature = f
      best.bin = b
      best.defaultLeft = withMissing || (!hasMissing && hl >= hr)
      for (let s = 0; s < S; s++) best.left[s] = sums[s] + (withMissing ? hist[m + s] : 0)
    }
  }
  return u > 1
}
