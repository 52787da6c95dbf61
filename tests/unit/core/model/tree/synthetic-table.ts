import { createRandom } from '../../../../../src/core/random'
import type { Matrix } from '../../../../../src/core/types'

/**
 * A seeded n × p table for tree tests: every fourth column small integers
 * (like codes of a category), the rest normal draws, 3% missing; the target
 * a noisy signal over the columns, cut into `classes` classes (0: the signal
 * itself, for regression).
 */
export function syntheticTable(n: number, p: number, seed: number, classes: number): { X: Matrix; y: Float64Array } {
  const random = createRandom(seed)
  const data = new Float64Array(n * p)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let j = 0; j < p; j++) {
      const v = j % 4 === 0 ? random.int(3) : random.normal()
      data[i * p + j] = random.next() < 0.03 ? Number.NaN : v
      s += (j % 2 === 0 ? 1 : -0.5) * (Number.isNaN(data[i * p + j]) ? 0 : v)
    }
    y[i] = classes === 0 ? s + random.normal() : Math.min(classes - 1, Math.max(0, Math.floor((s + random.normal()) / 2 + classes / 2)))
  }
  return { X: { rows: n, cols: p, data }, y }
}
