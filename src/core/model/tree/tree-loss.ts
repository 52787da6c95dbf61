/**
 * Training loss of a single grown tree of class shares or values, read from its
 * leaves' row ranges (no prediction pass): weighted log loss of the leaf class
 * frequencies, or weighted mean squared error of the leaf means.
 */
import type { GrownTree } from './types'
import { log } from '../../numeric/portable-math'

/** Clipping keeps the log loss finite for rows whose class has share 0 in their leaf. */
const EPS = 1e-15

/** Weighted mean loss over the rows the tree was grown on; `base` is the score the leaf values are centred on. */
export function leafLoss(tree: GrownTree, y: Float64Array, w: Float64Array, base: Float64Array, classification: boolean): number {
  const K = tree.outputs
  let sum = 0
  let total = 0
  for (let node = 0; node < tree.nodeCount; node++) {
    if (tree.feature[node] >= 0) continue
    for (let k = tree.rowStart[node]; k < tree.rowEnd[node]; k++) {
      const i = tree.rows[k]
      const wi = w[i]
      let loss: number
      if (!classification) {
        const d = base[0] + tree.value[node] - y[i]
        loss = d * d
      } else if (K === 1) {
        const p1 = Math.min(1, Math.max(0, base[0] + tree.value[node]))
        loss = -log(Math.max(EPS, y[i] === 1 ? p1 : 1 - p1))
      } else {
        loss = -log(Math.max(EPS, base[y[i]] + tree.value[node * K + y[i]]))
      }
      sum += wi * loss
      total += wi
    }
  }
  return total > 0 ? sum / total : 0
}
