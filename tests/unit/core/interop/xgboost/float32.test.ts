import { describe, expect, it } from 'vitest'
import { conditionToThreshold, FLOAT32_MAX, thresholdToCondition } from '../../../../../src/core/interop/xgboost/float32'
import { createRandom } from '../../../../../src/core/random'

/** Doubles around v: v itself and its neighbours a few float64 and float32 steps away, and the float32 rounding midpoints. */
function around(v: number): number[] {
  const out = [v]
  const f64 = new Float64Array(1)
  const u64 = new BigUint64Array(f64.buffer)
  for (const step of [1n, 2n, 1n << 28n, (1n << 28n) - 1n, (1n << 28n) + 1n, 1n << 29n]) {
    for (const sign of [1n, -1n]) {
      f64[0] = v
      if (v === 0) continue
      u64[0] = u64[0] + sign * step
      out.push(f64[0])
    }
  }
  const f32 = Math.fround(v)
  out.push(f32, (f32 + v) / 2)
  return out.filter((x) => Number.isFinite(x))
}

describe('XGBoost conditions and studio thresholds', () => {
  const random = createRandom(7)
  const conditions = [0, -0, 1, -1, 0.1, -0.1, 1e-40, -1e-40, 2 ** -149, -(2 ** -149), 3.5, 1234.5678, -FLOAT32_MAX, FLOAT32_MAX]
  for (let k = 0; k < 300; k++) conditions.push(Math.fround((random.next() - 0.5) * 10 ** (random.int(12) - 6)))

  it('float32(x) < condition exactly when x <= conditionToThreshold(condition), for doubles at and around the condition', () => {
    for (const c of conditions) {
      const t = conditionToThreshold(c)
      for (const x of [...around(c), ...around(t)]) expect([c, x, Math.fround(x) < Math.fround(c)]).toEqual([c, x, x <= t])
    }
  })

  it('x <= threshold goes left through thresholdToCondition, and x > threshold goes right unless it rounds to the threshold\'s float32', () => {
    const thresholds = [0.05, -0.05, 0.1, 1 / 3, -2.5, 0, 123456.789, 1e-30]
    for (let k = 0; k < 300; k++) thresholds.push((random.next() - 0.5) * 10 ** (random.int(12) - 6))
    for (const t of thresholds) {
      const c = thresholdToCondition(t)
      for (const x of around(t)) {
        const xgboostLeft = Math.fround(x) < c
        if (x <= t) expect([t, x, xgboostLeft]).toEqual([t, x, true])
        else if (Math.fround(x) !== Math.fround(t)) expect([t, x, xgboostLeft]).toEqual([t, x, false])
      }
    }
    expect(thresholdToCondition(Infinity)).toBe(FLOAT32_MAX)
    expect(thresholdToCondition(-Infinity)).toBe(-FLOAT32_MAX)
  })
})
