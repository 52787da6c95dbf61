import { describe, expect, it } from 'vitest'
import { binMatrix, findBinEdges } from '../../../../../../src/core/model/tree/binning'
import { wasmKernel } from '../../../../../../src/core/model/tree/kernel/wasm-kernel'
import { createRandom } from '../../../../../../src/core/random'

/**
 * Columns that reach every path of the kernel's binning: two-value flags and
 * three-edge codes (counted without a guide), wide features whose values sit
 * exactly on edges and just beside them (the guide's check and the binary
 * search), ±∞, NaN, huge magnitudes, a constant column (no edges) and
 * features binned with edges from other rows (values outside their range).
 */
function adversarialMatrix(n: number, seed: number) {
  const random = createRandom(seed)
  const p = 9
  const data = new Float64Array(n * p)
  for (let i = 0; i < n; i++) {
    const row = data.subarray(i * p, (i + 1) * p)
    row[0] = random.next() < 0.5 ? 0 : 1
    row[1] = random.int(4)
    row[2] = random.next() * 100
    row[3] = Math.round(random.next() * 1000) / 8
    row[4] = random.next() < 0.05 ? NaN : random.next() < 0.05 ? (random.next() < 0.5 ? Infinity : -Infinity) : (random.next() - 0.5) * 1e300
    row[5] = 7
    row[6] = random.next() < 0.3 ? NaN : Math.exp(random.next() * 40 - 20)
    row[7] = random.int(300) - 150
    row[8] = random.next() < 0.5 ? -0 : 1e-300 * random.int(5)
  }
  return { rows: n, cols: p, data }
}

describe('wasm binning', () => {
  it('gives binMatrix its codes bit for bit, edges or not in the values, across several blocks', () => {
    const kernel = wasmKernel()!
    for (const [n, seed] of [[5000, 1], [70_001, 2]] as const) {
      const X = adversarialMatrix(n, seed)
      const own = findBinEdges(X, { maxBins: 255, seed: 0 })
      // Edges found on every other row, then values exactly on every edge and beside it.
      const sampled = findBinEdges(X, { maxBins: 32, seed: 0, rows: Array.from({ length: n >> 1 }, (_, i) => 2 * i) })
      for (const edges of [own, sampled]) {
        const onEdges = Float64Array.from(X.data)
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < X.cols; j++) {
            const e = edges[j]
            if (e.length === 0 || i % 3 === 0) continue
            const edge = e[i % e.length]
            onEdges[i * X.cols + j] = i % 3 === 1 ? edge : edge + Math.abs(edge) * 2 ** -52
          }
        }
        for (const data of [X.data, onEdges]) {
          const matrix = { ...X, data }
          const reference = binMatrix(matrix, edges)
          const coded = kernel.binMatrix!(matrix, edges)
          expect(Array.from(coded.nBins)).toEqual(Array.from(reference.nBins))
          expect(Buffer.compare(Buffer.from(coded.bins), Buffer.from(reference.bins))).toBe(0)
        }
      }
    }
  })

  it('rejects edges that do not fit the matrix as binMatrix does', () => {
    const X = adversarialMatrix(10, 3)
    expect(() => wasmKernel()!.binMatrix!(X, [])).toThrow(/0 features have edges but the matrix has 9 columns/)
  })
})
