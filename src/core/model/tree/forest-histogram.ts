/**
 * Histograms of the features drawn for one node of a forest's tree, built
 * directly in a buffer kept all zero (a forest's node histograms only its few
 * drawn features, so there is no parent to subtract from). Each bin sums its
 * rows' statistics: packed (one double per row and bin, see
 * ForestInputs.packed) or S doubles per row (class-weighted sums per output,
 * the weight, and the row count where minSamplesLeaf needs it).
 *
 * In a small node every bin touched is marked in its feature's 256-bit
 * occupancy mask, so evaluating and clearing visit only those bins and cost
 * what the node's rows cost: most of a fully grown tree's nodes hold a
 * handful of rows. A large node skips the marks (each is a read-modify-write
 * that chains on the one before: measured, they doubled the cost of a row)
 * and its bins are scanned in full, which costs less than marking its rows.
 */

/**
 * Nodes with at least this many rows histogram without occupancy marks and
 * scan every bin (see the header). Measured on 80,000 × 42 (fit CPU time, 20
 * trees): 48 rows 1.28 s, 96 rows 1.20 s, 256 rows 1.43–1.62 s.
 */
export const DENSE_FROM_ROWS = 96

/** 32-bit words of one feature's occupancy mask: bin codes are bytes. */
export const MASK_WORDS = 8

/**
 * Adds rows[start..end) to features[from..to) of `hist` (all zero there on
 * entry), one double per bin: row rows[k]'s packed statistic is stat[k]
 * (positional). Row r's code of feature f is codes[f·colStride + r·rowStride]
 * (column-major: colStride = rows, rowStride = 1; row-major: 1 and cols).
 * Feature features[i]'s bins start at offsets[features[i]], and its mask at
 * word (i - from)·MASK_WORDS of `occupied`. Six features share a pass over
 * the rows, then three, then one.
 */
export function buildPackedHistogram(
  hist: Float64Array,
  offsets: Int32Array,
  codes: Uint8Array,
  colStride: number,
  rowStride: number,
  rows: Uint32Array,
  start: number,
  end: number,
  features: Int32Array,
  from: number,
  to: number,
  stat: Float64Array,
  occupied: Int32Array,
): void {
  const M = MASK_WORDS
  let fi = from
  for (; fi + 5 < to; fi += 6) {
    const f0 = features[fi]
    const f1 = features[fi + 1]
    const f2 = features[fi + 2]
    const f3 = features[fi + 3]
    const f4 = features[fi + 4]
    const f5 = features[fi + 5]
    const b0 = offsets[f0]
    const b1 = offsets[f1]
    const b2 = offsets[f2]
    const b3 = offsets[f3]
    const b4 = offsets[f4]
    const b5 = offsets[f5]
    const c0 = f0 * colStride
    const c1 = f1 * colStride
    const c2 = f2 * colStride
    const c3 = f3 * colStride
    const c4 = f4 * colStride
    const c5 = f5 * colStride
    const o0 = (fi - from) * M
    for (let k = start; k < end; k++) {
      const r = rows[k] * rowStride
      const v = stat[k]
      let b = codes[c0 + r]
      occupied[o0 + (b >> 5)] |= 1 << (b & 31)
      hist[b0 + b] += v
      b = codes[c1 + r]
      occupied[o0 + M + (b >> 5)] |= 1 << (b & 31)
      hist[b1 + b] += v
      b = codes[c2 + r]
      occupied[o0 + 2 * M + (b >> 5)] |= 1 << (b & 31)
      hist[b2 + b] += v
      b = codes[c3 + r]
      occupied[o0 + 3 * M + (b >> 5)] |= 1 << (b & 31)
      hist[b3 + b] += v
      b = codes[c4 + r]
      occupied[o0 + 4 * M + (b >> 5)] |= 1 << (b & 31)
      hist[b4 + b] += v
      b = codes[c5 + r]
      occupied[o0 + 5 * M + (b >> 5)] |= 1 << (b & 31)
      hist[b5 + b] += v
    }
  }
  for (; fi + 2 < to; fi += 3) {
    const f0 = features[fi]
    const f1 = features[fi + 1]
    const f2 = features[fi + 2]
    const b0 = offsets[f0]
    const b1 = offsets[f1]
    const b2 = offsets[f2]
    const c0 = f0 * colStride
    const c1 = f1 * colStride
    const c2 = f2 * colStride
    const o0 = (fi - from) * M
    for (let k = start; k < end; k++) {
      const r = rows[k] * rowStride
      const v = stat[k]
      let b = codes[c0 + r]
      occupied[o0 + (b >> 5)] |= 1 << (b & 31)
      hist[b0 + b] += v
      b = codes[c1 + r]
      occupied[o0 + M + (b >> 5)] |= 1 << (b & 31)
      hist[b1 + b] += v
      b = codes[c2 + r]
      occupied[o0 + 2 * M + (b >> 5)] |= 1 << (b & 31)
      hist[b2 + b] += v
    }
  }
  for (; fi < to; fi++) {
    const f = features[fi]
    const base = offsets[f]
    const col = f * colStride
    const o = (fi - from) * M
    for (let k = start; k < end; k++) {
      const b = codes[col + rows[k] * rowStride]
      occupied[o + (b >> 5)] |= 1 << (b & 31)
      hist[base + b] += stat[k]
    }
  }
}

/** buildPackedHistogram without occupancy marks, for nodes of at least DENSE_FROM_ROWS rows. */
export function buildPackedHistogramDense(
  hist: Float64Array,
  offsets: Int32Array,
  codes: Uint8Array,
  colStride: number,
  rowStride: number,
  rows: Uint32Array,
  start: number,
  end: number,
  features: Int32Array,
  from: number,
  to: number,
  stat: Float64Array,
): void {
  let fi = from
  for (; fi + 5 < to; fi += 6) {
    const f0 = features[fi]
    const f1 = features[fi + 1]
    const f2 = features[fi + 2]
    const f3 = features[fi + 3]
    const f4 = features[fi + 4]
    const f5 = features[fi + 5]
    const b0 = offsets[f0]
    const b1 = offsets[f1]
    const b2 = offsets[f2]
    const b3 = offsets[f3]
    const b4 = offsets[f4]
    const b5 = offsets[f5]
    const c0 = f0 * colStride
    const c1 = f1 * colStride
    const c2 = f2 * colStride
    const c3 = f3 * colStride
    const c4 = f4 * colStride
    const c5 = f5 * colStride
    for (let k = start; k < end; k++) {
      const r = rows[k] * rowStride
      const v = stat[k]
      hist[b0 + codes[c0 + r]] += v
      hist[b1 + codes[c1 + r]] += v
      hist[b2 + codes[c2 + r]] += v
      hist[b3 + codes[c3 + r]] += v
      hist[b4 + codes[c4 + r]] += v
      hist[b5 + codes[c5 + r]] += v
    }
  }
  for (; fi + 2 < to; fi += 3) {
    const f0 = features[fi]
    const f1 = features[fi + 1]
    const f2 = features[fi + 2]
    const b0 = offsets[f0]
    const b1 = offsets[f1]
    const b2 = offsets[f2]
    const c0 = f0 * colStride
    const c1 = f1 * colStride
    const c2 = f2 * colStride
    for (let k = start; k < end; k++) {
      const r = rows[k] * rowStride
      const v = stat[k]
      hist[b0 + codes[c0 + r]] += v
      hist[b1 + codes[c1 + r]] += v
      hist[b2 + codes[c2 + r]] += v
    }
  }
  for (; fi < to; fi++) {
    const f = features[fi]
    const base = offsets[f]
    const col = f * colStride
    for (let k = start; k < end; k++) hist[base + codes[col + rows[k] * rowStride]] += stat[k]
  }
}

/**
 * buildPackedHistogram for S statistics per row (stat[k·S + s]) and bin
 * (hist[(offsets[f] + b)·S + s]); two of them (one output, no row counts)
 * go three features a pass. Without `occupied` (large nodes) no bins are marked.
 */
export function buildWideHistogram(
  hist: Float64Array,
  S: number,
  offsets: Int32Array,
  codes: Uint8Array,
  colStride: number,
  rowStride: number,
  rows: Uint32Array,
  start: number,
  end: number,
  features: Int32Array,
  from: number,
  to: number,
  stat: Float64Array,
  occupied: Int32Array | null,
): void {
  const M = MASK_WORDS
  let fi = from
  if (S === 2 && occupied) {
    for (; fi + 2 < to; fi += 3) {
      const f0 = features[fi]
      const f1 = features[fi + 1]
      const f2 = features[fi + 2]
      const b0 = offsets[f0] * 2
      const b1 = offsets[f1] * 2
      const b2 = offsets[f2] * 2
      const c0 = f0 * colStride
      const c1 = f1 * colStride
      const c2 = f2 * colStride
      const o0 = (fi - from) * M
      for (let k = start; k < end; k++) {
        const r = rows[k] * rowStride
        const t = stat[2 * k]
        const w = stat[2 * k + 1]
        let b = codes[c0 + r]
        occupied[o0 + (b >> 5)] |= 1 << (b & 31)
        let x = b0 + 2 * b
        hist[x] += t
        hist[x + 1] += w
        b = codes[c1 + r]
        occupied[o0 + M + (b >> 5)] |= 1 << (b & 31)
        x = b1 + 2 * b
        hist[x] += t
        hist[x + 1] += w
        b = codes[c2 + r]
        occupied[o0 + 2 * M + (b >> 5)] |= 1 << (b & 31)
        x = b2 + 2 * b
        hist[x] += t
        hist[x + 1] += w
      }
    }
  }
  for (; fi < to; fi++) {
    const f = features[fi]
    const base = offsets[f] * S
    const col = f * colStride
    const o = (fi - from) * M
    for (let k = start; k < end; k++) {
      const b = codes[col + rows[k] * rowStride]
      if (occupied) occupied[o + (b >> 5)] |= 1 << (b & 31)
      const x = base + b * S
      for (let s = 0; s < S; s++) hist[x + s] += stat[k * S + s]
    }
  }
}

/**
 * Writes the bin codes marked in the mask at word `mask` to `out` in
 * ascending order, clears the mask, and returns how many there are.
 */
export function takeCodes(occupied: Int32Array, mask: number, out: Int32Array): number {
  let u = 0
  for (let w = 0; w < MASK_WORDS; w++) {
    let word = occupied[mask + w]
    if (word === 0) continue
    occupied[mask + w] = 0
    while (word !== 0) {
      const low = word & ((~word + 1) | 0)
      out[u++] = (w << 5) | (31 - Math.clz32(low))
      word ^= low
    }
  }
  return u
}

/** The codes of feature bins hist[base + b·S] (b = 0…nb) with weight (statistic `weightAt`) ≠ 0, ascending, into `out`; returns how many. */
export function nonEmptyCodes(hist: Float64Array, base: number, S: number, weightAt: number, nb: number, out: Int32Array): number {
  let u = 0
  for (let b = 0; b <= nb; b++) if (hist[base + b * S + weightAt] !== 0) out[u++] = b
  return u
}
