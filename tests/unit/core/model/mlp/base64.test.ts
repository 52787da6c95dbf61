import { describe, expect, it } from 'vitest'
import { base64ToFloat32, float32ToBase64 } from '../../../../../src/core/model/mlp/base64'

describe('float32 ⇄ base64', () => {
  it('round-trips every length and special value bit for bit', () => {
    const special = [0, -0, 1, -1.5, 3.4028234663852886e38, 1.401298464324817e-45, Infinity, -Infinity, Math.PI]
    for (let length = 0; length <= special.length; length++) {
      const values = Float32Array.from(special.slice(0, length))
      const back = base64ToFloat32(float32ToBase64(values), length, 'test')
      expect(Array.from(new Uint32Array(back.buffer))).toEqual(Array.from(new Uint32Array(values.buffer)))
    }
  })

  it('writes little-endian bytes as standard base64', () => {
    // 1.0f = 0x3f800000 → bytes 00 00 80 3f → "AACAPw=="
    expect(float32ToBase64(Float32Array.of(1))).toBe('AACAPw==')
  })

  it('names the field and the problem in errors', () => {
    expect(() => base64ToFloat32('AACAPw==', 2, 'layer 0 bias')).toThrow(/layer 0 bias holds 1 float\(s\); expected 2/)
    expect(() => base64ToFloat32('AACAP', 1, 'layer 0 bias')).toThrow(/layer 0 bias is not base64 text/)
    expect(() => base64ToFloat32('AA*APw==', 1, 'kernel')).toThrow(/kernel has the character "\*" at 2/)
  })
})
