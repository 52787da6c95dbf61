import { describe, expect, it } from 'vitest'
import { GradientBoosting } from '../../../../src/core/model/tree/gradient-boosting'
import { typescriptKernel, type HistogramKernel } from '../../../../src/core/model/tree/kernel/workspace'
import { binaryLogLoss } from '../../../../src/core/model/tree/objectives'
import { createRandom, shuffleInPlace } from '../../../../src/core/random'
import { nodeHistogramKernel } from '../../../../src/node/threads/histogram-threads'
import { adversarialScores, sameBits } from '../../core/model/tree/kernel/adversarial-scores'
import { syntheticTable } from '../../core/model/tree/synthetic-table'

describe('boosting\'s gradient pass and score update on several Node threads', () => {
  it('gives the reference gradients, hessians and loss bit for bit, slow rows in every share included', async () => {
    const kernel = (await nodeHistogramKernel(3)) as HistogramKernel
    const scores = adversarialScores(100_001, 5)
    // The special and bound values sit at the front: spread them over every share.
    shuffleInPlace(scores, createRandom(8))
    const n = scores.length
    const random = createRandom(6)
    const y = Float64Array.from({ length: n }, () => (random.next() < 0.4 ? 1 : 0))
    const w = Float64Array.from({ length: n }, () => (random.next() < 0.1 ? 0 : 1))
    // An odd count of rows: shares start at even positions, the last one ends on an odd row.
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 !== 3)
    expect(rows.length % 2).toBe(1)
    const g = new Float64Array(n)
    const h = new Float64Array(n)
    const loss = binaryLogLoss.gradients(scores, y, w, rows, g, h)
    const pass = kernel.binaryGradients!(y, w, rows)!
    pass.scores.set(scores)
    expect(Object.is(pass.run(), loss)).toBe(true)
    expect(sameBits(pass.g, g)).toBe(true)
    expect(sameBits(pass.h, h)).toBe(true)
  }, 60_000)

  it.each([
    ['sampled rows, passengers', { subsample: 0.7 }],
    ['early stopping on held-back rows', { earlyStoppingRounds: 3, validationFraction: 0.15 }],
  ] as const)('gives a model bit for bit the one-thread reference\'s (%s)', async (_, params) => {
    const { X, y } = syntheticTable(50_001, 7, 3, 2)
    const kernel = (await nodeHistogramKernel(3)) as HistogramKernel
    const fit = (histogramKernel: HistogramKernel) => {
      const model = new GradientBoosting({ ...params, nRounds: 6, seed: 2 })
      const report = model.fit(X, y, { task: 'binary', histogramKernel })
      return JSON.stringify({ model: model.toJSON(), report })
    }
    expect(fit(kernel)).toBe(fit(typescriptKernel))
  }, 120_000)
})
