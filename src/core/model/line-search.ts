/**
 * The step-acceptance test shared by the quasi-Newton solvers (lbfgs.ts,
 * owlqn.ts), which backtrack (halve the step) until it passes.
 *
 * `F` and `FNew` are the objective before and after the step; `slope0` and
 * `slope1` are the (pseudo-)gradient at the start and at the end dotted with
 * the step taken, so `slope0` < 0 for a descent step.
 *
 * First choice, Armijo sufficient decrease: FNew ≤ F + 1e-4·slope0. Close to
 * the optimum F changes by less than its own rounding error (a coefficient
 * 1e-6 off moves a mean loss by ~1e-14), so Armijo alone stalls at ~√ε
 * accuracy. Hager and Zhang's approximate Wolfe conditions (SIAM J. Optim. 16,
 * 2005) take over there: F may rise by at most rounding noise (1e-12 × |F|),
 * and the slope along the step must shrink by at least 10% without turning
 * steeply uphill. Gradients stay accurate where values do not, so this lets
 * the solvers reach gradient tolerances near machine precision.
 */
export function acceptsStep(F: number, FNew: number, slope0: number, slope1: number): boolean {
  if (!Number.isFinite(FNew) || !(slope0 < 0)) return false
  if (FNew <= F + 1e-4 * slope0) return true
  if (FNew > F + 1e-12 * Math.abs(F)) return false
  return slope1 >= 0.9 * slope0 && slope1 <= -0.8 * slope0
}
