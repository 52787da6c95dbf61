/**
 * Feature importance of tree models: the total split gain per feature over all
 * trees (XGBoost's "total_gain"), normalised to sum 1.
 */
import type { GrownTree } from './types'

/** Adds each split's gain of `tree` to its feature's entry. */
export function addSplitGains(importance: Float64Array, tree: GrownTree): void {
  for (let i = 0; i < tree.nodeCount; i++) {
    const f = tree.feature[i]
    if (f >= 0) importance[f] += Math.max(0, tree.gain[i])
  }
}

/** Scales to sum 1; all zeros (no split anywhere) stay zeros. */
export function normaliseImportance(importance: Float64Array): Float64Array {
  let total = 0
  for (const v of importance) total += v
  return total > 0 ? importance.map((v) => v / total) : importance.slice()
}
