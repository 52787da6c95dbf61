import { throwIfAborted } from '../errors'
import type { LbfgsOptions, LbfgsResult, Objective } from './lbfgs'
import { CurvatureMemory, dot, maxAbs } from './curvature-memory'
import { acceptsStep } from './line-search'

/**
 * Orthant-wise limited-memory quasi-Newton (OWL-QN; Andrew & Gao, "Scalable
 * training of L1-regularized log-linear models", ICML 2007). It minimises
 *
 *     F(x) = f(x) + Σⱼ l1[j]·|x[j]|
 *
 * for a smooth convex f (given as `objective`, value and gradient) and
 * per-coordinate L1 weights (0 leaves a coordinate unpenalised, as intercepts
 * are). The |x| term has no gradient at 0, so L-BFGS cannot be used directly:
 * OWL-QN steers with the pseudo-gradient (the minimum-norm subgradient), keeps
 * each step inside one orthant and sets coordinates that would cross zero to
 * exactly zero, which is how L1 produces sparse models.
 *
 * Unpenalised coordinates move freely, exactly as in L-BFGS.
 *
 * Steps are accepted by line-search.ts (Armijo, then approximate Wolfe near
 * the optimum). Options and result are those of minimizeLbfgs:
 * `gradientTolerance` bounds the largest pseudo-gradient component, `value` is
 * F including the L1 term, and `converged` says whether that tolerance was
 * met (false when the iteration limit or a failed line search stopped it).
 * Deterministic: no randomness, fixed arithmetic order.
 */
export function minimizeOwlqn(objective: Objective, l1: Float64Array, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length
  if (l1.length !== n) throw new Error(`owlqn: ${l1.length} L1 weights for ${n} coordinates`)
  for (let j = 0; j < n; j++) {
    if (!(l1[j] >= 0 && Number.isFinite(l1[j]))) throw new Error(`owlqn: L1 weight ${l1[j]} at coordinate ${j} is invalid; expected a finite number ≥ 0`)
  }
  const memory = new CurvatureMemory(options.memory ?? 10)
  const x = Float64Array.from(x0)
  const g = new Float64Array(n)
  let F = objective(x, g) + l1Norm(x, l1)
  const pg = new Float64Array(n)
  pseudoGradient(x, g, l1, pg)
  const direction = new Float64Array(n)
  const orthant = new Float64Array(n)
  const xNew = new Float64Array(n)
  const gNew = new Float64Array(n)
  const pgNew = new Float64Array(n)
  let pgMax = maxAbs(pg)
  let iteration = 0
  let converged = pgMax <= options.gradientTolerance
  while (!converged && iteration < options.maxIterations) {
    throwIfAborted(options.signal)
    // Quasi-Newton direction from the pseudo-gradient (two-loop recursion, curvature pairs of the smooth part).
    memory.direction(pg, direction)
    // Penalised coordinates keep only components that agree in sign with steepest descent, so the step stays a descent step for F.
    for (let j = 0; j < n; j++) if (l1[j] > 0 && direction[j] * pg[j] >= 0) direction[j] = 0
    let slope = dot(pg, direction)
    if (!(slope < 0)) {
      // The curvature model gave nothing usable: restart from steepest descent of F.
      memory.reset()
      for (let j = 0; j < n; j++) direction[j] = -pg[j]
      slope = -dot(pg, pg)
    }
    // The orthant the step may explore: the sign of x, or of the descent direction where x is 0.
    for (let j = 0; j < n; j++) orthant[j] = x[j] !== 0 ? Math.sign(x[j]) : Math.sign(-pg[j])
    let step = 1
    let FNew = NaN
    let accepted = false
    for (let tries = 0; tries < 60 && !accepted; tries++) {
      for (let j = 0; j < n; j++) {
        const v = x[j] + step * direction[j]
        // Projection: a penalised coordinate that would leave its orthant stops at zero.
        xNew[j] = l1[j] === 0 || v * orthant[j] > 0 ? v : 0
      }
      FNew = objective(xNew, gNew) + l1Norm(xNew, l1)
      accepted = acceptStep(x, xNew, F, FNew, pg, gNew, l1, pgNew)
      if (!accepted) step *= 0.5
    }
    if (!accepted) break // no acceptable step: the best point found is returned, converged only if it meets the tolerance
    memory.update(x, xNew, g, gNew)
    x.set(xNew)
    g.set(gNew)
    F = FNew
    pg.set(pgNew)
    pgMax = maxAbs(pg)
    iteration++
    options.onIteration?.(iteration, F, pgMax)
    converged = pgMax <= options.gradientTolerance
  }
  return { x, value: F, iterations: iteration, converged, gradientMax: pgMax }
}

/** Projected-step acceptance: the slopes are pseudo-gradients dotted with the step actually taken (after projection). Writes xNew's pseudo-gradient into pgNew. */
function acceptStep(x: Float64Array, xNew: Float64Array, F: number, FNew: number, pg: Float64Array, gNew: Float64Array, l1: Float64Array, pgNew: Float64Array): boolean {
  pseudoGradient(xNew, gNew, l1, pgNew)
  let slope0 = 0
  let slope1 = 0
  for (let j = 0; j < x.length; j++) {
    slope0 += pg[j] * (xNew[j] - x[j])
    slope1 += pgNew[j] * (xNew[j] - x[j])
  }
  return acceptsStep(F, FNew, slope0, slope1)
}

/**
 * The minimum-norm subgradient of F at x: the gradient where x ≠ 0; at x = 0,
 * the one-sided derivative that points downhill, or 0 when neither side does
 * (the L1 kink holds the coordinate at zero, the optimality condition).
 */
export function pseudoGradient(x: Float64Array, g: Float64Array, l1: Float64Array, out: Float64Array): void {
  for (let j = 0; j < x.length; j++) {
    const lambda = l1[j]
    if (x[j] > 0) out[j] = g[j] + lambda
    else if (x[j] < 0) out[j] = g[j] - lambda
    else if (g[j] + lambda < 0) out[j] = g[j] + lambda
    else if (g[j] - lambda > 0) out[j] = g[j] - lambda
    else out[j] = 0
  }
}

function l1Norm(x: Float64Array, l1: Float64Array): number {
  let s = 0
  for (let j = 0; j < x.length; j++) s += l1[j] * Math.abs(x[j])
  return s
}
