/**
 * The two split rules, converted exactly. XGBoost reads every input as a
 * float32 and sends a row left when `x < condition` (a float32); the studio
 * keeps float64 inputs and sends a row left when `x <= threshold`. So a
 * condition is not a threshold: with the value 0.1 in a file, XGBoost compares
 * float32(0.1) = 0.100000001490116… and, when the condition is that very
 * float32, sends the row right, while 0.1 < 0.100000001490116 in float64 would
 * send it left.
 */

const f32 = new Float32Array(1)
const u32 = new Uint32Array(f32.buffer)
const f64 = new Float64Array(1)
const u64 = new BigUint64Array(f64.buffer)

/** The largest float32 (3.4028234663852886e38): where XGBoost's float32 range ends. */
export const FLOAT32_MAX = 3.4028234663852886e38

/** The float32 right below `c` (a float32); -Infinity below -FLOAT32_MAX. */
function previousFloat32(c: number): number {
  f32[0] = c
  if (c === 0) u32[0] = 0x80000001
  else if (c > 0) u32[0] -= 1
  else u32[0] += 1
  return f32[0]
}

/** Whether a float32's significand is even (round-half-to-even picks it on a tie); ±Infinity counts as even. */
function isEvenFloat32(v: number): boolean {
  f32[0] = v
  return (u32[0] & 1) === 0
}

/** The double right below `x` (x finite, not 0). */
function previousFloat64(x: number): number {
  f64[0] = x
  u64[0] = x > 0 ? u64[0] - 1n : u64[0] + 1n
  return f64[0]
}

/**
 * XGBoost's condition `c` as the studio's threshold `t`: for every double x,
 * `float32(x) < c` exactly when `x <= t`. float32(x) < c means float32(x) is
 * at most p, the float32 right below c, which holds for every x below the
 * midpoint m = (p + c) / 2 and, at m itself, when rounding half to even picks
 * p. m is exact in a double (two neighbouring float32 differ in one bit
 * beyond float32's 24), so t = m when p is even, else the double just below m.
 */
export function conditionToThreshold(condition: number): number {
  const c = Math.fround(condition)
  if (!Number.isFinite(c)) return c
  const p = previousFloat32(c)
  // Below -FLOAT32_MAX the next "float32" is -Infinity: values round to it past half an ulp (2^103) beyond.
  const m = p === -Infinity ? c - 2 ** 103 : (p + c) / 2
  return isEvenFloat32(p) ? m : previousFloat64(m)
}

/**
 * The studio's threshold `t` as an XGBoost condition: the float32 right above
 * float32(t), so that `float32(x) < c` exactly when float32(x) <= float32(t).
 * Every x <= t goes left as in the studio, and every x > t goes right unless
 * x rounds to the same float32 as t — a value within float32 resolution
 * (about 6e-8 of it) of the threshold, which XGBoost cannot tell apart from
 * it. Thresholds beyond the float32 range (the studio's +Infinity: "every
 * value left") become ±FLOAT32_MAX, which JSON can hold.
 */
export function thresholdToCondition(threshold: number): number {
  const t = Math.fround(threshold)
  if (t >= FLOAT32_MAX) return FLOAT32_MAX
  if (t < -FLOAT32_MAX) return -FLOAT32_MAX
  f32[0] = t
  if (t === 0) u32[0] = 1
  else if (t > 0) u32[0] += 1
  else u32[0] -= 1
  return f32[0]
}
