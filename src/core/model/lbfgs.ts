import { throwIfAborted } from '../errors'
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
  const m = options.memory ?? 10
  const x = Float64Array.from(x0)
  const g = new Float64Array(n)
  let f = objective(x, g)
  const S: Float64Array[] = []
  const Y: Float64Array[] = []
  const rho: number[] = []
  const direction = new Float64Array(n)
  const xNew = new Float64Array(n)
  const gNew = new Float64Array(n)
  const alpha = new Float64Array(m)
  let gmax = maxAbs(g)
  let iteration = 0
  let converged = gmax <= options.gradientTolerance
  while (!converged && iteration < options.maxIterations) {
    throwIfAborted(options.signal)
    // Two-loop recursion: direction = -H g.
    direction.set(g)
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], direction)
      axpy(-alpha[k], Y[k], direction)
    }
    if (S.length > 0) {
      const last = S.length - 1
      scale(direction, dot(S[last], Y[last]) / dot(Y[last], Y[last]))
    } else {
      scale(direction, 1 / Math.max(1, Math.sqrt(dot(g, g))))
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k] * dot(Y[k], direction)
      axpy(alpha[k] - beta, S[k], direction)
    }
    scale(direction, -1)
    let slope = dot(g, direction)
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = Y.length = rho.length = 0
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
    const s = new Float64Array(n)
    const y = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i]
      y[i] = gNew[i] - g[i]
    }
    const sy = dot(s, y)
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (S.length === m) {
        S.shift()
        Y.shift()
        rho.shift()
      }
      S.push(s)
      Y.push(y)
      rho.push(1 / sy)
    }
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

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * b[i]
  return s
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i]
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= a
}

function maxAbs(x: Float64Array): number {
  let m = 0
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]))
  return m
}
