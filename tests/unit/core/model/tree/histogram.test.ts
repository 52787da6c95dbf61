import { describe, expect, it } from 'vitest'
import { buildHistogram, gatherGradients, histogramLayout, subtractHistogram } from '../../../../../src/core/model/tree/histogram'
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
})
