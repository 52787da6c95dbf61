import { describe, expect, it } from 'vitest'
import { exp, log, log1p, log1pUnit } from '../../../../src/core/numeric/portable-math'
import { createRandom } from '../../../../src/core/random'

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (a === b) return 0
  const view = new DataView(new ArrayBuffer(16))
  view.setFloat64(0, a)
  view.setFloat64(8, b)
  return Number(view.getBigInt64(0) - view.getBigInt64(8)) * (a < 0 ? -1 : 1)
}

const random = createRandom(5)
const samples = (scale: number, n = 20000) => Array.from({ length: n }, () => (random.next() - 0.5) * 2 * scale)

describe('portable exp, log and log1p', () => {
  it('are within one unit in the last place of the engine’s own, over wide ranges', () => {
    for (const x of [...samples(1), ...samples(40), ...samples(700), ...samples(1e-6)]) {
      expect(Math.abs(ulps(exp(x), Math.exp(x))), `exp(${x})`).toBeLessThanOrEqual(1)
      const y = Math.abs(x) + 1e-300
      expect(Math.abs(ulps(log(y), Math.log(y))), `log(${y})`).toBeLessThanOrEqual(1)
      if (x > -1) expect(Math.abs(ulps(log1p(x), Math.log1p(x))), `log1p(${x})`).toBeLessThanOrEqual(1)
    }
  })

  it('give fdlibm’s special values', () => {
    expect([exp(0), exp(-Infinity), exp(Infinity), exp(710), exp(-746), exp(NaN)]).toEqual([1, 0, Infinity, Infinity, 0, NaN])
    expect([log(1), log(0), log(-1), log(Infinity), log(Math.E), log(5e-324)]).toEqual([0, -Infinity, NaN, Infinity, 1, Math.log(5e-324)])
    expect([log1p(0), log1p(-1), log1p(-2), log1p(1e-20), log1p(Infinity)]).toEqual([0, -Infinity, NaN, 1e-20, Infinity])
  })

  it('match fdlibm on known values (its exp(1) is one unit above the nearest double, as fdlibm’s is)', () => {
    expect(exp(1)).toBe(2.7182818284590455)
    expect(log(2)).toBe(Math.LN2)
    expect(log(10)).toBe(Math.LN10)
    expect(exp(-1)).toBe(0.36787944117144233)
  })

  it('log1pUnit gives log1p’s very bits on [0, 1], beside its branch bounds too', () => {
    const view = new DataView(new ArrayBuffer(8))
    const fromHigh = (high: number, low = 0): number => {
      view.setUint32(0, high)
      view.setUint32(4, low)
      return view.getFloat64(0)
    }
    const step = (x: number, ulp: number): number => {
      view.setFloat64(0, x)
      view.setBigUint64(0, view.getBigUint64(0) + BigInt(ulp))
      return view.getFloat64(0)
    }
    const values = [0, 1, 5e-324, 2 ** -1022, 1e-300, 2 ** -54, 2 ** -29, 0.5, Math.SQRT2 - 1, 1 - 2 ** -53]
    // Each bound of fdlibm's branches and of the fast paths, and the doubles a few steps either side.
    for (const high of [0x3c900000, 0x3e200000, 0x3fda827a]) for (let d = -3; d <= 3; d++) values.push(step(fromHigh(high), d))
    for (const u of [fromHigh(0x3ff6a09e), fromHigh(0x3fffff00), 2]) for (let d = -3; d <= 3; d++) values.push(step(u, d) - 1)
    for (let k = 0; k < 300_000; k++) values.push(random.next())
    // What boosting's log loss passes: e^−|s| for scores across their range.
    for (let k = 0; k < 300_000; k++) values.push(exp(-40 * random.next() ** 2))
    for (const x of values) {
      if (!(x >= 0 && x <= 1)) continue
      if (!Object.is(log1pUnit(x), log1p(x))) expect(log1pUnit(x), `log1pUnit(${x})`).toBe(log1p(x))
    }
  })
})

