/**
 * The neural net's tfjs backend in Node (src/node/tfjs-backend.ts): wasm from
 * node_modules once an entry point registers it, reproducible for a seed, and
 * within float32 rounding of tfjs' pure-JS cpu backend.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { errorCode } from '../../../src/core/errors'
import { MultilayerPerceptron } from '../../../src/core/model/mlp/mlp'
import { useTfjsBackendSetup } from '../../../src/core/model/mlp/tfjs-setup'
import { requestedTfjsBackend, TFJS_BACKEND_ENV, useNodeTfjsBackend } from '../../../src/node/tfjs-backend'
import { synthetic } from '../core/model/mlp/helpers'

afterAll(() => useTfjsBackendSetup(null))

const params = { epochs: 8, earlyStoppingPatience: 0, seed: 7 }

async function fitted(): Promise<{ model: MultilayerPerceptron; backend: string | undefined }> {
  const { X, y } = synthetic('binary', 300, 4, 3)
  const model = new MultilayerPerceptron(params)
  const report = await model.fit(X, y, { task: 'binary', classCount: 2 })
  return { model, backend: report.backend }
}

describe('STUDIO_TFJS_BACKEND', () => {
  it('is wasm when unset or empty, and accepts wasm and cpu in any case', () => {
    expect(requestedTfjsBackend({})).toBe('wasm')
    expect(requestedTfjsBackend({ [TFJS_BACKEND_ENV]: '' })).toBe('wasm')
    expect(requestedTfjsBackend({ [TFJS_BACKEND_ENV]: 'CPU' })).toBe('cpu')
    expect(requestedTfjsBackend({ [TFJS_BACKEND_ENV]: ' wasm ' })).toBe('wasm')
  })

  it('refuses any other value, naming it and the choices', () => {
    let thrown: unknown
    try {
      requestedTfjsBackend({ [TFJS_BACKEND_ENV]: 'webgpu' })
    } catch (error) {
      thrown = error
    }
    expect(errorCode(thrown)).toBe('bad-tfjs-backend')
    expect(String(thrown)).toContain('STUDIO_TFJS_BACKEND = "webgpu" is not a backend; expected one of wasm, cpu')
  })
})

describe('fitting the neural net in Node', () => {
  it('trains on wasm once registered, and the same seed gives the same weights bit for bit', async () => {
    expect(useNodeTfjsBackend({})).toBe('wasm')
    const first = await fitted()
    const second = await fitted()
    expect(first.backend).toBe('wasm')
    expect(second.backend).toBe('wasm')
    expect(JSON.stringify(second.model.toJSON())).toBe(JSON.stringify(first.model.toJSON()))
  })

  it('on cpu (STUDIO_TFJS_BACKEND=cpu) gives the wasm network up to float32 rounding', async () => {
    useNodeTfjsBackend({})
    const wasm = await fitted()
    expect(useNodeTfjsBackend({ [TFJS_BACKEND_ENV]: 'cpu' })).toBe('cpu')
    const cpu = await fitted()
    expect(cpu.backend).toBe('cpu')
    const { X } = synthetic('binary', 300, 4, 3)
    const a = wasm.model.predictProba(X)
    const b = cpu.model.predictProba(X)
    let worst = 0
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]))
    // Different summation orders: the same network to about 1e-6, not necessarily the same bits.
    expect(worst).toBeLessThan(1e-5)
  })

  it('never slices the whole training set per batch (on wasm a slice copies its whole input: an epoch was quadratic in rows)', async () => {
    useNodeTfjsBackend({})
    const tf = await import('@tensorflow/tfjs')
    const { X, y } = synthetic('binary', 2000, 4, 3)
    const profile = await tf.profile(async () => {
      const report = await new MultilayerPerceptron({ epochs: 1, earlyStoppingPatience: 0, validationFraction: 0, batchSize: 64 }).fit(X, y, { task: 'binary', classCount: 2 })
      expect(report.backend).toBe('wasm')
      return []
    })
    const slicedRows = profile.kernels.filter((k) => k.name === 'Slice').map((k) => k.inputShapes[0]?.[0] ?? 0)
    expect(Math.max(0, ...slicedRows)).toBeLessThanOrEqual(64)
    // The batches still reach the network: one gather of x per batch (2,000 rows / 64 = 32 batches).
    expect(profile.kernels.filter((k) => k.name === 'GatherV2' && k.inputShapes[0]?.[0] === 2000 && k.inputShapes[0]?.[1] === 4)).toHaveLength(32)
  })
})
