/**
 * Base64 for typed arrays, so fitted trees serialise as compact, exact JSON
 * strings (a Float64 threshold survives bit for bit, Infinity included). Written
 * here rather than using Buffer or btoa: core runs in workers, Node and tests,
 * and this needs no global. Bytes are the platform's, which is little-endian on
 * every engine the studio runs on; `assertLittleEndian` guards the assumption.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

/** Throws on a big-endian engine, where the encoded bytes would be misread elsewhere. */
export function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('tree model: big-endian platforms are not supported for model serialisation')
}

/** Encodes the bytes of a typed array (its own view only) as base64 text. */
export function encodeBase64(array: ArrayBufferView): string {
  assertLittleEndian()
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
  const parts: string[] = []
  // Build the text in chunks: one string concatenation per byte would be quadratic-ish and slow.
  const CHUNK = 3 * 4096
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK)
    let chunk = ''
    let i = start
    for (; i + 2 < end; i += 3) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
      chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63]
    }
    if (i < end) {
      const rest = end - i
      const v = (bytes[i] << 16) | (rest > 1 ? bytes[i + 1] << 8 : 0)
      chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + (rest > 1 ? ALPHABET[(v >> 6) & 63] : '=') + '='
    }
    parts.push(chunk)
  }
  return parts.join('')
}

/** Decodes base64 text to bytes; `what` names the field in error messages. */
export function decodeBase64(text: string, what: string): Uint8Array {
  assertLittleEndian()
  if (typeof text !== 'string' || text.length % 4 !== 0) throw new Error(`tree model: ${what} is not base64 text`)
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - padding)
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    let v = 0
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k)
      const d = c === 61 ? 0 : c < 128 ? LOOKUP[c] : -1
      if (d < 0) throw new Error(`tree model: ${what} has a character that is not base64 at position ${i + k}`)
      v = (v << 6) | d
    }
    if (o < out.length) out[o++] = v >> 16
    if (o < out.length) out[o++] = (v >> 8) & 255
    if (o < out.length) out[o++] = v & 255
  }
  return out
}

/** Decodes base64 into a typed array of the given kind; `what` names the field in errors. */
export function decodeTyped<T extends Float64Array | Float32Array | Int32Array | Uint8Array>(
  text: unknown,
  kind: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
  what: string,
): T {
  if (typeof text !== 'string') throw new Error(`tree model: ${what} is missing or not a base64 string`)
  const bytes = decodeBase64(text, what)
  if (bytes.length % kind.BYTES_PER_ELEMENT !== 0) throw new Error(`tree model: ${what} has ${bytes.length} bytes, not a whole number of ${kind.BYTES_PER_ELEMENT}-byte values`)
  // Copy into a fresh, aligned buffer: the view's element size must divide its byte offset.
  const aligned = new ArrayBuffer(bytes.length)
  new Uint8Array(aligned).set(bytes)
  return new kind(aligned)
}
