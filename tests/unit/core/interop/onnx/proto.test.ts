import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateOnnxProto, ONNX_PROTO_DIR } from '../../../../../src/node/generate-onnx-proto'

describe('the ONNX protobuf writer', () => {
  it('is what `npm run onnx-proto` makes from the committed onnx-ml.proto (no hand edits, no drift)', () => {
    const out = mkdtempSync(join(tmpdir(), 'onnx-proto-check-'))
    try {
      generateOnnxProto(out)
      for (const file of ['onnx.js', 'onnx.d.ts']) {
        expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(ONNX_PROTO_DIR, file), 'utf8'))
      }
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
