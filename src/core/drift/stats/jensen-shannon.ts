/**
 * The Jensen–Shannon distance between two distributions given as weights per
 * bin, as scipy.spatial.distance.jensenshannon(p, q) with base=None (natural
 * log): both are normalised to sum 1, m = (p + q)/2, and the distance is
 * √((KL(p‖m) + KL(q‖m))/2) with 0·log 0 = 0 (rel_entr). Lies in [0, √ln 2].
 */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new Error(`jensenShannon: ${p.length} and ${q.length} bins differ`)
  let sp = 0
  let sq = 0
  for (let i = 0; i < p.length; i++) {
    sp += p[i]
    sq += q[i]
  }
  if (!(sp > 0 && sq > 0)) return NaN
  let left = 0
  let right = 0
  for (let i = 0; i < p.length; i++) {
    const a = p[i] / sp
    const b = q[i] / sq
    const m = (a + b) / 2
    if (a > 0) left += a * Math.log(a / m)
    if (b > 0) right += b * Math.log(b / m)
  }
  return Math.sqrt(Math.max(0, (left + right) / 2))
}
