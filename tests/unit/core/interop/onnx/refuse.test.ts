import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import type { ModelBundleV2 } from '../../../../../src/core/bundle/bundle'
import { errorCode } from '../../../../../src/core/errors'
import { bundleToOnnx } from '../../../../../src/core/interop/onnx/export'
import { userMessage } from '../../../../../src/core/user-message'
import { MS_FEATURES, msSample, trainMs } from '../../bundle/helpers'

const ms = await msSample()
const { bundle } = await trainMs(ms.table, ms.recipe, { family: 'gbdt', params: { nRounds: 10, earlyStoppingRounds: null } })
const copy = (): ModelBundleV2 => JSON.parse(JSON.stringify(bundle)) as ModelBundleV2

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected the export to be refused')
}

describe('ONNX export refuses what it cannot express, by name', () => {
  it('a pipeline step kind with no ONNX form names itself', () => {
    const b = copy()
    b.pipeline.steps.push({ kind: 'spline-basis', columns: [] })
    const error = thrown(() => bundleToOnnx(b, { afterCleaning: true }))
    expect(errorCode(error)).toBe('onnx/unsupported-step')
    expect((error as Error).message).toContain('"spline-basis"')
    expect(userMessage(error)).toMatch(/^The pipeline step "spline-basis" has no ONNX form/)
  })

  it('a model family with no ONNX form names itself', () => {
    const b = copy()
    b.model = { ...b.model, family: 'svm' }
    const error = thrown(() => bundleToOnnx(b, { afterCleaning: true }))
    expect(errorCode(error)).toBe('onnx/unsupported-model')
    expect((error as Error).message).toContain('"svm"')
  })

  it('an input column named like an output is refused, naming the column', async () => {
    const table = { ...ms.table, columns: ms.table.columns.map((c) => (c.name === 'age' ? { ...c, name: 'label' } : c)) }
    const recipe = JSON.parse(JSON.stringify(ms.recipe).replaceAll('"age"', '"label"')) as typeof ms.recipe
    const { bundle: clash } = await trainMs(table, recipe, { family: 'logistic', features: MS_FEATURES.map((f) => (f === 'age' ? 'label' : f)) })
    const error = thrown(() => bundleToOnnx(clash, { afterCleaning: true }))
    expect(errorCode(error)).toBe('onnx/name-clash')
    expect((error as Error).message).toContain('"label"')
  })
})

describe('the exported graph', () => {
  it('takes one [N, 1] input per pipeline column and gives label then probabilities; ±Infinity reads as missing', async () => {
    const { bytes, inputs, outputs } = bundleToOnnx(bundle, { afterCleaning: true })
    const session = await ort.InferenceSession.create(bytes)
    expect(session.inputNames).toEqual(bundle.pipeline.inputs.map((c) => c.name))
    expect(inputs.map((c) => c.type)).toEqual(bundle.pipeline.inputs.map((c) => (c.type === 'number' ? 'float' : 'string')))
    expect(session.outputNames).toEqual(['label', 'probabilities'])
    expect(outputs).toEqual(['label', 'probabilities'])
    const feeds = (age: number): Record<string, ort.Tensor> => Object.fromEntries(
      bundle.pipeline.inputs.map((c) => [c.name, c.type === 'number'
        ? new ort.Tensor('float32', Float32Array.of(c.name === 'age' ? age : 3), [1, 1])
        : new ort.Tensor('string', [c.categories?.[0] ?? ''], [1, 1])]),
    )
    const missing = await session.run(feeds(NaN))
    for (const age of [Infinity, -Infinity]) {
      const out = await session.run(feeds(age))
      expect(Array.from(out.probabilities.data as Float32Array)).toEqual(Array.from(missing.probabilities.data as Float32Array))
    }
    await session.release()
  })
})
