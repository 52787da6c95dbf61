import { describe, expect, it } from 'vitest'
import { binMatrix, findBinEdges } from '../../../../src/core/model/tree/binning'
import { DecisionTree } from '../../../../src/core/model/tree/decision-tree'
import { GradientBoosting } from '../../../../src/core/model/tree/gradient-boosting'
import { typescriptKernel, type HistogramKernel } from '../../../../src/core/model/tree/kernel/workspace'
import type { KernelOptions } from '../../../../src/core/model/tree/kernel/wasm-kernel'
import { nodeHistogramKernel } from '../../../../src/node/threads/histogram-threads'
import { oneHotTable, syntheticTable } from '../../core/model/tree/synthetic-table'


describe('histograms on several Node threads', () => {
  it.each([
    ['binary', 2, 2, 12_000, { nRounds: 8, maxDepth: 6 }],
    ['multiclass on 3 threads', 3, 3, 12_000, { nRounds: 4, maxDepth: 4, colsampleByTree: 0.7 }],
    ['regression, leaf-wise, sampled rows', 0, 2, 12_000, { nRounds: 6, maxDepth: null, maxLeaves: 24, subsample: 0.8 }],
    // Larger nodes on 3 threads: every node's work is shared, down to the deep ones.
    ['binary, 60,000 rows on 3 threads', 2, 3, 60_000, { nRounds: 3, maxDepth: 6 }],
    // Every node below the root from row-major codes, each thread through its own block.
    ['binary, row-major codes, 60,000 rows on 3 threads', 2, 3, 60_000, { nRounds: 3, maxDepth: 6 }, { rowMajorFromBytes: 0, sparseShare: 1 }],
    // One-hot columns, built through their bundles (feature-bundles.ts) on every thread, by columns and by rows.
    ['binary, one-hot columns bundled, 60,000 rows on 3 threads', 2, 3, 60_000, { nRounds: 3, maxDepth: 6 }, {}, [2, 3, 6, 4]],
    ['binary, one-hot columns bundled, row-major codes, 30,000 rows on 2 threads', 2, 2, 30_000, { nRounds: 4, maxDepth: 6 }, { rowMajorFromBytes: 0, sparseShare: 1 }, [3, 5]],
  ] as const)('give gradient boosting the same model, bit for bit, as the one-thread reference (%s)', async (_, classes, threads, n, params, options?: KernelOptions, groups?: readonly number[]) => {
    // Rows enough that root builds are split between threads.
    const { X, y } = groups ? oneHotTable(n, 11, 4, classes, [...groups]) : syntheticTable(n, 11, 4, classes)
    const task = classes === 0 ? 'regression' : classes === 2 ? 'binary' : 'multiclass'
    const kernel = (await nodeHistogramKernel(threads, options)) as HistogramKernel
    expect(kernel.name).toBe(`wasm-simd ×${threads} threads`)
    const fit = (histogramKernel: HistogramKernel) => {
      const model = new GradientBoosting({ ...params, seed: 9 })
      const report = model.fit(X, y, { task, histogramKernel })
      return JSON.stringify({ model: model.toJSON(), report })
    }
    const threaded = fit(kernel)
    expect(threaded).toBe(fit(typescriptKernel))
    // A second fit reuses the helpers and the shared memory: still the same.
    expect(fit(kernel)).toBe(threaded)
  }, 120_000)

  it('give a decision tree the same model as the reference, then a larger fit grows the shared memory', async () => {
    const kernel = (await nodeHistogramKernel(2)) as HistogramKernel
    for (const n of [6000, 40_000]) {
      const { X, y } = syntheticTable(n, 9, n, 2)
      const fit = (histogramKernel: HistogramKernel) => {
        const model = new DecisionTree({ maxDepth: 7 })
        model.fit(X, y, { task: 'binary', histogramKernel })
        return JSON.stringify(model.toJSON())
      }
      expect(fit(kernel)).toBe(fit(typescriptKernel))
    }
  }, 120_000)
})

describe('binning on several Node threads', () => {
  it("gives findBinEdges's edges and binMatrix's codes bit for bit, the rows of each block shared between threads", async () => {
    const kernel = (await nodeHistogramKernel(3)) as HistogramKernel
    // NaN, ±∞ and −0 in some columns, few values in others; edges from every other row, so values fall outside them too.
    const n = 120_000
    const p = 9
    const data = new Float64Array(n * p)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        const u = Math.sin(i * 12.9898 + j * 78.233) * 43758.5453
        const r = u - Math.floor(u)
        data[i * p + j] = j % 5 === 0 ? Math.floor(r * 3) : j % 7 === 0 && r < 0.05 ? NaN : j === 3 && r < 0.02 ? (r < 0.01 ? -Infinity : -0) : (r - 0.5) * 10 ** (j % 4)
      }
    }
    const X = { rows: n, cols: p, data }
    const edges = findBinEdges(X, { maxBins: 200, seed: 5, rows: Array.from({ length: n / 2 }, (_, i) => 2 * i) })
    expect(Buffer.compare(Buffer.from(kernel.binMatrix!(X, edges).bins), Buffer.from(binMatrix(X, edges).bins))).toBe(0)
    // The edges themselves, features taken from a queue by three threads: all rows, every other row, a seeded sample.
    const hex = (list: Float64Array[]) => list.map((e) => Buffer.from(e.buffer, e.byteOffset, e.byteLength).toString('hex'))
    for (const options of [{ maxBins: 255, seed: 0 }, { maxBins: 200, seed: 5, rows: Array.from({ length: n / 2 }, (_, i) => 2 * i) }, { maxBins: 64, seed: 3, sampleRows: 50_000 }]) {
      expect(hex(kernel.binEdges!(X, options))).toEqual(hex(findBinEdges(X, options)))
    }
  }, 120_000)
})
