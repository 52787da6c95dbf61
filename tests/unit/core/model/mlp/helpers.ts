import { createRandom } from '../../../../../src/core/random'
import type { Matrix } from '../../../../../src/core/types'

/** Small seeded datasets for the neural-net tests: fast to fit on tfjs' CPU backend. */
export function synthetic(task: 'binary' | 'multiclass' | 'regression', n = 240, p = 4, seed = 1): { X: Matrix; y: Float64Array } {
  const random = createRandom(seed)
  const data = new Float64Array(n * p)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) data[i * p + j] = random.normal() * (j + 1) + j
    // Column 0 (and 1 for multiclass) carries the signal; the others are noise.
    const a = (data[i * p] - 0) / 1
    const b = (data[i * p + 1] - 1) / 2
    if (task === 'binary') y[i] = a + 0.3 * random.normal() > 0 ? 1 : 0
    else if (task === 'multiclass') y[i] = a > 0.5 ? 2 : a + b > -0.5 ? 1 : 0
    else y[i] = 100 + 30 * a - 10 * a * a + 2 * random.normal()
  }
  return { X: { rows: n, cols: p, data }, y }
}

export function rowsOf(X: Matrix, from: number, to: number): Matrix {
  return { rows: to - from, cols: X.cols, data: X.data.slice(from * X.cols, to * X.cols) }
}
