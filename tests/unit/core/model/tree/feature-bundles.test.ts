import { describe, expect, it } from 'vitest'
import { bundledCodes, bundleEntries, bundleFeatures, expandBundles, searchOrder } from '../../../../../src/core/model/tree/feature-bundles'
import { buildHistogram, histogramLayout } from '../../../../../src/core/model/tree/histogram'
import type { BinnedMatrix } from '../../../../../src/core/model/tree/types'
import { createRandom } from '../../../../../src/core/random'

/** A binned matrix from columns of codes (each n long) and their value bins. */
function matrix(columns: number[][], nBins: number[]): BinnedMatrix {
  const n = columns[0].length
  const bins = new Uint8Array(n * columns.length)
  columns.forEach((c, j) => bins.set(c, j * n))
  return { rows: n, cols: columns.length, bins, nBins: Int32Array.from(nBins), edges: nBins.map((b) => new Float64Array(b - 1)) }
}

describe('exclusive feature bundles', () => {
  // Rows:        0  1  2  3  4  5  6  7
  const cont = [0, 3, 1, 4, 2, 0, 1, 3]
  const a1 = [1, 0, 0, 1, 0, 0, 0, 0]
  const a2 = [0, 1, 0, 0, 0, 1, 0, 0]
  const a3 = [0, 0, 1, 0, 0, 0, 0, 1] // a1…a3 never 1 together; rows 4 and 6 in none
  const b1 = [1, 1, 0, 0, 0, 0, 1, 0] // 1 with a1 (row 0) and a2 (row 1): another bundle
  const b2 = [0, 0, 1, 1, 1, 0, 0, 0] // 1 with a3 and a1, never with b1
  const missing = [0, 0, 0, 0, 2, 0, 1, 0] // one missing code: never bundled
  const wide = [0, 1, 0, 1, 0, 1, 0, 0] // three value bins: not a 0/1 feature

  it('bundles 0/1 features never 1 in the same row, greedily in column order, and codes each row by its member', () => {
    const data = matrix([cont, a1, a2, a3, b1, b2, missing, wide], [5, 2, 2, 2, 2, 2, 2, 3])
    const bundled = bundleFeatures(data)
    expect(bundled.bundles?.first).toBe(8)
    expect(bundled.bundles?.members.map((m) => Array.from(m))).toEqual([[1, 2, 3], [4, 5]])
    expect(Array.from(bundled.nBins)).toEqual([5, 2, 2, 2, 2, 2, 2, 3, 4, 3])
    // Codes: 0 for none, 1 + the member's place.
    expect(Array.from(bundled.bundles!.codes.subarray(0, 8))).toEqual([1, 2, 3, 1, 0, 2, 0, 3])
    expect(Array.from(bundled.bundles!.codes.subarray(8, 16))).toEqual([1, 1, 2, 2, 2, 0, 1, 0])
    // The features' own codes are untouched; kernels see the bundles' after them.
    expect(bundled.bins).toBe(data.bins)
    expect(Array.from(bundledCodes(bundled).subarray(64, 80))).toEqual([1, 2, 3, 1, 0, 2, 0, 3, 1, 1, 2, 2, 2, 0, 1, 0])
  })

  it('leaves a matrix without two exclusive 0/1 features as it is', () => {
    const data = matrix([cont, a1, b1, missing], [5, 2, 2, 2])
    expect(bundleFeatures(data)).toBe(data)
  })

  it('reads four codes at a time and the rest one by one (n not a multiple of 4, columns off word boundaries)', () => {
    const random = createRandom(3)
    for (const n of [1, 5, 37, 1001]) {
      const level = Array.from({ length: n }, () => random.int(4))
      const one = (k: number) => level.map((l) => (l === k ? 1 : 0))
      const data = matrix([one(0), one(1), one(2)], [2, 2, 2])
      const bundled = bundleFeatures(data)
      const present = [0, 1, 2].filter((k) => level.includes(k))
      if (present.length < 2) continue
      expect(Array.from(bundled.bundles!.members[0])).toEqual(present)
      expect(Array.from(bundled.bundles!.codes)).toEqual(level.map((l) => (l < 3 && present.includes(l) ? present.indexOf(l) + 1 : 0)))
    }
  })

  it('builds a tree on every feature from each bundle in its first member\'s place, and searches the members there', () => {
    const bundles = { first: 8, members: [Int32Array.of(1, 2, 3), Int32Array.of(4, 6)], codes: new Uint8Array(0) }
    const entries = bundleEntries(Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7), bundles)
    expect(Array.from(entries)).toEqual([0, 8, 9, 5, 7])
    expect(Array.from(searchOrder(entries, bundles))).toEqual([0, 1, 2, 3, 4, 6, 5, 7])
    // The same list object, the same order object (made once).
    expect(searchOrder(entries, bundles)).toBe(searchOrder(entries, bundles))
  })

  it('derives each member\'s bins from its bundle\'s: bin 1 as built, bin 0 the node less it, no missing rows', () => {
    const data = bundleFeatures(matrix([cont, a1, a2, a3], [5, 2, 2, 2]))
    const g = Float64Array.of(0.5, -1.25, 2, 0.75, -0.5, 1.5, -2, 0.25)
    const h = Float64Array.of(1, 2, 0.5, 1.5, 1, 0.25, 2, 0.75)
    const rows = Uint32Array.from({ length: 8 }, (_, i) => i)
    for (const counted of [false, true]) {
      const layout = histogramLayout(data.nBins, 1, counted)
      const { stride } = layout
      const entries = bundleEntries(Int32Array.of(0, 1, 2, 3), data.bundles!)
      const hist = new Float64Array(layout.size).fill(Number.NaN)
      buildHistogram(hist, layout, { ...data, bins: bundledCodes(data) }, rows, 0, 8, entries, 0, entries.length, g, h, true)
      const G = g.reduce((a, b) => a + b, 0)
      const H = h.reduce((a, b) => a + b, 0)
      expandBundles(hist, layout, data.bundles!, entries, 0, entries.length, G, H, 8)
      // Member a2 (feature 2): rows 1 and 5 are 1.
      const at = layout.offsets[2] * stride
      expect(hist[at + stride]).toBe(-1.25 + 1.5)
      expect(hist[at + stride + 1]).toBe(2 + 0.25)
      expect(hist[at]).toBe(G - (-1.25 + 1.5))
      expect(hist[at + 1]).toBe(H - (2 + 0.25))
      expect(hist[at + 2 * stride]).toBe(0)
      expect(hist[at + 2 * stride + 1]).toBe(0)
      if (counted) expect([hist[at + 2], hist[at + stride + 2], hist[at + 2 * stride + 2]]).toEqual([6, 2, 0])
      // Against each member built on its own: bin 1 bit for bit, bin 0 up to rounding.
      const direct = new Float64Array(layout.size)
      buildHistogram(direct, layout, data, rows, 0, 8, Int32Array.of(1, 2, 3), 0, 3, g, h, true)
      for (const f of [1, 2, 3]) {
        const o = layout.offsets[f] * stride
        expect(hist[o + stride]).toBe(direct[o + stride])
        expect(hist[o]).toBeCloseTo(direct[o], 12)
        expect(hist[o + 1]).toBeCloseTo(direct[o + 1], 12)
      }
    }
  })
})
