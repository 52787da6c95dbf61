// AssemblyScript source of boosting's gradient pass for the binary log loss,
// two rows at a time (f64x2), exported by the histogram kernel's module
// (assembly/histogram.ts re-exports it). It computes what binaryLogLoss's
// gradients in ../../objectives.ts computes, with the same bits: the same
// fdlibm branches of portable-math's exp and log1pUnit, every operation
// correctly rounded, in the same order. Where the lanes of one pair take
// different branches, both are computed and each lane keeps its own.
// Rows whose score lies outside the branches ported here (|s| ≥ 700 or NaN,
// or e^−|s| so close to 1 that log1p's slow path runs) are listed for the
// caller, which computes them with the TypeScript reference; the loss is
// summed afterwards, rows in order, by sumTerms.

const LN2_HI: f64 = 6.93147180369123816490e-1
const LN2_LO: f64 = 1.90821492927058770002e-10
const INV_LN2: f64 = 1.442695040888963387e0
const P1: f64 = 1.66666666666666019037e-1
const P2: f64 = -2.77777777770155933842e-3
const P3: f64 = 6.61375632143793436117e-5
const P4: f64 = -1.65339022054652515390e-6
const P5: f64 = 4.13813679705723846039e-8
const LG1: f64 = 6.666666666666735130e-1
const LG2: f64 = 3.999999999940941908e-1
const LG3: f64 = 2.857142874366239149e-1
const LG4: f64 = 2.222219843214978396e-1
const LG5: f64 = 1.818357216161805012e-1
const LG6: f64 = 1.531383769920937332e-1
const LG7: f64 = 1.479819860511658591e-1
/** exp's bounds on |x| (portable-math: ABS_HALF_LN2, ABS_TINY), and the largest |s| ported here (k stays ≥ −1021). */
const HALF_LN2: f64 = 0.3465735912322998
const EXP_TINY: f64 = 3.725290298461914e-9 // 2^-28
const EXP_LIMIT: f64 = 700
/** log1pUnit's bounds (portable-math: TWO_M29, LOG1P_K0_BOUND, LOG1P_U_LOW, LOG1P_U_HIGH), and log1p's 2^-54. */
const TWO_M29: f64 = 1.862645149230957e-9
const TWO_M54: f64 = 5.551115123125783e-17
const K0_BOUND: f64 = reinterpret<f64>(<i64>0x3fda827a << 32)
const U_LOW: f64 = reinterpret<f64>(<i64>0x3ff6a09e << 32)
const U_HIGH: f64 = reinterpret<f64>(<i64>0x3fffff00 << 32)
const MIN_HESSIAN: f64 = 1e-16

@inline function splat(x: f64): v128 {
  return f64x2.splat(x)
}
@inline function pair(a: f64, b: f64): v128 {
  return f64x2.replace_lane(f64x2.splat(a), 1, b)
}
@inline function poly5(t: v128): v128 {
  return f64x2.mul(t, f64x2.add(splat(P1), f64x2.mul(t, f64x2.add(splat(P2), f64x2.mul(t, f64x2.add(splat(P3), f64x2.mul(t, f64x2.add(splat(P4), f64x2.mul(t, splat(P5))))))))))
}
@inline function lg7(z: v128): v128 {
  return f64x2.mul(z, f64x2.add(splat(LG1), f64x2.mul(z, f64x2.add(splat(LG2), f64x2.mul(z, f64x2.add(splat(LG3), f64x2.mul(z, f64x2.add(splat(LG4), f64x2.mul(z, f64x2.add(splat(LG5), f64x2.mul(z, f64x2.add(splat(LG6), f64x2.mul(z, splat(LG7))))))))))))))
}

/** e^−a for 0 ≤ a < EXP_LIMIT, per lane, as portable-math's exp(−a). */
@inline function expNegative(a: v128): v128 {
  const x = f64x2.neg(a)
  const reduced = f64x2.ge(a, splat(HALF_LN2))
  // fdlibm's k: 0 below ln2/2; its separate branch up to 1.5·ln2 gives k = −1, hi = x + LN2_HI and lo = −LN2_LO, as this general one does there.
  const k = v128.and(f64x2.trunc(f64x2.sub(f64x2.mul(splat(INV_LN2), x), splat(0.5))), reduced)
  const hi = f64x2.sub(x, f64x2.mul(k, splat(LN2_HI)))
  const lo = f64x2.mul(k, splat(LN2_LO))
  const r = v128.bitselect(f64x2.sub(hi, lo), x, reduced)
  const c = f64x2.sub(r, poly5(f64x2.mul(r, r)))
  // k = 0: 1 − ((r·c)/(c − 2) − r); otherwise (1 − (lo − (r·c)/(2 − c) − hi))·2^k.
  const q = f64x2.div(f64x2.mul(r, c), v128.bitselect(f64x2.sub(splat(2), c), f64x2.sub(c, splat(2)), reduced))
  const plain = f64x2.sub(splat(1), f64x2.sub(q, r))
  const y = f64x2.sub(splat(1), f64x2.sub(f64x2.sub(lo, q), hi))
  // 2^k built from its exponent bits (k ≥ −1021 here: a normal double, as portable-math's table holds).
  // k + 1023 lands in the low mantissa bits of k + 1023 + 2^52 (exactly: an integer below 2^53); shifting by 52 makes them the exponent.
  const scale = i64x2.shl(f64x2.add(k, splat(4503599627371519)), 52)
  const e = v128.bitselect(f64x2.mul(y, scale), plain, reduced)
  // Below 2^-28 fdlibm returns 1 + x.
  return v128.bitselect(f64x2.add(splat(1), x), e, f64x2.lt(a, splat(EXP_TINY)))
}

/** log1p(x) for 0 ≤ x < 1 on log1pUnit's two fast paths and log1p's tiny-argument branch, per lane; stores at `slow` a mask of the lanes outside them. */
@inline function log1pLanes(x: v128, slow: usize): v128 {
  const u = f64x2.add(splat(1), x)
  const halved = f64x2.ge(x, splat(K0_BOUND))
  store<v128>(slow, v128.and(halved, v128.not(v128.and(f64x2.ge(u, splat(U_LOW)), f64x2.lt(u, splat(U_HIGH))))))
  // k = 1 (halved): u's rounding error kept in c, f = u/2 − 1; k = 0: f = x.
  const c = f64x2.div(f64x2.sub(x, f64x2.sub(u, splat(1))), u)
  const f = v128.bitselect(f64x2.sub(f64x2.mul(u, splat(0.5)), splat(1)), x, halved)
  const hfsq = f64x2.mul(f64x2.mul(splat(0.5), f), f)
  const s = f64x2.div(f, f64x2.add(splat(2), f))
  const R = lg7(f64x2.mul(s, s))
  const sR = f64x2.mul(s, f64x2.add(hfsq, R))
  const k0 = f64x2.sub(f, f64x2.sub(hfsq, sR))
  const k1 = f64x2.sub(splat(LN2_HI), f64x2.sub(f64x2.sub(hfsq, f64x2.add(sR, f64x2.add(splat(LN2_LO), c))), f))
  const tiny = v128.bitselect(x, f64x2.sub(x, f64x2.mul(f64x2.mul(x, x), splat(0.5))), f64x2.lt(x, splat(TWO_M54)))
  return v128.bitselect(tiny, v128.bitselect(k1, k0, halved), f64x2.lt(x, splat(TWO_M29)))
}

/**
 * Gradients, hessians and weighted loss terms of rows[0..m) (u32 row
 * numbers; f64 scores, y, w, g, h indexed by row, terms by position). A pair
 * whose lanes leave the ported branches is skipped whole: its positions are
 * written to `slow` (u32) for the caller. Returns how many positions were.
 * `terms` has room for a whole last pair (m rounded up to even); `lanes` is
 * 16 bytes of scratch.
 */
export function binaryGradients(scores: usize, y: usize, w: usize, rows: usize, m: i32, g: usize, h: usize, terms: usize, slow: usize, lanes: usize): i32 {
  const mm = <usize>m
  // Two passes, e^−|s| first into `terms`: each pair's chain of dependent operations is long, and split in two, more pairs are in flight at once.
  for (let k: usize = 0; k < mm; k += 2) {
    const k1 = k + 1 < mm ? k + 1 : k
    const s = pair(load<f64>(scores + (<usize>load<u32>(rows + (k << 2)) << 3)), load<f64>(scores + (<usize>load<u32>(rows + (k1 << 2)) << 3)))
    v128.store(terms + (k << 3), expNegative(f64x2.abs(s)))
  }
  let slowCount = 0
  for (let k: usize = 0; k < mm; k += 2) {
    const k1 = k + 1 < mm ? k + 1 : k
    const i0 = <usize>load<u32>(rows + (k << 2))
    const i1 = <usize>load<u32>(rows + (k1 << 2))
    const s = pair(load<f64>(scores + (i0 << 3)), load<f64>(scores + (i1 << 3)))
    const e = v128.load(terms + (k << 3))
    const l = log1pLanes(e, lanes)
    // NaN fails the comparison and is slow too.
    if (v128.any_true(v128.or(v128.load(lanes), v128.not(f64x2.lt(f64x2.abs(s), splat(EXP_LIMIT)))))) {
      store<u32>(slow + (<usize>slowCount << 2), <u32>k)
      slowCount++
      if (k1 != k) {
        store<u32>(slow + (<usize>slowCount << 2), <u32>k1)
        slowCount++
      }
      continue
    }
    const positive = f64x2.ge(s, splat(0))
    const p = f64x2.div(v128.bitselect(splat(1), e, positive), f64x2.add(splat(1), e))
    const yv = pair(load<f64>(y + (i0 << 3)), load<f64>(y + (i1 << 3)))
    const wv = pair(load<f64>(w + (i0 << 3)), load<f64>(w + (i1 << 3)))
    const gv = f64x2.mul(wv, f64x2.sub(p, yv))
    // max(p·(1 − p), MIN_HESSIAN) as a select: neither is NaN here, and V8's f64x2.max spends instructions on NaN and −0.
    const spread = f64x2.mul(p, f64x2.sub(splat(1), p))
    const hv = f64x2.mul(wv, v128.bitselect(splat(MIN_HESSIAN), spread, f64x2.lt(spread, splat(MIN_HESSIAN))))
    const positivePart = v128.and(s, f64x2.gt(s, splat(0)))
    const t = f64x2.mul(wv, f64x2.sub(f64x2.add(positivePart, l), f64x2.mul(yv, s)))
    // The second lane first: for an odd last row both lanes are that row.
    store<f64>(g + (i1 << 3), f64x2.extract_lane(gv, 1))
    store<f64>(h + (i1 << 3), f64x2.extract_lane(hv, 1))
    store<f64>(terms + (k1 << 3), f64x2.extract_lane(t, 1))
    store<f64>(g + (i0 << 3), f64x2.extract_lane(gv, 0))
    store<f64>(h + (i0 << 3), f64x2.extract_lane(hv, 0))
    store<f64>(terms + (k << 3), f64x2.extract_lane(t, 0))
  }
  return slowCount
}

/**
 * The mean loss: terms[0..m) summed in order over the weights of rows[0..m)
 * summed in order (as the reference's running sums), 0 when they sum to 0.
 */
export function sumTerms(terms: usize, w: usize, rows: usize, m: i32): f64 {
  let loss: f64 = 0
  let total: f64 = 0
  for (let k: usize = 0; k < <usize>m; k++) {
    loss += load<f64>(terms + (k << 3))
    total += load<f64>(w + (<usize>load<u32>(rows + (k << 2)) << 3))
  }
  return total > 0 ? loss / total : 0
}

/**
 * Adds leaf values to the scores of the rows that reached them
 * (addLeafValues in ../../leaf-values.ts), positions [from, to) of the
 * grower's row index: for each of `count` leaves j, scores[rows[k]] +=
 * values[j] (f64) for k in [starts[j], ends[j]) (i32) ∩ [from, to).
 */
export function addLeafValues(scores: usize, rows: usize, starts: usize, ends: usize, values: usize, count: i32, from: i32, to: i32): void {
  for (let j: usize = 0; j < <usize>count; j++) {
    const a = max(load<i32>(starts + (j << 2)), from)
    const b = min(load<i32>(ends + (j << 2)), to)
    const v = load<f64>(values + (j << 3))
    for (let k = <usize>a; k < <usize>b; k++) {
      const at = scores + (<usize>load<u32>(rows + (k << 2)) << 3)
      store<f64>(at, load<f64>(at) + v)
    }
  }
}
