import { describe, expect, it } from 'vitest'
import { minimizeLbfgs, type Objective } from '../../../../src/core/model/lbfgs'
import { acceptsStep } from '../../../../src/core/model/line-search'
import { minimizeOwlqn, pseudoGradient } from '../../../../src/core/model/owlqn'
import { maxAbsDiff } from './linear-fixtures'

/** ½‖x − a‖²: with an L1 weight λ its minimiser is the soft-thresholded a, sign(a)·max(|a| − λ, 0). */
function distanceTo(a: number[]): Objective {
  return (x, g) => {
    let f = 0
    for (let j = 0; j < x.length; j++) {
      g[j] = x[j] - a[j]
      f += 0.5 * g[j] * g[j]
    }
    return f
  }
}

/** ½xᵀAx − bᵀx with an ill-conditioned A (eigenvalues 1 to 1e-4), where value-only line searches stall early. */
function illConditioned(): { objective: Objective; solution: Float64Array } {
  const d = [1, 0.1, 0.01, 1e-3, 1e-4]
  const b = [1, -2, 0.5, 0.03, -0.002]
  const objective: Objective = (x, g) => {
    let f = 0
    for (let j = 0; j < x.length; j++) {
      g[j] = d[j] * x[j] - b[j]
      f += 0.5 * d[j] * x[j] * x[j] - b[j] * x[j]
    }
    return f
  }
  return { objective, solution: Float64Array.from(b, (bj, j) => bj / d[j]) }
}

const options = { maxIterations: 1000, gradientTolerance: 1e-12 }

describe('OWL-QN', () => {
  it('finds the soft-thresholded solution, with exact zeros', () => {
    const a = [3, -0.2, 0.5, -2, 0.05]
    const l1 = Float64Array.from([0.3, 0.3, 0.3, 0.3, 0.3])
    const result = minimizeOwlqn(distanceTo(a), l1, new Float64Array(5), options)
    expect(result.converged).toBe(true)
    expect(maxAbsDiff(result.x, [2.7, 0, 0.2, -1.7, 0])).toBeLessThan(1e-12)
    expect(result.x[1]).toBe(0)
    expect(result.x[4]).toBe(0)
    expect(result.value).toBeCloseTo(0.5 * (0.09 + 0.04 + 0.09 + 0.09 + 0.0025) + 0.3 * (2.7 + 0.2 + 1.7), 12)
  })

  it('leaves coordinates with L1 weight 0 unpenalised and free to cross zero', () => {
    const a = [-4, 0.1]
    const result = minimizeOwlqn(distanceTo(a), Float64Array.from([0, 1]), Float64Array.from([5, 0]), options)
    expect(result.x[0]).toBeCloseTo(-4, 12)
    expect(result.x[1]).toBe(0)
  })

  it('with no L1 weight, reaches the same optimum as L-BFGS', () => {
    const { objective, solution } = illConditioned()
    const owl = minimizeOwlqn(objective, new Float64Array(5), new Float64Array(5), options)
    const lbfgs = minimizeLbfgs(objective, new Float64Array(5), options)
    expect(owl.converged && lbfgs.converged).toBe(true)
    expect(maxAbsDiff(owl.x, solution)).toBeLessThan(1e-7)
    expect(maxAbsDiff(lbfgs.x, solution)).toBeLessThan(1e-7)
  })

  it('reports iterations, and not converged when the limit stops it first', () => {
    const { objective } = illConditioned()
    const l1 = new Float64Array(5).fill(1e-3)
    const full = minimizeOwlqn(objective, l1, new Float64Array(5), options)
    expect(full.converged).toBe(true)
    expect(full.gradientMax).toBeLessThanOrEqual(1e-12)
    const cut = minimizeOwlqn(objective, l1, new Float64Array(5), { ...options, maxIterations: 2 })
    expect(cut).toMatchObject({ iterations: 2, converged: false })
    expect(cut.gradientMax).toBeGreaterThan(1e-12)
  })

  it('calls back every iteration and honours an aborted signal', () => {
    const seen: number[] = []
    const controller = new AbortController()
    expect(() =>
      minimizeOwlqn(illConditioned().objective, new Float64Array(5).fill(1e-4), new Float64Array(5), {
        ...options,
        signal: controller.signal,
        onIteration: (i) => {
          seen.push(i)
          if (i === 3) controller.abort()
        },
      }),
    ).toThrow(/cancelled/)
    expect(seen).toEqual([1, 2, 3])
  })

  it('rejects a negative L1 weight, naming the coordinate', () => {
    expect(() => minimizeOwlqn(distanceTo([1]), Float64Array.from([-1]), new Float64Array(1), options)).toThrow(/L1 weight -1 at coordinate 0/)
  })

  it('pseudo-gradient: gradient ± λ off zero; at zero the downhill one-sided derivative, or 0 inside the kink', () => {
    const out = new Float64Array(5)
    pseudoGradient(Float64Array.from([1, -1, 0, 0, 0]), Float64Array.from([0.5, 0.5, -2, 2, 0.5]), new Float64Array(5).fill(1), out)
    expect(Array.from(out)).toEqual([1.5, -0.5, -1, 1, 0])
  })
})

describe('line search acceptance', () => {
  it('accepts sufficient decrease and rejects increases beyond rounding noise', () => {
    expect(acceptsStep(1, 0.5, -1, -0.1)).toBe(true)
    expect(acceptsStep(1, 1 + 1e-9, -1e-6, 0)).toBe(false)
    expect(acceptsStep(1, NaN, -1, 0)).toBe(false)
    expect(acceptsStep(1, 0.5, 0, 0)).toBe(false) // not a descent step
  })

  it('near the optimum, accepts a step whose value is flat to rounding if the slope shrinks (approximate Wolfe)', () => {
    expect(acceptsStep(1, 1 + 1e-14, -1e-10, -1e-11)).toBe(true)
    expect(acceptsStep(1, 1 + 1e-14, -1e-10, -0.95e-10)).toBe(false) // slope barely changed: the step is too short to judge
    expect(acceptsStep(1, 1 + 1e-14, -1e-10, 0.9e-10)).toBe(false) // overshot steeply uphill
  })

  it('lets L-BFGS reach a gradient of 1e-12 where a value-only line search would stall', () => {
    const { objective, solution } = illConditioned()
    const result = minimizeLbfgs(objective, new Float64Array(5), { maxIterations: 1000, gradientTolerance: 1e-13 })
    expect(result.converged).toBe(true)
    expect(maxAbsDiff(result.x, solution)).toBeLessThan(1e-8)
  })
})
