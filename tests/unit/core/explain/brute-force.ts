/**
 * Reference Shapley values by brute force, for tests: every one of the 2^M
 * coalitions of M features is valued and weighted by |S|!(M − |S| − 1)!/M!.
 * Written from the definitions, sharing no code with src/core/explain.
 */
import type { TreeEnsembleArrays } from '../../../../src/core/model/tree/predictor'

/** Exact Shapley values of a set function v over `players` features (p entries, zeros for non-players). */
export function shapleyByEnumeration(p: number, players: number[], value: (coalition: Set<number>) => number): Float64Array {
  const M = players.length
  const factorial = [1]
  for (let k = 1; k <= M; k++) factorial.push(factorial[k - 1] * k)
  const values = new Float64Array(1 << M)
  for (let mask = 0; mask < 1 << M; mask++) {
    const S = new Set<number>()
    for (let k = 0; k < M; k++) if (mask & (1 << k)) S.add(players[k])
    values[mask] = value(S)
  }
  const phi = new Float64Array(p)
  for (let k = 0; k < M; k++) {
    for (let mask = 0; mask < 1 << M; mask++) {
      if (mask & (1 << k)) continue
      let size = 0
      for (let b = 0; b < M; b++) if (mask & (1 << b)) size++
      const weight = (factorial[size] * factorial[M - size - 1]) / factorial[M]
      phi[players[k]] += weight * (values[mask | (1 << k)] - values[mask])
    }
  }
  return phi
}

/**
 * The path-dependent conditional expectation TreeSHAP defines (Lundberg et al.
 * 2018, Algorithm 1) of raw output column `column` for row x given the
 * features in S: follow x at splits on features in S (missing values take the
 * default direction), average both children by cover elsewhere (half each
 * under a node with no cover).
 */
export function treeConditionalExpectation(a: TreeEnsembleArrays, cover: Float64Array, x: ArrayLike<number>, S: Set<number>, column: number): number {
  let sum = 0
  const visit = (node: number, slot: number): number => {
    const f = a.feature[node]
    if (f < 0) return a.value[node * a.leafWidth + slot]
    const l = a.left[node]
    const r = a.right[node]
    if (S.has(f)) {
      const v = x[f]
      const left = Number.isNaN(v) ? a.defaultLeft[node] === 1 : v <= a.threshold[node]
      return visit(left ? l : r, slot)
    }
    const w = cover[node]
    const wl = w > 0 ? cover[l] / w : 0.5
    const wr = w > 0 ? cover[r] / w : 0.5
    return wl * visit(l, slot) + wr * visit(r, slot)
  }
  for (let t = 0; t < a.roots.length; t++) {
    const slot = column - a.treeOutput[t]
    if (slot < 0 || slot >= a.leafWidth) continue
    sum += visit(a.roots[t], slot)
  }
  return a.baseScore[column] + a.scale * sum
}

/** Brute-force TreeSHAP values of row x for output column `column` over all p features (p ≤ ~12). */
export function bruteForceTreeShap(a: TreeEnsembleArrays, cover: Float64Array, x: ArrayLike<number>, p: number, column: number): { phi: Float64Array; expected: number } {
  const players = Array.from({ length: p }, (_, j) => j)
  const phi = shapleyByEnumeration(p, players, (S) => treeConditionalExpectation(a, cover, x, S, column))
  return { phi, expected: treeConditionalExpectation(a, cover, x, new Set(), column) }
}

/** Baseline Shapley values of f at x against baseline b: v(S) = f(x on S, b elsewhere). */
export function baselineShapley(f: (z: Float64Array) => number, x: Float64Array, b: Float64Array): Float64Array {
  const p = x.length
  const players = Array.from({ length: p }, (_, j) => j)
  return shapleyByEnumeration(p, players, (S) => f(Float64Array.from(b, (v, j) => (S.has(j) ? x[j] : v))))
}
