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

/**
 * syntheticTable with one-hot columns after its own: for each size k in
 * `groups`, a category of k + 1 levels (the last one all zeros: rows in none
 * of the k columns) spread over k 0/1 columns, and moving the target. Every
 * third group has a few missing values in its first column, which keeps
 * that column out of any bundle.
 */
export function oneHotTable(n: number, p: number, seed: number, classes: number, groups: number[]): { X: Matrix; y: Float64Array } {
  const base = syntheticTable(n, p, seed, classes)
  const random = createRandom(seed + 1)
  const width = p + groups.reduce((a, b) => a + b, 0)
  const data = new Float64Array(n * width)
  const y = Float64Array.from(base.y)
  for (let i = 0; i < n; i++) {
    data.set(base.X.data.subarray(i * p, (i + 1) * p), i * width)
    let at = i * width + p
    groups.forEach((k, g) => {
      const level = random.int(k + 1)
      if (level < k) data[at + level] = 1
      if (g % 3 === 2 && random.next() < 0.02) data[at] = Number.NaN
      if (level === g % (k + 1)) y[i] = classes === 0 ? y[i] + 1.5 : Math.min(classes - 1, y[i] + 1)
      at += k
    })
  }
  return { X: { rows: n, cols: width, data }, y }
}
