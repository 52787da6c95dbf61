// AssemblyScript source of the histogram kernel's row partitions, exported by
// its module (assembly/histogram.ts re-exports them): a node's rows, and their
// ordered gradients, split by a feature's code, as ../../partition.ts does.
// All arguments are byte addresses in the module's memory, except counts.

/**
 * Stable partition of rows[start..end) (u32 at `rows`) by one split, as
 * partitionWithGradients in ../../partition.ts: rows whose code in `column` is
 * ≤ splitBin, or is `missing` when missing goes left, keep their order at the
 * front, the others follow in order; the ordered gradients and hessians
 * (f64 at g and h, aligned with rows) move with their rows. Branch-free:
 * every row is written to both sides and only the side it belongs to
 * advances. The scratch areas hold the right side on the way. Returns where
 * the right side starts.
 */
export function partition(rows: usize, g: usize, h: usize, scratch: usize, gScratch: usize, hScratch: usize, column: usize, start: i32, end: i32, splitBin: i32, missing: i32, missingLeft: bool): i32 {
  return partitionBody(true, rows, g, h, scratch, gScratch, hScratch, column, start, end, splitBin, missing, missingLeft)
}

/** partition of the rows alone (partitionRows in ../../partition.ts), for nodes whose children are never built: their gradients are left as they were. */
export function partitionRows(rows: usize, scratch: usize, column: usize, start: i32, end: i32, splitBin: i32, missing: i32, missingLeft: bool): i32 {
  return partitionBody(false, rows, 0, 0, scratch, 0, 0, column, start, end, splitBin, missing, missingLeft)
}

@inline function partitionBody(gradients: bool, rows: usize, g: usize, h: usize, scratch: usize, gScratch: usize, hScratch: usize, column: usize, start: i32, end: i32, splitBin: i32, missing: i32, missingLeft: bool): i32 {
  let l = <usize>start
  let r: usize = 0
  for (let i = <usize>start; i < <usize>end; i++) {
    const row = load<u32>(rows + (i << 2))
    const gi = gradients ? load<f64>(g + (i << 3)) : 0
    const hi = gradients ? load<f64>(h + (i << 3)) : 0
    const b = <i32>load<u8>(column + <usize>row)
    const left = <usize>((b <= splitBin) | (missingLeft & (b == missing)))
    store<u32>(rows + (l << 2), row)
    if (gradients) {
      store<f64>(g + (l << 3), gi)
      store<f64>(h + (l << 3), hi)
    }
    store<u32>(scratch + (r << 2), row)
    if (gradients) {
      store<f64>(gScratch + (r << 3), gi)
      store<f64>(hScratch + (r << 3), hi)
    }
    l += left
    r += left ^ 1
  }
  memory.copy(rows + (l << 2), scratch, r << 2)
  if (gradients) {
    memory.copy(g + (l << 3), gScratch, r << 3)
    memory.copy(h + (l << 3), hScratch, r << 3)
  }
  return <i32>l
}

// The same partition in three steps, for threads that each take a share of
// a large node's rows (kernel/row-tasks.ts): count each share's left rows,
// move each share's rows to the scratch areas at the places the counts give
// (lefts of all shares first, in share order, then the rights), and copy the
// scratch back. The result is partition's, bit for bit.

/** How many of rows[from..to) go left (see partition). */
export function partitionCount(rows: usize, column: usize, from: i32, to: i32, splitBin: i32, missing: i32, missingLeft: bool): i32 {
  let count = 0
  for (let i = <usize>from; i < <usize>to; i++) {
    const b = <i32>load<u8>(column + <usize>load<u32>(rows + (i << 2)))
    count += (b <= splitBin) | (missingLeft & (b == missing))
  }
  return count
}

/**
 * Moves share `share`'s rows[from..to) (and with `gradients` their g and h)
 * to the scratch areas, given every share's left count (i32 at `counts`,
 * `shares` of them): its lefts follow the earlier shares' lefts, its rights
 * follow all lefts and the earlier shares' rights.
 */
export function partitionScatter(gradients: bool, rows: usize, g: usize, h: usize, scratch: usize, gScratch: usize, hScratch: usize, column: usize, from: i32, to: i32, splitBin: i32, missing: i32, missingLeft: bool, counts: usize, share: i32, shares: i32): void {
  let before = 0
  let total = 0
  for (let t = 0; t < shares; t++) {
    const c = load<i32>(counts + (<usize>t << 2))
    if (t < share) before += c
    total += c
  }
  let l = <usize>before
  // Rights before this share: its start less the lefts before it.
  let r = <usize>(total + from - before)
  for (let i = <usize>from; i < <usize>to; i++) {
    const row = load<u32>(rows + (i << 2))
    const b = <i32>load<u8>(column + <usize>row)
    const left = <usize>((b <= splitBin) | (missingLeft & (b == missing)))
    const at = select<usize>(l, r, left != 0)
    store<u32>(scratch + (at << 2), row)
    if (gradients) {
      store<f64>(gScratch + (at << 3), load<f64>(g + (i << 3)))
      store<f64>(hScratch + (at << 3), load<f64>(h + (i << 3)))
    }
    l += left
    r += left ^ 1
  }
}

/** Copies positions [from, to) of the scratch areas back to rows (and g and h). */
export function partitionCopy(gradients: bool, rows: usize, g: usize, h: usize, scratch: usize, gScratch: usize, hScratch: usize, from: i32, to: i32): void {
  const a = <usize>from
  const count = <usize>(to - from)
  memory.copy(rows + (a << 2), scratch + (a << 2), count << 2)
  if (gradients) {
    memory.copy(g + (a << 3), gScratch + (a << 3), count << 3)
    memory.copy(h + (a << 3), hScratch + (a << 3), count << 3)
  }
}

/** Bytes of one node's record in partitionNodes: seven i32 fields and the result, padded to a cache line (each thread writes its nodes' results). */
const NODE_RECORD_BYTES: usize = 64

/**
 * partition (or partitionRows) of several nodes, records [from, to), one
 * after another: a level's nodes, which threads take side by side. A record
 * holds, as i32: start, end, the split feature's column of codes, splitBin,
 * missing, missingLeft, gradients (0: the rows alone); where the right side
 * starts is written at byte 28. Each node's scratch is its own range of the
 * scratch areas, so nodes never share it.
 */
export function partitionNodes(records: usize, from: i32, to: i32, rows: usize, g: usize, h: usize, scratch: usize, gScratch: usize, hScratch: usize): void {
  for (let u = <usize>from; u < <usize>to; u++) {
    const r = records + u * NODE_RECORD_BYTES
    const start = load<i32>(r)
    const end = load<i32>(r, 4)
    const column = <usize>load<u32>(r, 8)
    const splitBin = load<i32>(r, 12)
    const missing = load<i32>(r, 16)
    const missingLeft = load<i32>(r, 20) != 0
    const s = <usize>start
    const left = load<i32>(r, 24) != 0
      ? partitionBody(true, rows, g, h, scratch + (s << 2), gScratch + (s << 3), hScratch + (s << 3), column, start, end, splitBin, missing, missingLeft)
      : partitionBody(false, rows, 0, 0, scratch + (s << 2), 0, 0, column, start, end, splitBin, missing, missingLeft)
    store<i32>(r, left, 28)
  }
}
