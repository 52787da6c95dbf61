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

/**
 * partitionRows for a grower's row index and the ordered gradients kept
 * aligned with it (`outputs` gradients per row in g, one hessian in h): each
 * row's gradients move with it, so a child's ordered gradients are already
 * the slice of its rows and need no gathering. The scratch arrays hold the
 * right part on the way (n, n × outputs and n entries).
 */
export function partitionWithGradients(
  rows: Uint32Array,
  g: Float64Array,
  h: Float64Array,
  outputs: number,
  scratch: Uint32Array,
  gScratch: Float64Array,
  hScratch: Float64Array,
  start: number,
  end: number,
  bins: Uint8Array,
  col: number,
  splitBin: number,
  missing: number,
  missingLeft: boolean,
): number {
  const k = outputs
  let l = start
  let r = 0
  for (let i = start; i < end; i++) {
    const row = rows[i]
    const b = bins[col + row]
    if (b <= splitBin || (missingLeft && b === missing)) {
      rows[l] = row
      for (let c = 0; c < k; c++) g[l * k + c] = g[i * k + c]
      h[l] = h[i]
      l++
    } else {
      scratch[r] = row
      for (let c = 0; c < k; c++) gScratch[r * k + c] = g[i * k + c]
      hScratch[r] = h[i]
      r++
    }
  }
  rows.set(scratch.subarray(0, r), l)
  g.set(gScratch.subarray(0, r * k), l * k)
  h.set(hScratch.subarray(0, r), l)
  return l
}

