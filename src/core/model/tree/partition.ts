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
 * partitionRows that moves each row's positional gradients (k per row) and
 * hessian along with it, and writes Σ g²/h of the left and right rows to
 * `squares` (the children's purity checks then need no pass of their own).
 */
export function partitionWithGradients(
  rows: Uint32Array,
  scratch: Uint32Array,
  start: number,
  end: number,
  bins: Uint8Array,
  col: number,
  splitBin: number,
  missing: number,
  missingLeft: boolean,
  g: Float64Array,
  h: Float64Array,
  gSpare: Float64Array,
  hSpare: Float64Array,
  k: number,
  squares: Float64Array,
  rowStride = 1,
): number {
  let l = start
  let r = 0
  let qLeft = 0
  let qRight = 0
  if (k === 1) {
    for (let i = start; i < end; i++) {
      const row = rows[i]
      const b = bins[col + row * rowStride]
      const gi = g[i]
      const hi = h[i]
      const q = hi > 0 ? (gi * gi) / hi : 0
      if (b <= splitBin || (missingLeft && b === missing)) {
        g[l] = gi
        h[l] = hi
        rows[l++] = row
        qLeft += q
      } else {
        gSpare[r] = gi
        hSpare[r] = hi
        scratch[r++] = row
        qRight += q
      }
    }
  } else {
    for (let i = start; i < end; i++) {
      const row = rows[i]
      const b = bins[col + row * rowStride]
      const hi = h[i]
      let q = 0
      if (hi > 0) for (let c = 0; c < k; c++) q += (g[i * k + c] * g[i * k + c]) / hi
      if (b <= splitBin || (missingLeft && b === missing)) {
        for (let c = 0; c < k; c++) g[l * k + c] = g[i * k + c]
        h[l] = hi
        rows[l++] = row
        qLeft += q
      } else {
        for (let c = 0; c < k; c++) gSpare[r * k + c] = g[i * k + c]
        hSpare[r] = hi
        scratch[r++] = row
        qRight += q
      }
    }
  }
  for (let i = 0; i < r * k; i++) g[l * k + i] = gSpare[i]
  for (let i = 0; i < r; i++) {
    h[l + i] = hSpare[i]
    rows[l + i] = scratch[i]
  }
  squares[0] = qLeft
  squares[1] = qRight
  return l
}
