import { describe, expect, it } from 'vitest'
import { buildPackedHistogram, buildPackedHistogramDense, buildWideHistogram, MASK_WORDS, nonEmptyCodes, takeCodes } from '../../../../../src/core/model/tree/forest-histogram'
import { PACK } from '../../../../../src/core/model/tree/forest-inputs'
import { evaluatePackedDense, evaluatePackedMask, evaluateWide, type ForestSplit } from '../../../../../src/core/model/tree/forest-split'
import { createRandom } from '../../../../../src/core/random'

const split = (S: number): ForestSplit => ({ gain: 0, feature: -1, bin: 0, defaultLeft: false, left: new Float64Array(S) })

/** rows × cols codes (column-major and row-major) with `nb` value bins and some missing (code nb), whole weights and 0/1 classes. */
function node(seed: number, rows: number, cols: number, nb: number, missing: number) {
  const random = createRandom(seed)
  const col = new Uint8Array(rows * cols)
  const row = new Uint8Array(rows * cols)
  for (let i = 0; i < rows; i++) {
    for (let f = 0; f < cols; f++) {
      const code = random.next() < missing ? nb : random.int(Math.min(nb, 1 + random.int(nb)))
      col[f * rows + i] = code
      row[i * cols + f] = code
    }
  }
  const w = Float64Array.from({ length: rows }, () => 1 + random.int(3))
  const y = Float64Array.from({ length: rows }, () => (random.next() < 0.4 ? 1 : 0))
  const order = Uint32Array.from({ length: rows }, (_, i) => i).filter(() => random.next() < 0.7)
  return { col, row, w, y, order }
}

/** The reference: the best split by brute force over every bin and side, with gain Σ T²/H of the children − parent. */
function bruteForce(codes: Uint8Array, rows: number, f: number, order: Uint32Array, w: Float64Array, y: Float64Array, nb: number) {
  const T = order.reduce((s, i) => s + w[i] * y[i], 0)
  const H = order.reduce((s, i) => s + w[i], 0)
  let best = { gain: 0, bin: -1, defaultLeft: false }
  const present = new Set(Array.from(order, (i) => codes[f * rows + i]))
  for (let b = 0; b < nb; b++) {
    if (!present.has(b)) continue
    for (const missingLeft of [false, true]) {
      if (missingLeft && !present.has(nb)) continue
      let tl = 0
      let hl = 0
      for (const i of order) {
        const c = codes[f * rows + i]
        if (c <= b || (missingLeft && c === nb)) {
          tl += w[i] * y[i]
          hl += w[i]
        }
      }
      const hr = H - hl
      if (hr <= 0) continue
      const gain = (tl * tl) / hl + (T - tl) ** 2 / hr - (T * T) / H
      if (gain > best.gain * (1 + 1e-12) + 1e-12) best = { gain, bin: b, defaultLeft: missingLeft || (!present.has(nb) && hl >= hr) }
    }
  }
  return best
}

describe('forest histograms and splits', () => {
  it('packed, dense and wide histograms agree, and the marks hold exactly the bins reached', () => {
    for (const [seed, missing] of [[1, 0], [2, 0.2]] as const) {
      const rows = 300
      const cols = 7
      const nb = 40
      const { col, row, w, y, order } = node(seed, rows, cols, nb, missing)
      const offsets = Int32Array.from({ length: cols }, (_, f) => f * (nb + 1))
      const size = cols * (nb + 1)
      const features = Int32Array.of(6, 2, 0, 5, 1, 3, 4)
      const packed = Float64Array.from(order, (i) => w[i] + w[i] * y[i] * PACK)
      const wide = new Float64Array(order.length * 2)
      order.forEach((i, k) => {
        wide[2 * k] = w[i] * y[i]
        wide[2 * k + 1] = w[i]
      })
      // Row-major reads, then column-major for the dense and wide kernels.
      const marked = new Float64Array(size)
      const occupied = new Int32Array(cols * MASK_WORDS)
      buildPackedHistogram(marked, offsets, row, 1, cols, order, 0, order.length, features, 0, cols, packed, occupied)
      const dense = new Float64Array(size)
      buildPackedHistogramDense(dense, offsets, col, rows, 1, order, 0, order.length, features, 0, cols, packed)
      const wideHist = new Float64Array(size * 2)
      const wideMarks = new Int32Array(cols * MASK_WORDS)
      buildWideHistogram(wideHist, 2, offsets, col, rows, 1, order, 0, order.length, features, 0, cols, wide, wideMarks)
      expect(Array.from(marked)).toEqual(Array.from(dense))
      expect(Array.from(wideMarks)).toEqual(Array.from(occupied))
      const codes = new Int32Array(256)
      for (let i = 0; i < cols; i++) {
        const f = features[i]
        const u = takeCodes(occupied.slice(), i * MASK_WORDS, codes)
        const reached = [...new Set(Array.from(order, (r) => col[f * rows + r]))].sort((a, b) => a - b)
        expect(Array.from(codes.subarray(0, u))).toEqual(reached)
        expect(nonEmptyCodes(wideHist, offsets[f] * 2, 2, 1, nb, codes)).toBe(u)
        for (const b of reached) {
          const v = dense[offsets[f] + b]
          const t = Math.floor(v / PACK)
          expect([t, v - t * PACK]).toEqual([wideHist[(offsets[f] + b) * 2], wideHist[(offsets[f] + b) * 2 + 1]])
        }
      }
    }
  })

  it('the mask, dense and wide evaluations find the brute-force best split and leave the histogram and marks zero', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rows = 40 + seed * 17
      const nb = 3 + ((seed * 7) % 60)
      const { col, w, y, order } = node(seed, rows, 1, nb, seed % 3 === 0 ? 0 : 0.15)
      const T = order.reduce((s, i) => s + w[i] * y[i], 0)
      const H = order.reduce((s, i) => s + w[i], 0)
      const packed = Float64Array.from(order, (i) => w[i] + w[i] * y[i] * PACK)
      const features = Int32Array.of(0)
      const offsets = Int32Array.of(0)
      const hist = new Float64Array(nb + 1)
      const occupied = new Int32Array(MASK_WORDS)
      buildPackedHistogram(hist, offsets, col, rows, 1, order, 0, order.length, features, 0, 1, packed, occupied)
      const dense = split(1)
      evaluatePackedDense(hist, 0, 0, nb, T, H, dense)
      const wideHist = new Float64Array(2 * (nb + 1))
      const codes = new Int32Array(256)
      for (let b = 0; b <= nb; b++) {
        const t = Math.floor(hist[b] / PACK)
        wideHist[2 * b] = t
        wideHist[2 * b + 1] = hist[b] - t * PACK
      }
      const wide = split(2)
      evaluateWide(wideHist, 0, 2, false, codes, nonEmptyCodes(wideHist, 0, 2, 1, nb, codes), 0, nb, Float64Array.of(T, H), 1, wide, new Float64Array(4))
      const marked = split(1)
      evaluatePackedMask(hist, 0, occupied, 0, 0, nb, T, H, marked, true)
      expect(hist.every((v) => v === 0)).toBe(true)
      expect(occupied.every((v) => v === 0)).toBe(true)
      const reference = bruteForce(col, rows, 0, order, w, y, nb)
      for (const found of [marked, dense, wide]) {
        expect([found.bin, found.defaultLeft]).toEqual([reference.bin, reference.defaultLeft])
        expect(found.gain).toBeCloseTo(reference.gain, 9)
      }
      expect(Array.from(marked.left)).toEqual(Array.from(dense.left))
    }
  })
})
