import { describe, expect, it } from 'vitest'
import { GradientBoosting } from '../../../../../../src/core/model/tree/gradient-boosting'
import { histogramModule, wasmKernel } from '../../../../../../src/core/model/tree/kernel/wasm-kernel'
import { typescriptKernel } from '../../../../../../src/core/model/tree/kernel/workspace'
import { binaryLogLoss } from '../../../../../../src/core/model/tree/objectives'
import { createRandom } from '../../../../../../src/core/random'
import { adversarialScores, sameBits } from './adversarial-scores'
import { syntheticTable } from '../synthetic-table'

const module = histogramModule(false)
/** The pass as boosting gets it: the one-thread kernel's, in this thread's reused memory. */
const gradientPass = (y: Float64Array, w: Float64Array, rows: Uint32Array) => wasmKernel()!.binaryGradients!(y, w, rows)!

describe.runIf(module)('the WebAssembly gradient pass (binary log loss)', () => {
  it('gives the reference gradients, hessians and loss bit for bit, on every branch and its bounds', () => {
    // Growing sizes: each pass reuses the thread's memory, grown for the next.
    for (const [count, seed] of [[7, 3], [1_000, 2], [200_001, 1]] as const) {
      const random = createRandom(seed)
      const scores = adversarialScores(count, seed)
      const n = scores.length
      const y = Float64Array.from({ length: n }, () => (random.next() < 0.4 ? 1 : 0))
      const w = Float64Array.from({ length: n }, () => (random.next() < 0.1 ? 0 : random.next() < 0.5 ? 1 : 0.5 + random.next()))
      // Every row but some, ascending, so that both the pairs and an odd last row occur.
      const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 11 !== 5)
      const g = new Float64Array(n)
      const h = new Float64Array(n)
      const loss = binaryLogLoss.gradients(scores, y, w, rows, g, h)
      const pass = gradientPass(y, w, rows)
      pass.scores.set(scores)
      const passLoss = pass.run()
      expect(sameBits(pass.g, g)).toBe(true)
      expect(sameBits(pass.h, h)).toBe(true)
      expect(Object.is(passLoss, loss)).toBe(true)
      // A second round over new scores reuses the buffers.
      for (let i = 0; i < n; i++) scores[i] = -scores[i] * 0.75
      const again = binaryLogLoss.gradients(scores, y, w, rows, g, h)
      pass.scores.set(scores)
      expect(Object.is(pass.run(), again)).toBe(true)
      expect(sameBits(pass.g, g)).toBe(true)
    }
  })

  it('leaves rows outside its rows at 0, though the last pass on this thread wrote them', () => {
    const n = 1_000
    const y = Float64Array.from({ length: n }, (_, i) => i % 2)
    const w = new Float64Array(n).fill(1)
    const all = gradientPass(y, w, Uint32Array.from({ length: n }, (_, i) => i))
    all.scores.fill(0.3)
    all.run()
    const odd = gradientPass(y, w, Uint32Array.from({ length: n / 2 }, (_, i) => 2 * i + 1))
    odd.scores.fill(0.3)
    odd.run()
    for (let i = 0; i < n; i += 2) expect([odd.g[i], odd.h[i]]).toEqual([0, 0])
    expect(odd.g[1]).not.toBe(0)
  })

  it('trains the model the TypeScript objective trains, bit for bit', () => {
    const { X, y } = syntheticTable(3_000, 8, 11, 2)
    const kernel = wasmKernel()!
    const reference = new GradientBoosting({ nRounds: 30, seed: 4 })
    reference.fit(X, y, { histogramKernel: typescriptKernel })
    const fast = new GradientBoosting({ nRounds: 30, seed: 4 })
    const fastReport = fast.fit(X, y, { histogramKernel: kernel })
    expect(JSON.stringify(fast.toJSON())).toBe(JSON.stringify(reference.toJSON()))
    expect(fastReport.history?.length).toBe(30)
  })
})
