import { describe, expect, it } from 'vitest'
import { binaryLogLoss, centredTargetGradients, softmaxLoss, squaredError, type Objective } from '../../../../../src/core/model/tree/objectives'
import { createRandom } from '../../../../../src/core/random'

const rowsOf = (n: number) => Uint32Array.from({ length: n }, (_, i) => i)

/** Central finite difference of the summed (weighted) loss with respect to one score. */
function numericGradient(objective: Objective, scores: Float64Array, y: Float64Array, w: Float64Array, index: number): number {
  const rows = rowsOf(y.length)
  const total = w.reduce((a, b) => a + b, 0)
  const eps = 1e-6
  const plus = scores.slice()
  const minus = scores.slice()
  plus[index] += eps
  minus[index] -= eps
  return ((objective.loss(plus, y, w, rows) - objective.loss(minus, y, w, rows)) * total) / (2 * eps)
}

describe('objectives', () => {
  it('binary log loss: g = w(p - y), h = w·p(1 - p), loss returned with them', () => {
    const g = new Float64Array(2)
    const h = new Float64Array(2)
    const loss = binaryLogLoss.gradients(Float64Array.of(0, Math.log(3)), Float64Array.of(1, 0), Float64Array.of(2, 1), rowsOf(2), g, h)
    expect(g[0]).toBeCloseTo(-1, 15)
    expect(h[0]).toBeCloseTo(0.5, 15)
    expect(g[1]).toBeCloseTo(0.75, 15)
    expect(h[1]).toBeCloseTo(0.1875, 15)
    expect(loss).toBeCloseTo((2 * Math.log(2) + Math.log(4)) / 3, 14)
  })

  it('gradients are the derivatives of the loss and hessians stay positive', () => {
    const random = createRandom(3)
    const n = 6
    for (const [objective, y] of [
      [binaryLogLoss, Float64Array.from({ length: n }, (_, i) => i % 2)],
      [squaredError, Float64Array.from({ length: n }, () => random.normal() * 3)],
      [softmaxLoss(3), Float64Array.from({ length: n }, (_, i) => i % 3)],
    ] as const) {
      const D = objective.outputs
      const scores = Float64Array.from({ length: D * n }, () => random.normal() * 2)
      const w = Float64Array.from({ length: n }, () => 0.5 + random.next())
      const g = new Float64Array(D * n)
      const h = new Float64Array(D * n)
      const loss = objective.gradients(scores, y, w, rowsOf(n), g, h)
      expect(loss).toBeCloseTo(objective.loss(scores, y, w, rowsOf(n)), 12)
      const scale = objective.kind === 'squared' ? 2 : 1
      for (let k = 0; k < D * n; k++) {
        expect(g[k] * scale).toBeCloseTo(numericGradient(objective, scores, y, w, k), 5)
        expect(h[k]).toBeGreaterThan(0)
      }
    }
  })

  it('softmax uses XGBoost’s hessian 2·p(1 - p)', () => {
    const g = new Float64Array(3)
    const h = new Float64Array(3)
    softmaxLoss(3).gradients(new Float64Array(3), Float64Array.of(1), Float64Array.of(1), rowsOf(1), g, h)
    expect(Array.from(g).map((v) => +v.toFixed(12))).toEqual([0.333333333333, -0.666666666667, 0.333333333333])
    for (const v of h) expect(v).toBeCloseTo((2 * 2) / 9, 15)
  })

  it('initial scores: log-odds of the weighted prior, log class priors, weighted mean', () => {
    const y = Float64Array.of(0, 1, 1, 1)
    const w = Float64Array.of(3, 1, 1, 1)
    expect(binaryLogLoss.initialScores(y, w, rowsOf(4))[0]).toBeCloseTo(0, 15)
    expect(binaryLogLoss.initialScores(y, new Float64Array(4).fill(1), rowsOf(4))[0]).toBeCloseTo(Math.log(3), 15)
    expect(Array.from(softmaxLoss(3).initialScores(Float64Array.of(0, 1, 1, 2), Float64Array.of(1, 1, 1, 1), rowsOf(4)))).toEqual([Math.log(0.25), Math.log(0.5), Math.log(0.25)])
    expect(squaredError.initialScores(Float64Array.of(1, 2, 10), Float64Array.of(1, 1, 2), rowsOf(3))[0]).toBeCloseTo(23 / 4, 15)
    // A class absent from the rows still gets a finite score.
    expect(Number.isFinite(binaryLogLoss.initialScores(Float64Array.of(1, 1), Float64Array.of(1, 1), rowsOf(2))[0])).toBe(true)
  })

  it('tree targets: g = w(base - indicator), h = w, one column for two classes', () => {
    const y = Float64Array.of(0, 1, 2)
    const w = Float64Array.of(1, 2, 0.5)
    const g = new Float64Array(9)
    const h = new Float64Array(3)
    centredTargetGradients(y, w, rowsOf(3), Float64Array.of(0.2, 0.3, 0.5), true, g, h)
    expect(Array.from(g).map((v) => +v.toFixed(12))).toEqual([-0.8, 0.3, 0.5, 0.4, -1.4, 1, 0.1, 0.15, -0.25])
    expect(Array.from(h)).toEqual([1, 2, 0.5])
    const g1 = new Float64Array(3)
    centredTargetGradients(Float64Array.of(0, 1, 1), w, rowsOf(3), Float64Array.of(0.6), true, g1, h)
    expect(Array.from(g1).map((v) => +v.toFixed(12))).toEqual([0.6, -0.8, -0.2])
    centredTargetGradients(Float64Array.of(4, 5, 6), w, rowsOf(3), Float64Array.of(5), false, g1, h)
    expect(Array.from(g1)).toEqual([1, 0, -0.5])
  })
})
