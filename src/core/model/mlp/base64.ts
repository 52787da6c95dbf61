/**
 * Float32Array ⇄ base64 (little-endian), so fitted weights sit in the model
 * JSON at 4 bytes each (about 5.3 characters) instead of ~20 characters as
 * decimal text. Written out rather than using atob/btoa or Buffer so that core
 * needs no platform global and the byte order is fixed whatever the machine.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

/** Encodes 32-bit floats as base64 of their little-endian bytes. */
export function float32ToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true)
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0
    out += ALPHABET[b0 >> 2] + ALPHABET[((b0 & 3) << 4) | (b1 >> 4)]
    out += i + 1 < bytes.length ? ALPHABET[((b1 & 15) << 2) | (b2 >> 6)] : '='
    out += i + 2 < bytes.length ? ALPHABET[b2 & 63] : '='
  }
  return out
}

/**
 * Decodes what float32ToBase64 wrote. `what` names the field in errors, e.g.
 * "layer 1 kernel"; `expected` is the number of floats it must hold.
 */
export function base64ToFloat32(text: string, expected: number, what: string): Float32Array {
  if (typeof text !== 'string' || text.length % 4 !== 0) {
    throw new Error(`base64: ${what} is not base64 text (length ${typeof text === 'string' ? text.length : typeof text}, expected a multiple of 4)`)
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const byteCount = (text.length / 4) * 3 - padding
  if (byteCount !== expected * 4) throw new Error(`base64: ${what} holds ${byteCount / 4} float(s); expected ${expected}`)
  const bytes = new Uint8Array(byteCount + padding)
  let o = 0
  const sextet = (k: number): number => {
    // Padding decodes as zero bits; it may only appear in the last `padding` places.
    if (k >= text.length - padding) return 0
    const code = text.charCodeAt(k)
    const v = code < 128 ? LOOKUP[code] : -1
    if (v < 0) throw new Error(`base64: ${what} has the character ${JSON.stringify(text[k])} at ${k}, outside the base64 alphabet`)
    return v
  }
  for (let i = 0; i < text.length; i += 4) {
    const c0 = sextet(i), c1 = sextet(i + 1), c2 = sextet(i + 2), c3 = sextet(i + 3)
    bytes[o++] = (c0 << 2) | (c1 >> 4)
    bytes[o++] = ((c1 & 15) << 4) | (c2 >> 2)
    bytes[o++] = ((c2 & 3) << 6) | c3
  }
  const view = new DataView(bytes.buffer)
  const out = new Float32Array(expected)
  for (let i = 0; i < expected; i++) out[i] = view.getFloat32(i * 4, true)
  return out
}
