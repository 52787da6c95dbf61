// AssemblyScript source of the WebAssembly prediction kernel (kernel/wasm-predictor.ts).
// Compiled by `npm run wasm` (src/node/generate-histogram-wasm.ts) into
// kernel/predict-wasm.ts; a unit test recompiles it and compares the bytes.
//
// Walks blocks of rows down every tree in the layout of ../predict-layout.ts
// and adds each row's leaf values tree by tree, in tree order: the same f64
// additions in the same order as TreeEnsemble's TypeScript walk, so the same
// bits. One step of a walk is one comparison and no branch:
//   node = firstChild(node) + (column value > threshold(node) ? 1 : 0)
// (the layout turns missing-value directions into negated or marker columns).
// What makes it faster than V8's code for the TypeScript walk: no bounds
// checks and no spilled registers with eight rows walking at once.
// All arguments are byte addresses in the module's memory, except counts.
//
// A node is 16 bytes: f64 threshold, i32 byte offset of its column in the
// block buffer, i32 byte address of its first child (a leaf: itself, with
// threshold +Infinity, so extra steps stay on it).

@inline function step(node: usize, x: usize): usize {
  return <usize>load<i32>(node, 12) + select<usize>(16, 0, load<f64>(x + <usize>load<i32>(node, 8)) > load<f64>(node))
}

/** Adds the `width` values of the leaf at byte address `leaf` to the sums at `out`. */
@inline function addLeaf(out: usize, values: usize, nodes: usize, leaf: usize, width: usize): void {
  const v = values + ((leaf - nodes) >> 4) * width * 8
  for (let c: usize = 0; c < width; c++) store<f64>(out + (c << 3), load<f64>(out + (c << 3)) + load<f64>(v + (c << 3)))
}

/**
 * Copies rows [start, start+m) of the row-major `data` (p columns) into the
 * column-major block buffer `buf` (`block` rows per column). Column k of the
 * buffer is described by columns[k] = 4 × source column + kind: kind 0 the
 * value, 1 its negation, 2 NaN where the value is missing and 0 elsewhere.
 */
function fill(buf: usize, block: usize, columns: usize, width: usize, data: usize, p: usize, start: usize, m: usize): void {
  for (let k: usize = 0; k < width; k++) {
    const code = <usize>load<i32>(columns + (k << 2))
    const to = buf + k * block * 8
    const from = data + (start * p + (code >> 2)) * 8
    const stride = p * 8
    const kind = code & 3
    if (kind == 0) for (let r: usize = 0; r < m; r++) store<f64>(to + (r << 3), load<f64>(from + r * stride))
    else if (kind == 1) for (let r: usize = 0; r < m; r++) store<f64>(to + (r << 3), -load<f64>(from + r * stride))
    else
      for (let r: usize = 0; r < m; r++) {
        const x = load<f64>(from + r * stride)
        store<f64>(to + (r << 3), select<f64>(x, 0, x != x))
      }
  }
}

/**
 * Sums, for each of the n rows of `data` (row-major, p columns), the leaf
 * values of every tree: sums[row × outputs + treeOutput[t] + c] += leaf value c,
 * trees in order. `sums` is cleared first. Rows go `block` at a time through
 * the block buffer `buf` (block × width f64); each tree t starts at the byte
 * address roots[t] and takes steps[t] steps.
 */
export function predict(nodes: usize, values: usize, roots: usize, steps: usize, treeOutput: usize, trees: i32, leafWidth: i32, outputs: i32, columns: usize, width: i32, block: i32, buf: usize, data: usize, p: i32, n: i32, sums: usize): void {
  const D = <usize>outputs
  const W = <usize>leafWidth
  const B = <usize>block
  const nn = <usize>n
  memory.fill(sums, 0, nn * D * 8)
  for (let start: usize = 0; start < nn; start += B) {
    const m: usize = min(B, nn - start)
    fill(buf, B, columns, <usize>width, data, <usize>p, start, m)
    for (let t: usize = 0; t < <usize>trees; t++) {
      const root = <usize>load<i32>(roots + (t << 2))
      const s = load<i32>(steps + (t << 2))
      const out = sums + (start * D + <usize>load<i32>(treeOutput + (t << 2))) * 8
      let i: usize = 0
      // Eight rows at once: each step of a row waits on the one before, so independent rows overlap their loads.
      for (; i + 8 <= m; i += 8) {
        const x = buf + (i << 3)
        let a0 = root, a1 = root, a2 = root, a3 = root, a4 = root, a5 = root, a6 = root, a7 = root
        for (let d = 0; d < s; d++) {
          a0 = step(a0, x)
          a1 = step(a1, x + 8)
          a2 = step(a2, x + 16)
          a3 = step(a3, x + 24)
          a4 = step(a4, x + 32)
          a5 = step(a5, x + 40)
          a6 = step(a6, x + 48)
          a7 = step(a7, x + 56)
        }
        if (W == 1 && D == 1) {
          const o = out + (i << 3)
          store<f64>(o, load<f64>(o) + load<f64>(values + ((a0 - nodes) >> 1)))
          store<f64>(o, load<f64>(o, 8) + load<f64>(values + ((a1 - nodes) >> 1)), 8)
          store<f64>(o, load<f64>(o, 16) + load<f64>(values + ((a2 - nodes) >> 1)), 16)
          store<f64>(o, load<f64>(o, 24) + load<f64>(values + ((a3 - nodes) >> 1)), 24)
          store<f64>(o, load<f64>(o, 32) + load<f64>(values + ((a4 - nodes) >> 1)), 32)
          store<f64>(o, load<f64>(o, 40) + load<f64>(values + ((a5 - nodes) >> 1)), 40)
          store<f64>(o, load<f64>(o, 48) + load<f64>(values + ((a6 - nodes) >> 1)), 48)
          store<f64>(o, load<f64>(o, 56) + load<f64>(values + ((a7 - nodes) >> 1)), 56)
        } else {
          const row = D * 8
          const o = out + i * row
          addLeaf(o, values, nodes, a0, W)
          addLeaf(o + row, values, nodes, a1, W)
          addLeaf(o + 2 * row, values, nodes, a2, W)
          addLeaf(o + 3 * row, values, nodes, a3, W)
          addLeaf(o + 4 * row, values, nodes, a4, W)
          addLeaf(o + 5 * row, values, nodes, a5, W)
          addLeaf(o + 6 * row, values, nodes, a6, W)
          addLeaf(o + 7 * row, values, nodes, a7, W)
        }
      }
      for (; i < m; i++) {
        const x = buf + (i << 3)
        let a = root
        for (let d = 0; d < s; d++) a = step(a, x)
        addLeaf(out + i * D * 8, values, nodes, a, W)
      }
    }
  }
}
