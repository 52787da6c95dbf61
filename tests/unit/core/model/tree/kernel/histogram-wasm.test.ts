import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { histogramWasmModule, KERNEL_MODULE } from '../../../../../../src/node/generate-histogram-wasm'

describe('the committed histogram kernel', () => {
  it('is what `npm run wasm` compiles from assembly/histogram.ts', () => {
    expect(readFileSync(KERNEL_MODULE, 'utf8')).toBe(histogramWasmModule())
  }, 60_000)
})
