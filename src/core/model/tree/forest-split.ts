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
 * Packed statistics (ForestInputs.packed: class-1 weight T and weight H of
 * the node in one double), read straight from the feature's occupancy mask (8 words at
 * `mask` of `occupied`, see forest-histogram.ts), clearing each bin and the
 * mask as it reads them: one pass instead of listing, scanning and clearing.
 * With `search` false it only clears. The same candidates in the same order
 * (a candidate with no weight right is refused by hr > 0). Updates `best`;
 * returns whether the feature takes more than one bin in the node.
 */
export function evaluatePackedMask(hist: Float64Array, base: number, occupied: Int32Array, mask: number, f: number, nb: number, T: number, H: number, best: ForestSplit, search: boolean): boolean {
  // The missing bin is the feature's highest code: take it first.
  const mw = mask + (nb >> 5)
  const mbit = 1 << (nb & 31)
  const hasMissing = (occupied[mw] & mbit) !== 0
  const vm = hasMissing ? hist[base + nb] : 0
  if (hasMissing) {
    hist[base + nb] = 0
    occupied[mw] ^= mbit
  }
  let count = hasMissing ? 1 : 0
  let vl = 0
  for (let w = 0; w < 8; w++) {
    let word = occupied[mask + w]
    if (word === 0) continue
    occupied[mask + w] = 0
    while (word !== 0) {
      const low = word & ((~word + 1) | 0)
      word ^= low
      const b = (w << 5) | (31 - Math.clz32(low))
      const x = base + b
      vl += hist[x]
      hist[x] = 0
      count++
      if (!search) continue
      let tl = Math.floor(vl * INV_PACK)
      let hl = vl - tl * PACK
      let hr = H - hl
      let d = tl * H - T * hl
      if (d * d > best.gain * (hl * hr * H) && hr > 0) {
        best.gain = (d * d) / (hl * hr * H)
        best.feature = f
        best.bin = b
        best.defaultLeft = !hasMissing && hl >= hr
        best.left[0] = vl
      }
      if (!hasMissing) continue
      const v = vl + vm
      tl = Math.floor(v * INV_PACK)
      hl = v - tl * PACK
      hr = H - hl
      d = tl * H - T * hl
      if (d * d > best.gain * (hl * hr * H) && hr > 0) {
        best.gain = (d * d) / (hl * hr * H)
        best.feature = f
        best.bin = b
        best.defaultLeft = true
        best.left[0] = v
      }
    }
  }
  return count > 1
}

/**
 * evaluatePackedMask over every bin of the feature (a large node: no occupancy
 * marks), skipping empty ones: the same candidates in the same order. A
 * candidate with no weight right (past the last value bin, or missing rows
 * left when they are all that is right) is refused by hr > 0.
 */
export function evaluatePackedDense(hist: Float64Array, base: number, f: number, nb: number, T: number, H: number, best: ForestSplit): boolean {
  const vm = hist[base + nb]
  let vl = 0
  let occupied = vm !== 0 ? 1 : 0
  for (let b = 0; b < nb; b++) {
    const v = hist[base + b]
    if (v === 0) continue
    occupied++
    vl += v
    let tl = Math.floor(vl * INV_PACK)
    let hl = vl - tl * PACK
    let hr = H - hl
    let d = tl * H - T * hl
    // gain > best ⇔ d² > best · hl·hr·H: the division only for a new best.
    if (d * d > best.gain * (hl * hr * H) && hr > 0) {
      best.gain = (d * d) / (hl * hr * H)
      best.feature = f
      best.bin = b
      best.defaultLeft = vm === 0 && hl >= hr
      best.left[0] = vl
    }
    if (vm === 0) continue
    const w = vl + vm
    tl = Math.floor(w * INV_PACK)
    hl = w - tl * PACK
    hr = H - hl
    d = tl * H - T * hl
    if (d * d > best.gain * (hl * hr * H) && hr > 0) {
      best.gain = (d * d) / (hl * hr * H)
      best.feature = f
      best.bin = b
      best.defaultLeft = true
      best.left[0] = w
    }
  }
  return occupied > 1
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
