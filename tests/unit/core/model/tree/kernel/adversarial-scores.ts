/** Scores for gradient-pass tests (the WebAssembly pass on one thread and on several). */
import { createRandom } from '../../../../../../src/core/random'

/** The doubles one ULP either side of x, and x. */
function around(x: number): number[] {
  const f = new Float64Array([x])
  const b = new BigInt64Array(f.buffer)
  const out = [x]
  for (const d of [-1n, 1n]) {
    b[0] += d
    out.push(f[0])
    b[0] -= d
  }
  return out
}

/**
 * Scores that reach every branch of the ported exp and log1p and their
 * bounds: ln2/2 and 1.5·ln2 (exp's reduction), 2^-28 (exp's tiny case),
 * e^−|s| at log1p's k = 0 bound, at 2^-29 and 2^-54, ±700 (the port's
 * limit), the edges beyond it, and many ordinary values.
 */
export function adversarialScores(count: number, seed: number): Float64Array {
  const random = createRandom(seed)
  const bounds = [0.3465735912322998, 1.0397205352783203, 2 ** -28, 0.8813735870195429, 0.881373587019543, 20.101268236238415, 37.42994775023705, 700, 709.7822265625, 745.1332191019412, 1e-5, 1.6e-5, 2e-5]
  const special = [0, -0, NaN, Infinity, -Infinity, 1e-300, 5e-324, 710, 800]
  const values: number[] = [...special]
  for (const b of bounds) for (const v of around(b)) values.push(v, -v)
  while (values.length < count) {
    const scale = [0.01, 0.3, 1, 3, 10, 40][random.int(6)]
    values.push((random.next() * 2 - 1) * scale)
  }
  return Float64Array.from(values)
}

export function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
}
