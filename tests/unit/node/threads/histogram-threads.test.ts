import { describe, expect, it } from 'vitest'
import { DecisionTree } from '../../../../src/core/model/tree/decision-tree'
import { GradientBoosting } from '../../../../src/core/model/tree/gradient-boosting'
import { typescriptKernel, type HistogramKernel } from '../../../../src/core/model/tree/kernel/workspace'
import type { KernelOptions } from '../../../../src/core/model/tree/kernel/wasm-kernel'
import { nodeHistogramKernel } from '../../../../src/node/threads/histogram-threads'
import { syntheticTable } from '../../core/model/tree/synthetic-table'


describe('histograms on several Node threads', () => {
  it.each([
    ['binary', 2, 2, 12_000, { nRounds: 8, maxDepth: 6 }],
    ['multiclass on 3 threads', 3, 3, 12_000, { nRounds: 4, maxDepth: 4, colsampleByTree: 0.7 }],
    ['regression, leaf-wise, sampled rows', 0, 2, 12_000, { nRounds: 6, maxDepth: null, maxLeaves: 24, subsample: 0.8 }],
    // Larger nodes on 3 threads: every node's work is shared, down to the deep ones.
    ['binary, 60,000 rows on 3 threads', 2, 3, 60_000, { nRounds: 3, maxDepth: 6 }],
    // Every node below the root from row-major codes, each thread through its own block.
    ['binary, row-major codes, 60,000 rows on 3 threads', 2, 3, 60_000, { nRounds: 3, maxDepth: 6 }, { rowMajorFromBytes: 0, sparseShare: 1 }],
  ] as const)('give gradient boosting the same model, bit for bit, as the one-thread reference (%s)', async (_, classes, threads, n, params, options?: KernelOptions) => {
    // Rows enough that root builds are split between threads.
    const { X, y } = syntheticTable(n, 11, 4, classes)
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
