import { describe, expect, it } from 'vitest'
import { buildHistogram, gatherGradients, histogramLayout, subtractHistogram } from '../../../../../src/core/model/tree/histogram'
import { buildSampledHistogram, clearCodes, occupiedCodes, rowMajorBins } from '../../../../../src/core/model/tree/sampled-histogram'
import type { BinnedMatrix } from '../../../../../src/core/model/tree/types'
import { createRandom } from '../../../../../src/core/random'

/** Two features over 6 rows; feature 0 has 3 value bins, feature 1 has 2 (code 2 = missing). */
function tiny(): BinnedMatrix {
  const codes = [
    [0, 1, 1, 2, 0, 2],
    [0, 1, 2, 2, 0, 1],
  ]
  return { rows: 6, cols: 2, bins: Uint8Array.from(codes.flat()), nBins: Int32Array.of(3, 2), edges: [Float64Array.of(1, 2), Float64Array.of(5)] }
}

function randomBinned(n: number, p: number, seed: number): BinnedMatrix {
  const random = createRandom(seed)
  const nBins = Int32Array.from({ length: p }, () => 2 + random.int(40))
  const bins = new Uint8Array(n * p)
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) bins[j * n + i] = random.int(nBins[j] + 1)
  return { rows: n, cols: p, bins, nBins, edges: Array.from(nBins, (b) => new Float64Array(b - 1)) }
}

function histogramOf(data: BinnedMatrix, rows: Uint32Array, g: Float64Array, h: Float64Array, outputs: number, features: Int32Array): Float64Array {
  const layout = histogramLayout(data.nBins, outputs)
  const hist = new Float64Array(layout.size).fill(NaN)
  const gO = new Float64Array(rows.length * outputs)
  const hO = new Float64Array(rows.length)
  gatherGradients(rows, 0, rows.length, g, h, outputs, gO, hO)
  buildHistogram(hist, layout, data, rows, 0, rows.length, features, 0, features.length, gO, hO)
  return hist
}

describe('histograms', () => {
  const g = Float64Array.of(1, 2, 3, 4, 5, 6)
  const h = Float64Array.of(0.5, 0.5, 1, 1, 2, 2)

  it('sums gradient, hessian and count per bin, the missing bin last', () => {
    const data = tiny()
    const layout = histogramLayout(data.nBins, 1)
    expect(layout).toMatchObject({ stride: 3, size: (4 + 3) * 3 })
    expect(Array.from(layout.offsets)).toEqual([0, 4])
    const hist = histogramOf(data, Uint32Array.of(0, 1, 2, 3, 4, 5), g, h, 1, Int32Array.of(0, 1))
    // Feature 0: bin 0 ← rows 0, 4; bin 1 ← rows 1, 2; bin 2 ← rows 3, 5; missing bin empty.
    expect(Array.from(hist.subarray(0, 12))).toEqual([6, 2.5, 2, 5, 1.5, 2, 10, 3, 2, 0, 0, 0])
    // Feature 1: bin 0 ← rows 0, 4; bin 1 ← rows 1, 5; missing ← rows 2, 3.
    expect(Array.from(hist.subarray(12, 21))).toEqual([6, 2.5, 2, 8, 2.5, 2, 7, 2, 2])
  })

  it('covers only the rows of the node and only the features asked for', () => {
    const hist = histogramOf(tiny(), Uint32Array.of(1, 3), g, h, 1, Int32Array.of(1))
    expect(Number.isNaN(hist[0])).toBe(true)
    expect(Array.from(hist.subarray(12, 21))).toEqual([0, 0, 0, 2, 0.5, 1, 4, 1, 1])
  })

  it('keeps k gradient columns per bin for multi-output trees', () => {
    const g2 = Float64Array.from({ length: 12 }, (_, i) => i)
    const hist = histogramOf(tiny(), Uint32Array.of(0, 4), g2, h, 2, Int32Array.of(0))
    // Rows 0 and 4 both sit in bin 0 of feature 0: gradients (0,1) + (8,9), hessian 2.5, count 2.
    expect(Array.from(hist.subarray(0, 4))).toEqual([8, 10, 2.5, 2])
  })

  it('gives the larger child by subtraction exactly as scanning it would', () => {
    const n = 3000
    const data = randomBinned(n, 7, 1)
    const random = createRandom(2)
    const gr = Float64Array.from({ length: n }, () => random.normal())
    const hr = Float64Array.from({ length: n }, () => random.next())
    const all = Uint32Array.from({ length: n }, (_, i) => i)
    const small = all.filter((i) => i % 3 === 0)
    const large = all.filter((i) => i % 3 !== 0)
    const features = Int32Array.from({ length: 7 }, (_, j) => j)
    const parent = histogramOf(data, all, gr, hr, 1, features)
    subtractHistogram(parent, histogramOf(data, small, gr, hr, 1, features), histogramLayout(data.nBins, 1), data.nBins, features, 7)
    const direct = histogramOf(data, large, gr, hr, 1, features)
    for (let i = 0; i < direct.length; i++) expect(parent[i]).toBeCloseTo(direct[i], 9)
  })

  it('builds the same sums with the four-at-a-time loop as one feature at a time', () => {
    const n = 500
    const data = randomBinned(n, 9, 3)
    const random = createRandom(4)
    const gr = Float64Array.from({ length: n }, () => random.normal())
    const hr = Float64Array.from({ length: n }, () => random.next())
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 1)
    const together = histogramOf(data, rows, gr, hr, 1, Int32Array.from({ length: 9 }, (_, j) => j))
    for (let j = 0; j < 9; j++) {
      const alone = histogramOf(data, rows, gr, hr, 1, Int32Array.of(j))
      const layout = histogramLayout(data.nBins, 1)
      const from = layout.offsets[j] * 3
      const to = from + (data.nBins[j] + 1) * 3
      expect(Array.from(alone.subarray(from, to))).toEqual(Array.from(together.subarray(from, to)))
    }
  })

  it('sampled histograms equal dense ones from either code layout, mark exactly the non-empty bins and clear back to zero', () => {
    const n = 400
    const p = 8
    const data = randomBinned(n, p, 5)
    const rowCodes = rowMajorBins(data)
    for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) expect(rowCodes[i * p + j]).toBe(data.bins[j * n + i])
    const random = createRandom(6)
    // Every path of the builder: one output without counts (six, four, two and one feature a pass), with counts, and three outputs.
    for (const [outputs, counted] of [[1, false], [1, true], [3, true]] as const) {
      const gr = Float64Array.from({ length: n * outputs }, () => random.normal())
      const hr = Float64Array.from({ length: n }, () => 0.1 + random.next())
      const layout = histogramLayout(data.nBins, outputs, counted)
      const dense = histogramLayout(data.nBins, outputs)
      const zero = new Float64Array(layout.size)
      const features = Int32Array.of(4, 0, 7, 3, 1, 6, 2, 5)
      const occupied = new Int32Array(8 * p)
      const codes = new Int32Array(256)
      for (const size of [5, 30, 60]) {
        const rows = Uint32Array.from({ length: size }, (_, i) => i * 6)
        // Positional gradients: row rows[i]'s at index i.
        const gO = new Float64Array(size * outputs)
        const hO = Float64Array.from(rows, (r) => hr[r])
        rows.forEach((r, i) => gO.set(gr.subarray(r * outputs, (r + 1) * outputs), i * outputs))
        for (const [from, to] of [[0, 1], [1, 3], [0, 4], [0, 6], [1, 8]]) {
          for (const [source, colStride, rowStride] of [[data.bins, n, 1], [rowCodes, 1, p]] as const) {
            buildSampledHistogram(zero, layout, source, colStride, rowStride, rows, 0, size, features, from, to, gO, hO, occupied)
            for (let i = from; i < to; i++) {
              const f = features[i]
              const expected = histogramOf(data, rows, gr, hr, outputs, Int32Array.of(f))
              const base = layout.offsets[f] * layout.stride
              const denseBase = dense.offsets[f] * dense.stride
              const mask = (i - from) * 8
              for (let b = 0; b <= data.nBins[f]; b++) {
                const reached = expected[denseBase + b * dense.stride + outputs + 1] > 0
                expect((occupied[mask + (b >> 5)] & (1 << (b & 31))) !== 0).toBe(reached)
                for (let s = 0; s < layout.stride; s++) expect(zero[base + b * layout.stride + s]).toBeCloseTo(expected[denseBase + b * dense.stride + s], 12)
              }
            }
            for (let i = from; i < to; i++) {
              const u = occupiedCodes(occupied, (i - from) * 8, codes, true)
              clearCodes(zero, layout, features[i], codes, u)
            }
            expect(zero.every((v) => v === 0)).toBe(true)
            expect(occupied.every((v) => v === 0)).toBe(true)
          }
        }
      }
    }
  })
})
