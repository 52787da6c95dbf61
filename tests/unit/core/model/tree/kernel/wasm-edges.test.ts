import { describe, expect, it } from 'vitest'
import { edgesFromSorted, findBinEdges, type BinningOptions } from '../../../../../../src/core/model/tree/binning'
import { wasmKernel } from '../../../../../../src/core/model/tree/kernel/wasm-kernel'
import { createRandom } from '../../../../../../src/core/random'

/**
 * Columns that reach every path of the kernel's edges: few distinct values
 * (every value its own bin, −0 beside +0), exactly maxBins and maxBins + 1
 * distinct values, wide continuous features (the bucket selection), a skewed
 * one (most values in one bucket, sorted there), ±∞ and huge magnitudes
 * (the selection falls back to one sort; midpoints beside infinities), NaN
 * (left out), a constant, an all-missing column and runs of ties.
 */
function adversarialMatrix(n: number, seed: number) {
  const random = createRandom(seed)
  const p = 12
  const data = new Float64Array(n * p)
  for (let i = 0; i < n; i++) {
    const row = data.subarray(i * p, (i + 1) * p)
    row[0] = random.next() < 0.5 ? -0 : random.next() < 0.5 ? 0 : 1
    row[1] = random.int(255)
    row[2] = random.int(256)
    row[3] = random.next() * 100
    row[4] = random.next() < 0.05 ? NaN : random.next() < 0.05 ? (random.next() < 0.5 ? Infinity : -Infinity) : (random.next() - 0.5) * 1e300
    row[5] = 7
    row[6] = random.next() < 0.3 ? NaN : Math.exp(random.next() * 40 - 20)
    row[7] = random.next() < 0.9 ? random.next() * 1e-6 : 1e6 * random.next()
    row[8] = NaN
    row[9] = Math.round(random.next() * 40) / 4
    row[10] = (random.next() - 0.5) * Number.MAX_VALUE * 1.9
    row[11] = random.next() < 0.5 ? -Number.MAX_VALUE : Math.floor(random.next() * 1000)
  }
  return { rows: n, cols: p, data }
}

function bits(edges: Float64Array[]): string[] {
  return edges.map((e) => Buffer.from(e.buffer, e.byteOffset, e.byteLength).toString('hex'))
}

describe('wasm bin edges', () => {
  it("give findBinEdges's edges bit for bit: few values, selections, skew, infinities, samples and row subsets", () => {
    const kernel = wasmKernel()!
    for (const [n, seed] of [[0, 1], [1, 1], [300, 2], [2047, 3], [5000, 4], [70_001, 5]] as const) {
      const X = adversarialMatrix(n, seed)
      const options: BinningOptions[] = [
        { maxBins: 255, seed: 0 },
        { maxBins: 2, seed: 0 },
        { maxBins: 32, seed: 3, rows: Array.from({ length: n >> 1 }, (_, i) => 2 * i) },
        // Rows out of order, and a sample smaller than the rows (seeded).
        { maxBins: 255, seed: 7, rows: Array.from({ length: n }, (_, i) => n - 1 - i), sampleRows: Math.max(1, n >> 2) },
      ]
      for (const o of options) {
        const reference = findBinEdges(X, o)
        expect(bits(kernel.binEdges!(X, o)), `n = ${n}, maxBins = ${o.maxBins}`).toEqual(bits(reference))
      }
    }
  })

  it('are the edges of the sorted values, one column at a time (checked against edgesFromSorted)', () => {
    const kernel = wasmKernel()!
    const X = adversarialMatrix(20_000, 9)
    const edges = kernel.binEdges!(X, { maxBins: 255, seed: 0 })
    for (let j = 0; j < X.cols; j++) {
      const values = Float64Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + j]).filter((v) => v === v).sort()
      expect(bits([edges[j]])).toEqual(bits([edgesFromSorted(values, 255)]))
    }
    // Every value its own bin: column 1 has 255 values (254 edges), column 2 has 256 (percentiles).
    expect(edges[1].length).toBe(254)
    expect(edges[8].length).toBe(0)
    expect(edges[5].length).toBe(0)
  })

  it('say which maxBins they cannot take', () => {
    const kernel = wasmKernel()!
    expect(() => kernel.binEdges!(adversarialMatrix(10, 1), { maxBins: 256, seed: 0 })).toThrow(/maxBins = 256/)
  })
})
