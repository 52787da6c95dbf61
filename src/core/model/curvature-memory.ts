/**
 * The limited-memory part shared by L-BFGS (lbfgs.ts) and OWL-QN (owlqn.ts):
 * the last `memory` correction pairs (s = x_new − x, y = g_new − g) and the
 * two-loop recursion that turns a gradient into a quasi-Newton direction
 * (Nocedal & Wright, algorithm 7.4). Fixed arithmetic order, so both solvers
 * stay deterministic bit for bit.
 */
export class CurvatureMemory {
  private readonly S: Float64Array[] = []
  private readonly Y: Float64Array[] = []
  private readonly rho: number[] = []
  private readonly alpha: Float64Array

  constructor(private readonly memory: number) {
    this.alpha = new Float64Array(memory)
  }

  /** Writes −H·gradient into `direction`, H the inverse-Hessian estimate (a scaled identity before any pair is kept). */
  direction(gradient: Float64Array, direction: Float64Array): void {
    const { S, Y, rho, alpha } = this
    direction.set(gradient)
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], direction)
      axpy(-alpha[k], Y[k], direction)
    }
    if (S.length > 0) {
      const last = S.length - 1
      scale(direction, dot(S[last], Y[last]) / dot(Y[last], Y[last]))
    } else {
      scale(direction, 1 / Math.max(1, Math.sqrt(dot(gradient, gradient))))
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k] * dot(Y[k], direction)
      axpy(alpha[k] - beta, S[k], direction)
    }
    scale(direction, -1)
  }

  /** Keeps the pair of a step from (x, g) to (xNew, gNew) when its curvature s·y is clearly positive, dropping the oldest past `memory`. */
  update(x: Float64Array, xNew: Float64Array, g: Float64Array, gNew: Float64Array): void {
    const n = x.length
    const s = new Float64Array(n)
    const y = new Float64Array(n)
    for (let j = 0; j < n; j++) {
      s[j] = xNew[j] - x[j]
      y[j] = gNew[j] - g[j]
    }
    const sy = dot(s, y)
    if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return
    if (this.S.length === this.memory) {
      this.S.shift()
      this.Y.shift()
      this.rho.shift()
    }
    this.S.push(s)
    this.Y.push(y)
    this.rho.push(1 / sy)
  }

  /** Forgets every pair (after a direction that was not a descent direction). */
  reset(): void {
    this.S.length = this.Y.length = this.rho.length = 0
  }
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * b[i]
  return s
}

export function maxAbs(x: Float64Array): number {
  let m = 0
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]))
  return m
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i]
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= a
}
