import { describe, expect, it } from 'vitest'
import { binMatrix, binOf, edgesFromSorted, findBinEdges } from '../../../../../src/core/model/tree/binning'
import { sortFloat64 } from '../../../../../src/core/model/tree/radix-sort'
import { createRandom } from '../../../../../src/core/random'

const matrix = (rows: number[][]) => ({ rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) })

describe('bin edges', () => {
  it('puts an edge midway between neighbouring values when there are few distinct values', () => {
    expect(Array.from(edgesFromSorted(Float64Array.from([1, 1, 2, 3, 3, 3]), 255))).toEqual([1.5, 2.5])
  })

  it('uses midpoint percentiles when there are more distinct values than bins (numpy method="midpoint")', () => {
    // np.percentile(range(10), [25, 50, 75], method='midpoint') == [2.5, 4.5, 6.5]
    expect(Array.from(edgesFromSorted(Float64Array.from({ length: 10 }, (_, i) => i), 4))).toEqual([2.5, 4.5, 6.5])
  })

  it('drops duplicate quantiles of heavily tied values and keeps the top bin non-empty', () => {
    const values = Float64Array.from([...Array(90).fill(0), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const edges = Array.from(edgesFromSorted(values, 4))
    expect(edges).toEqual([...new Set(edges)].sort((a, b) => a - b))
    expect(edges.every((e) => e < 10)).toBe(true)
  })

  it('gives features with few distinct values (found without sorting) the edges of the sorted path, bit for bit', () => {
    const random = createRandom(9)
    const pools = [[0, 1], [-0, 0, 1], [0, -0], [-1, -0, 3], [-1.7976931348623157e308, 1.7976931348623157e308], [5e-324, -5e-324, 0], Array.from({ length: 16 }, (_, i) => i * 0.1 - 0.7), Array.from({ length: 17 }, (_, i) => i)]
    for (const pool of pools) {
      for (const maxBins of [2, 3, 16, 255]) {
        const n = 5_000
        const data = Float64Array.from({ length: n * 2 }, (_, i) => (i % 2 === 0 ? pool[random.int(pool.length)] : random.next() < 0.1 ? NaN : pool[random.int(pool.length)]))
        const edges = findBinEdges({ rows: n, cols: 2, data }, { maxBins, seed: 0 })
        for (let j = 0; j < 2; j++) {
          const column = Float64Array.from({ length: n }, (_, i) => data[i * 2 + j]).filter((v) => !Number.isNaN(v))
          const expected = edgesFromSorted(sortFloat64(column), maxBins)
          expect(Buffer.from(edges[j].buffer).equals(Buffer.from(expected.buffer)), `pool ${pool.slice(0, 3)}… maxBins ${maxBins}`).toBe(true)
        }
      }
    }
  })

  it('separates infinite values from their neighbours with a number (never NaN), on both paths', () => {
    const many = Float64Array.from({ length: 300 }, (_, i) => i)
    for (const values of [[-Infinity, Infinity], [-Infinity, 1, Infinity], [1, Infinity], [-Infinity, -1], [Number.MAX_VALUE, Infinity], [...many, -Infinity, Infinity]]) {
      const data = Float64Array.from(values)
      const edges = findBinEdges({ rows: data.length, cols: 1, data }, { maxBins: values.length > 100 ? 4 : 255, seed: 0 })[0]
      expect(edges.every((e) => !Number.isNaN(e))).toBe(true)
      // Every neighbouring pair of distinct values lands in different bins (with every value its own bin).
      if (values.length < 100) {
        const bins = values.map((v) => binOf(edges, v))
        expect(new Set(bins).size).toBe(values.length)
      }
    }
    expect(Array.from(findBinEdges({ rows: 2, cols: 1, data: Float64Array.of(-Infinity, Infinity) }, { maxBins: 255, seed: 0 })[0])).toEqual([0])
    expect(Array.from(findBinEdges({ rows: 2, cols: 1, data: Float64Array.of(1, Infinity) }, { maxBins: 255, seed: 0 })[0])).toEqual([Number.MAX_VALUE])
  })

  it('ignores missing values and gives a constant feature no edges', () => {
    const edges = findBinEdges(matrix([[1, NaN], [1, 2], [1, NaN], [1, 4]]), { maxBins: 255, seed: 0 })
    expect(Array.from(edges[0])).toEqual([])
    expect(Array.from(edges[1])).toEqual([3])
  })

  it('finds edges from the given rows only', () => {
    const X = matrix([[0], [10], [20], [30]])
    expect(Array.from(findBinEdges(X, { maxBins: 255, seed: 0, rows: [0, 1] })[0])).toEqual([5])
  })

  it('samples at most sampleRows rows, the same ones for the same seed', () => {
    const n = 1000
    const X = { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => i) }
    const a = findBinEdges(X, { maxBins: 255, seed: 3, sampleRows: 100 })[0]
    const b = findBinEdges(X, { maxBins: 255, seed: 3, sampleRows: 100 })[0]
    const c = findBinEdges(X, { maxBins: 255, seed: 4, sampleRows: 100 })[0]
    expect(a.length).toBe(99)
    expect(Array.from(b)).toEqual(Array.from(a))
    expect(Array.from(c)).not.toEqual(Array.from(a))
  })
})

describe('binning a matrix', () => {
  it('codes a value by the number of edges below it, so x <= edges[b] exactly when its code is <= b', () => {
    const edges = Float64Array.from([2.5, 4.5, 6.5])
    expect([-1, 2.5, 2.6, 4.5, 6.5, 6.6, Infinity].map((v) => binOf(edges, v))).toEqual([0, 0, 1, 1, 2, 3, 3])
    expect(binOf(edges, NaN)).toBe(4)
    const random = createRandom(1)
    let disagreements = 0
    for (let i = 0; i < 1000; i++) {
      const v = random.next() * 10
      const code = binOf(edges, v)
      for (let b = 0; b < edges.length; b++) if (v <= edges[b] !== code <= b) disagreements++
    }
    expect(disagreements).toBe(0)
  })

  it('stores codes column by column with missing values in the bin after the value bins', () => {
    const X = matrix([[1, 10], [2, NaN], [3, 30]])
    const edges = [Float64Array.from([1.5, 2.5]), Float64Array.from([20])]
    const binned = binMatrix(X, edges)
    expect(Array.from(binned.nBins)).toEqual([3, 2])
    expect(Array.from(binned.bins)).toEqual([0, 1, 2, 0, 2, 1])
  })

  it('codes every value as binOf does, for edges crowded, spread over huge spans or few, and values at and around them', () => {
    const random = createRandom(21)
    const edgeSets: Float64Array[] = [
      Float64Array.of(),
      Float64Array.of(0.5),
      Float64Array.of(-1, 0, 1),
      Float64Array.of(-Infinity, 0, 5),
      Float64Array.from({ length: 254 }, (_, i) => Math.sinh((i - 127) / 20)),
      Float64Array.from({ length: 40 }, (_, i) => 1 + i * 2 ** -50),
      Float64Array.of(-Number.MAX_VALUE, -1, 1, Number.MAX_VALUE),
      Float64Array.of(-1e300, -1e-300, 0, 1e-300, 1e300),
      Float64Array.from({ length: 100 }, (_, i) => (i < 90 ? i * 1e-9 : i)),
    ]
    for (const edges of edgeSets) {
      const values: number[] = [NaN, Infinity, -Infinity, 0, -0, Number.MAX_VALUE, -Number.MAX_VALUE]
      for (const e of edges) values.push(e, e + Math.abs(e) * 2 ** -52, e - Math.abs(e) * 2 ** -52, e + 1e-300)
      while (values.length < 20_000) {
        const k = edges.length > 0 ? random.int(edges.length) : 0
        const near = edges.length > 0 ? edges[k] : 0
        values.push(random.next() < 0.5 ? near + (random.next() - 0.5) * Math.abs(near || 1) * 1e-3 : (random.next() - 0.5) * 10 ** random.int(8))
      }
      const X = { rows: values.length, cols: 1, data: Float64Array.from(values) }
      const binned = binMatrix(X, [edges])
      const wrong = values.findIndex((v, i) => binned.bins[i] !== binOf(edges, v))
      expect(wrong, `edges ${edges.length}: value ${values[wrong]}`).toBe(-1)
    }
  })

  it('agrees with binOf on every cell of a skewed, tied and signed matrix', () => {
    const random = createRandom(9)
    const n = 5000
    const X = { rows: n, cols: 3, data: new Float64Array(n * 3) }
    for (let i = 0; i < n; i++) {
      X.data[i * 3] = Math.exp(random.normal() * 6)
      X.data[i * 3 + 1] = random.int(7) - 3
      X.data[i * 3 + 2] = random.next() < 0.1 ? NaN : random.normal() * 1e-300
    }
    const edges = findBinEdges(X, { maxBins: 255, seed: 0 })
    const binned = binMatrix(X, edges)
    let mismatches = 0
    for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) if (binned.bins[j * n + i] !== binOf(edges[j], X.data[i * 3 + j])) mismatches++
    expect(mismatches).toBe(0)
  })

  it('refuses more bins than fit in a byte', () => {
    expect(() => binMatrix(matrix([[1]]), [new Float64Array(255)])).toThrow(/256 bins; at most 255/)
  })
})

describe('radix sort of doubles', () => {
  it('sorts like Float64Array.prototype.sort, signs, zeros and infinities included', () => {
    const random = createRandom(5)
    const special = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1e308, -1e308]
    const values = Float64Array.from({ length: 20000 }, (_, i) => (i % 50 === 0 ? special[i % special.length] : random.normal() * 10 ** random.int(6)))
    const expected = values.slice().sort()
    const sorted = sortFloat64(values.slice())
    let mismatches = 0
    for (let i = 0; i < values.length; i++) if (!Object.is(sorted[i], expected[i])) mismatches++
    expect(mismatches).toBe(0)
  })
})
