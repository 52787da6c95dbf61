/**
 * Boosting's score update after a tree: each leaf's shrunken value added to
 * the scores of the rows that reached it, those the tree was grown on and
 * its passengers. The reference; kernel/gradient-pass.ts does the grown rows
 * in WebAssembly (split across threads) with the same additions, each row's
 * score changed once.
 */
import type { GrownTree } from './types'

/** scores[row] += rate × value of the row's leaf, for the grown rows (when `grown`) and the passengers. */
export function addLeafValues(tree: GrownTree, rate: number, scores: Float64Array, grown = true): void {
  for (let node = 0; node < tree.nodeCount; node++) {
    if (tree.feature[node] >= 0) continue
    const v = rate * tree.value[node]
    if (grown) for (let k = tree.rowStart[node]; k < tree.rowEnd[node]; k++) scores[tree.rows[k]] += v
    for (let k = tree.passengerStart[node]; k < tree.passengerEnd[node]; k++) scores[tree.passengers[k]] += v
  }
}
