/**
 * exp, log and log1p written out in plain arithmetic (ports of fdlibm 5.3's
 * e_exp.c, e_log.c and s_log1p.c, the routines V8 itself long used), so a
 * model trains to the same bits in every JavaScript engine. The engines'
 * own Math.exp and Math.log are not specified to the last bit and do differ:
 * Node 20 and a current Chromium disagree in the last place on about one
 * value in ten, which made a model trained in the page differ from the same
 * model trained by the CLI. Every number a fit or a prediction depends on
 * goes through these; +, −, ×, ÷ and √ are correctly rounded everywhere.
 * Accuracy is fdlibm's: under one unit in the last place.
 */

const f64 = new Float64Array(1)
const u32 = new Uint32Array(f64.buffer)
// Word order of a double in memory: the high word (sign, exponent) is u32[HI].
f64[0] = 1
const HI = u32[1] === 0x3ff00000 ? 1 : 0
const LO = 1 - HI

function highWord(x: number): number {
  f64[0] = x
  return u32[HI] | 0
}
function lowWord(x: number): number {
  f64[0] = x
  return u32[LO]
}
function withHighWord(x: number, hi: number): number {
  f64[0] = x
  u32[HI] = hi >>> 0
  return f64[0]
}

const LN2_HI = 6.93147180369123816490e-1
const LN2_LO = 1.90821492927058770002e-10
const TWO54 = 1.8014398509481984e16

const INV_LN2 = 1.442695040888963387e0
const TWOM1000 = 9.33263618503218878990e-302
const O_THRESHOLD = 7.09782712893383973096e2
const U_THRESHOLD = -7.45133219101941108420e2
const P1 = 1.66666666666666019037e-1
const P2 = -2.77777777770155933842e-3
const P3 = 6.61375632143793436117e-5
const P4 = -1.65339022054652515390e-6
const P5 = 4.13813679705723846039e-8

/** 2^k for k in [-1022, 1023], built by exact doublings (no pow, whose last bit engines may differ in). */
const POW2 = (() => {
  const table = new Float64Array(2046)
  table[1022] = 1
  for (let k = 1; k <= 1023; k++) table[1022 + k] = table[1022 + k - 1] * 2
  for (let k = 1; k <= 1022; k++) table[1022 - k] = table[1022 - k + 1] / 2
  return table
})()
/** Bounds of fdlibm's tests on the high word of |x|, as doubles (the order of positive doubles is the order of their bits). */
const ABS_OVERFLOW_CHECK = 709.7822265625 // high word 0x40862E42
const ABS_HALF_LN2 = 0.3465735912322998 // high word above 0x3fd62e42
const ABS_THREE_HALVES_LN2 = 1.0397205352783203 // high word 0x3FF0A2B2
const ABS_TINY = 2 ** -28 // high word 0x3e300000 (a power of two: exact)

/**
 * e^x (fdlibm __ieee754_exp; its tests on the high word are written as
 * comparisons of |x|). The common case, a finite x of moderate size, stays
 * small enough for V8 to inline into a caller's loop: a call that is not
 * inlined boxes its double argument and result, which made boosting's
 * gradient pass allocate about 500 MB per fit. Edges go to expEdge.
 */
export function exp(x: number): number {
  const ax = Math.abs(x)
  // NaN fails both comparisons and goes to expEdge too.
  if (!(ax < ABS_OVERFLOW_CHECK && ax >= ABS_TINY)) return expEdge(x)
  const negative = x < 0
  let hi = 0
  let lo = 0
  let k = 0
  // The reduced argument in a variable of its own: reassigning x made V8 box it.
  let r = x
  if (ax >= ABS_HALF_LN2) {
    if (ax < ABS_THREE_HALVES_LN2) {
      hi = negative ? x + LN2_HI : x - LN2_HI
      lo = negative ? -LN2_LO : LN2_LO
      k = negative ? -1 : 1
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5))
      hi = x - k * LN2_HI
      lo = k * LN2_LO
    }
    r = hi - lo
  }
  const t = r * r
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))))
  if (k === 0) return 1 - ((r * c) / (c - 2) - r)
  const y = 1 - (lo - (r * c) / (2 - c) - hi)
  // fdlibm adds k to y's exponent; multiplying by 2^k is the same exact operation while the result stays normal.
  return k >= -1021 && k < 1024 ? y * POW2[1022 + k] : scaleBeyondNormal(y, k)
}

/** exp for NaN, ±Infinity, |x| at or beyond the overflow check, and |x| < 2^-28 (fdlibm's early returns and its full path). */
function expEdge(x: number): number {
  if (Number.isNaN(x)) return x
  const ax = Math.abs(x)
  if (ax >= ABS_OVERFLOW_CHECK) {
    if (ax === Infinity) return x < 0 ? 0 : Infinity
    if (x > O_THRESHOLD) return Infinity
    if (x < U_THRESHOLD) return 0
  } else {
    // |x| < 2^-28.
    return 1 + x
  }
  // 709.78… ≤ |x| within the thresholds: fdlibm's reduction with k from the rounding.
  const negative = x < 0
  const k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5))
  const hi = x - k * LN2_HI
  const lo = k * LN2_LO
  const r = hi - lo
  const t = r * r
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))))
  const y = 1 - (lo - (r * c) / (2 - c) - hi)
  return k >= -1021 && k < 1024 ? y * POW2[1022 + k] : scaleBeyondNormal(y, k)
}

/** y·2^k where 2^k itself is not a normal double (k = 1024) or the result is subnormal (k < -1021), as fdlibm scales. */
function scaleBeyondNormal(y: number, k: number): number {
  return k === 1024 ? y * 2 * POW2[1022 + 1023] : y * POW2[1022 + k + 1000] * TWOM1000
}

const LG1 = 6.666666666666735130e-1
const LG2 = 3.999999999940941908e-1
const LG3 = 2.857142874366239149e-1
const LG4 = 2.222219843214978396e-1
const LG5 = 1.818357216161805012e-1
const LG6 = 1.531383769920937332e-1
const LG7 = 1.479819860511658591e-1

/** The natural logarithm (fdlibm __ieee754_log). */
export function log(x: number): number {
  let hx = highWord(x)
  const lx = lowWord(x)
  let k = 0
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity
    if (hx < 0) return NaN
    k -= 54
    x *= TWO54
    hx = highWord(x)
  }
  if (hx >= 0x7ff00000) return x + x
  k += (hx >> 20) - 1023
  hx &= 0x000fffff
  let i = (hx + 0x95f64) & 0x100000
  x = withHighWord(x, hx | (i ^ 0x3ff00000))
  k += i >> 20
  const f = x - 1
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO
    const R = f * f * (0.5 - 0.33333333333333333 * f)
    return k === 0 ? f - R : k * LN2_HI - (R - k * LN2_LO - f)
  }
  const s = f / (2 + f)
  const dk = k
  const z = s * s
  i = hx - 0x6147a
  const w = z * z
  const j = 0x6b851 - hx
  const t1 = w * (LG2 + w * (LG4 + w * LG6))
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)))
  i |= j
  const R = t2 + t1
  if (i > 0) {
    const hfsq = 0.5 * f * f
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f)
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f)
}

/** log(1 + x), accurate for small x (fdlibm log1p). */
export function log1p(x: number): number {
  const hx = highWord(x)
  const ax = hx & 0x7fffffff
  let k = 1
  let f = 0
  let c = 0
  let hu = 0
  if (hx < 0x3fda827a) {
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN
    if (ax < 0x3e200000) return ax < 0x3c900000 ? x : x - x * x * 0.5
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      k = 0
      f = x
      hu = 1
    }
  }
  if (hx >= 0x7ff00000) return x + x
  if (k !== 0) {
    let u: number
    if (hx < 0x43400000) {
      u = 1 + x
      hu = highWord(u)
      k = (hu >> 20) - 1023
      c = k > 0 ? 1 - (u - x) : x - (u - 1)
      c /= u
    } else {
      u = x
      hu = highWord(u)
      k = (hu >> 20) - 1023
      c = 0
    }
    hu &= 0x000fffff
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000)
    } else {
      k += 1
      u = withHighWord(u, hu | 0x3fe00000)
      hu = (0x00100000 - hu) >> 2
    }
    f = u - 1
  }
  const hfsq = 0.5 * f * f
  if (hu === 0) {
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + (c + k * LN2_LO)
    const R = hfsq * (1 - 0.66666666666666666 * f)
    return k === 0 ? f - R : k * LN2_HI - (R - (k * LN2_LO + c) - f)
  }
  const s = f / (2 + f)
  const z = s * s
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))))
  return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f)
}

/** Bounds of log1pUnit's two fast paths, as doubles with fdlibm's high words (low words 0). */
const TWO_M29 = 2 ** -29 // high word 0x3e200000
const LOG1P_K0_BOUND = bitsToDouble(0x3fda827a) // fdlibm takes k = 0 below this x
const LOG1P_U_LOW = bitsToDouble(0x3ff6a09e) // u = 1 + x at or above this: k becomes 1, u halves
const LOG1P_U_HIGH = bitsToDouble(0x3fffff00) // well below 2, so fdlibm's hu never reaches 0

function bitsToDouble(high: number): number {
  f64[0] = 0
  u32[HI] = high
  u32[LO] = 0
  return f64[0]
}

/**
 * log1p for 0 ≤ x ≤ 1, with exactly log1p's bits: the two branches fdlibm
 * takes on that range, written with comparisons instead of reading the words
 * of a double (which costs V8 a store and a load each). Boosting's log loss
 * calls it on e^−|s| for every row and round; anything outside the two
 * branches goes to log1p itself.
 */
export function log1pUnit(x: number): number {
  if (x >= TWO_M29 && x < LOG1P_K0_BOUND) {
    const hfsq = 0.5 * x * x
    const s = x / (2 + x)
    const z = s * s
    const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))))
    return x - (hfsq - s * (hfsq + R))
  }
  const u = 1 + x
  if (x >= LOG1P_K0_BOUND && u >= LOG1P_U_LOW && u < LOG1P_U_HIGH) {
    // k = 1: u's exponent is 0, fdlibm halves u (exactly) and keeps the rounding error of 1 + x in c.
    const c = (x - (u - 1)) / u
    const f = u * 0.5 - 1
    const hfsq = 0.5 * f * f
    const s = f / (2 + f)
    const z = s * s
    const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))))
    return LN2_HI - (hfsq - (s * (hfsq + R) + (LN2_LO + c)) - f)
  }
  // The unary plus makes the slow call's result a plain double, so V8 need not box the fast paths' results to merge them.
  return +log1p(x)
}
