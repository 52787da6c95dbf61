import { throwIfAborted } from '../errors'
import { CurvatureMemory, dot, maxAbs } from './curvature-memory'
import { acceptsStep } from './line-search'

/** Evaluates the objective at `x`, writes its gradient into `gradient` and returns the value. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number

export interface LbfgsOptions {
  maxIterations: number
  /** Stop when the largest absolute gradient component falls below this. */
  gradientTolerance: number
  /** Number of correction pairs kept (scipy's default is 10). */
  memory?: number
  signal?: AbortSignal
  onIteration?: (iteration: number, value: number, gradientMax: number) => void
}

export interface LbfgsResult {
  x: Float64Array
  value: number
  iterations: number
  converged: boolean
  gradientMax: number
}

/**
 * Limited-memory BFGS for smooth objectives (Nocedal & Wright, algorithm 7.4)
 * with a backtracking line search (line-search.ts: Armijo, then approximate
 * Wolfe near the optimum, so tight tolerances are reachable). `converged` says
 * whether the gradient tolerance was met. Deterministic: no randomness, fixed
 * arithmetic order. Used by the linear models, whose objectives are convex.
 */
export function minimizeLbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length
  const memory = new CurvatureMemory(options.memory ?? 10)
  const x = Float64Array.from(x0)
  const g = new Float64Array(n)
  let f = objective(x, g)
  const direction = new Float64Array(n)
  const xNew = new Float64Array(n)
  const gNew = new Float64Array(n)
  let gmax = maxAbs(g)
  let iteration = 0
  let converged = gmax <= options.gradientTolerance
  while (!converged && iteration < options.maxIterations) {
    throwIfAborted(options.signal)
    // Two-loop recursion: direction = -H g.
    memory.direction(g, direction)
    let slope = dot(g, direction)
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      memory.reset()
      for (let i = 0; i < n; i++) direction[i] = -g[i]
      slope = -dot(g, g)
    }
    let step = 1
    let fNew = NaN
    let accepted = false
    for (let tries = 0; tries < 60 && !accepted; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * direction[i]
      fNew = objective(xNew, gNew)
      accepted = acceptsStep(f, fNew, step * slope, step * dot(gNew, direction))
      if (!accepted) step *= 0.5
    }
    if (!accepted) break // no acceptable step: stop at the best point found, converged only if it meets the tolerance
    memory.update(x, xNew, g, gNew)
    x.set(xNew)
    g.set(gNew)
    f = fNew
    gmax = maxAbs(g)
    iteration++
    options.onIteration?.(iteration, f, gmax)
    converged = gmax <= options.gradientTolerance
  }
  return { x, value: f, iterations: iteration, converged, gradientMax: gmax }
}
