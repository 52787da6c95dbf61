import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PREDICT_KERNEL_MODULE, predictWasmModule } from '../../../../../../src/node/generate-predict-wasm'

describe('the committed prediction kernel', () => {
  it('is what `npm run wasm` compiles from assembly/predict.ts', () => {
    expect(readFileSync(PREDICT_KERNEL_MODULE, 'utf8')).toBe(predictWasmModule())
  }, 60_000)
})
