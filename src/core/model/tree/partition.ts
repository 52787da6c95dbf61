/**
 * Partitions: a split rearranges its node's range of the row index array so
 * that the left child's rows come first and the right child's after, both in
 * their original (ascending) order — stable, so later reads of bin columns
 * and gradients stay as sequential as the rows allow.
 */

/**
 * Stable partition of rows[start..end) by a split: rows whose bin code is
 * ≤ splitBin (or missing, when missing goes left) keep their order at the
 * front, the others follow in order. Returns where the right part starts.
 * Row `row`'s code is bins[col + row * rowStride]: column-major codes with
 * col = feature × rows and stride 1, row-major ones with col = feature and
 * stride = features.
 */
export function partitionRows(rows: Uint32Array, scratch: Uint32Array, start: number, end: number, bins: Uint8Array, col: number, splitBin: number, missing: number, missingLeft: boolean, rowStride = 1): number {
  let l = start
  let r = 0
  for (let i = start; i < end; i++) {
    const row = rows[i]
    const b = bins[col + row * rowStride]
    if (b <= splitBin || (missingLeft && b === missing)) rows[l++] = row
    else scratch[r++] = row
  }
  for (let i = 0; i < r; i++) rows[l + i] = scratch[i]
  return l
}
