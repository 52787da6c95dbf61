import { describe, expect, it } from 'vitest'
import { referenceColumn, referenceScores } from '../../../../src/core/bundle/reference'
import { predictionColumn, scoreDriftVsReference } from '../../../../src/core/drift/score-drift'
import { chi2Contingency } from '../../../../src/core/drift/stats'
import { normals, numberColumn } from './helpers'

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))

/** Binary outputs rows × 2 from logits. */
function binaryOutput(logits: number[]): Float64Array {
  const out = new Float64Array(logits.length * 2)
  logits.forEach((z, i) => {
    out[i * 2 + 1] = sigmoid(z)
    out[i * 2] = 1 - out[i * 2 + 1]
  })
  return out
}

describe('scoreDriftVsReference', () => {
  it('binary, large reference: binned Wasserstein of the positive probability', () => {
    const ref = referenceScores('binary', ['no', 'yes'], binaryOutput(normals(3000, -1, 1, 1)), 'held-out')
    const same = scoreDriftVsReference(ref, 'binary', ['no', 'yes'], binaryOutput(normals(2000, -1, 1, 2)))
    expect(same).toMatchObject({ name: 'prediction', kind: 'number', test: 'wasserstein', binned: true, drifted: false, referenceRows: 3000, currentRows: 2000 })
    const moved = scoreDriftVsReference(ref, 'binary', ['no', 'yes'], binaryOutput(normals(2000, 0, 1, 3)))
    expect(moved.drifted).toBe(true)
    expect(moved.distribution!.edges).toHaveLength(21)
  })

  it('binary, small reference: chi-squared over the probability bins; refused rows count as missing', () => {
    const ref = referenceScores('binary', ['0', '1'], binaryOutput(normals(400, 0, 1, 4)), 'held-out')
    const output = binaryOutput(normals(300, 0, 1, 5))
    output[0] = output[1] = NaN
    const result = scoreDriftVsReference(ref, 'binary', ['0', '1'], output)
    expect(result).toMatchObject({ test: 'chi2', currentRows: 300, drifted: false })
    expect(result.currentMissingShare).toBeCloseTo(1 / 300)
    const current = Array.from({ length: 299 }, (_, i) => output[(i + 1) * 2 + 1])
    const curCounts = ref.edges!.slice(1).map((_, k) => current.filter((p) => p >= ref.edges![k] && (k === 19 ? p <= 1 : p < ref.edges![k + 1])).length)
    expect(result.statistic).toBe(chi2Contingency([ref.counts!, curCounts]).statistic)
  })

  it('multiclass: the predicted class, whose reference shares are exact', () => {
    const labels = ['a', 'b', 'c']
    const make = (n: number, seed: number, tilt: number) => {
      const z = normals(n * 3, 0, 1, seed)
      const out = new Float64Array(n * 3)
      for (let i = 0; i < n; i++) {
        const e = [Math.exp(z[i * 3] + tilt), Math.exp(z[i * 3 + 1]), Math.exp(z[i * 3 + 2])]
        const s = e[0] + e[1] + e[2]
        for (let c = 0; c < 3; c++) out[i * 3 + c] = e[c] / s
      }
      return out
    }
    const refOut = make(600, 6, 0)
    const ref = referenceScores('multiclass', labels, refOut, 'held-out')
    const curOut = make(500, 7, 1)
    const result = scoreDriftVsReference(ref, 'multiclass', labels, curOut)
    expect(result).toMatchObject({ kind: 'category', test: 'chi2', binned: false, drifted: true })
    const counts = (out: Float64Array) => {
      const col = predictionColumn('multiclass', labels, out)
      const c = [0, 0, 0]
      if (col.type === 'category') col.codes.forEach((code) => c[code]++)
      return c
    }
    expect(result.statistic).toBeCloseTo(chi2Contingency([counts(refOut), counts(curOut)]).statistic, 10)
  })

  it('regression: the predicted values over the reference’s quantile bins', () => {
    const values = Float64Array.from(normals(5000, 10, 3, 8))
    const ref = referenceScores('regression', [], values, 'held-out')
    const result = scoreDriftVsReference(ref, 'regression', [], Float64Array.from(normals(4000, 10, 3, 9)))
    expect(result).toMatchObject({ test: 'wasserstein', binned: true, drifted: false })
    // The same numbers as a feature with those statistics would give.
    const asFeature = referenceColumn('prediction', numberColumn('prediction', Array.from(values)))
    expect(ref.edges).toEqual(asFeature.histogram!.edges)
  })
})
