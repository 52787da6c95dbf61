// AssemblyScript source of the WebAssembly histogram kernel (kernel/wasm-kernel.ts).
// Compiled by `npm run wasm` (src/node/generate-histogram-wasm.ts) into
// kernel/histogram-wasm.ts; a unit test recompiles it and compares the bytes.
//
// The same loop as buildHistogram in ../histogram.ts for one output with row
// counts (stride 3 doubles per bin: gradient, hessian, count), and the same
// order of additions per bin (rows in order), so both give identical bits.
// What makes it faster than V8's code for the TypeScript loop: no bounds
// checks, and the gradient and hessian added as one f64x2 (SIMD) operation.
// All arguments are byte addresses in the module's memory, except counts.

/** One feature's slice: bins 0…nb, stride 24 bytes. */
@inline function clear(hist: usize, offsets: usize, nBins: usize, f: usize): void {
  const base = hist + <usize>load<i32>(offsets + (f << 2)) * 24
  memory.fill(base, 0, <usize>(load<i32>(nBins + (f << 2)) + 1) * 24)
}

@inline function add(x: usize, v: v128): void {
  v128.store(x, f64x2.add(v128.load(x), v))
  store<f64>(x, load<f64>(x, 16) + 1.0, 16)
}

/**
 * Fills the slices of features[from..to) of `hist` for the m rows
 * rows[0..m) (or 0…m-1 when `contiguous`), whose ordered gradients and
 * hessians are g[0..m) and h[0..m). `bins` is column-major: feature f of row r
 * at bins[f × n + r].
 */
export function histogram(hist: usize, bins: usize, n: i32, rows: usize, m: i32, contiguous: bool, g: usize, h: usize, offsets: usize, nBins: usize, features: usize, from: i32, to: i32): void {
  for (let fi = from; fi < to; fi++) clear(hist, offsets, nBins, <usize>load<i32>(features + (<usize>fi << 2)))
  const nn = <usize>n
  const mm = <usize>m
  let fi = from
  for (; fi + 5 < to; fi += 6) {
    const f0 = <usize>load<i32>(features + (<usize>fi << 2))
    const f1 = <usize>load<i32>(features + (<usize>(fi + 1) << 2))
    const f2 = <usize>load<i32>(features + (<usize>(fi + 2) << 2))
    const f3 = <usize>load<i32>(features + (<usize>(fi + 3) << 2))
    const f4 = <usize>load<i32>(features + (<usize>(fi + 4) << 2))
    const f5 = <usize>load<i32>(features + (<usize>(fi + 5) << 2))
    const b0 = hist + <usize>load<i32>(offsets + (f0 << 2)) * 24
    const b1 = hist + <usize>load<i32>(offsets + (f1 << 2)) * 24
    const b2 = hist + <usize>load<i32>(offsets + (f2 << 2)) * 24
    const b3 = hist + <usize>load<i32>(offsets + (f3 << 2)) * 24
    const b4 = hist + <usize>load<i32>(offsets + (f4 << 2)) * 24
    const b5 = hist + <usize>load<i32>(offsets + (f5 << 2)) * 24
    const c0 = bins + f0 * nn
    const c1 = bins + f1 * nn
    const c2 = bins + f2 * nn
    const c3 = bins + f3 * nn
    const c4 = bins + f4 * nn
    const c5 = bins + f5 * nn
    for (let k: usize = 0; k < mm; k++) {
      const r: usize = contiguous ? k : <usize>load<u32>(rows + (k << 2))
      const v = f64x2.replace_lane(f64x2.splat(load<f64>(g + (k << 3))), 1, load<f64>(h + (k << 3)))
      add(b0 + <usize>load<u8>(c0 + r) * 24, v)
      add(b1 + <usize>load<u8>(c1 + r) * 24, v)
      add(b2 + <usize>load<u8>(c2 + r) * 24, v)
      add(b3 + <usize>load<u8>(c3 + r) * 24, v)
      add(b4 + <usize>load<u8>(c4 + r) * 24, v)
      add(b5 + <usize>load<u8>(c5 + r) * 24, v)
    }
  }
  for (; fi + 1 < to; fi += 2) {
    const f0 = <usize>load<i32>(features + (<usize>fi << 2))
    const f1 = <usize>load<i32>(features + (<usize>(fi + 1) << 2))
    const b0 = hist + <usize>load<i32>(offsets + (f0 << 2)) * 24
    const b1 = hist + <usize>load<i32>(offsets + (f1 << 2)) * 24
    const c0 = bins + f0 * nn
    const c1 = bins + f1 * nn
    for (let k: usize = 0; k < mm; k++) {
      const r: usize = contiguous ? k : <usize>load<u32>(rows + (k << 2))
      const v = f64x2.replace_lane(f64x2.splat(load<f64>(g + (k << 3))), 1, load<f64>(h + (k << 3)))
      add(b0 + <usize>load<u8>(c0 + r) * 24, v)
      add(b1 + <usize>load<u8>(c1 + r) * 24, v)
    }
  }
  if (fi < to) {
    const f0 = <usize>load<i32>(features + (<usize>fi << 2))
    const b0 = hist + <usize>load<i32>(offsets + (f0 << 2)) * 24
    const c0 = bins + f0 * nn
    for (let k: usize = 0; k < mm; k++) {
      const r: usize = contiguous ? k : <usize>load<u32>(rows + (k << 2))
      const v = f64x2.replace_lane(f64x2.splat(load<f64>(g + (k << 3))), 1, load<f64>(h + (k << 3)))
      add(b0 + <usize>load<u8>(c0 + r) * 24, v)
    }
  }
}
