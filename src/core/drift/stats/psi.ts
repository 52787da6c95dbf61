/**
 * The population stability index Σ (r_i − c_i)·ln(r_i / c_i) over shares per
 * bin, with Evidently's convention for empty bins (evidently
 * …/stattests/utils.py get_binned_data, feel_zeroes=True): on each side
 * separately, a zero share becomes the smallest non-zero share of that side
 * divided by 10⁶ when that smallest share is ≤ 0.0001, else 0.0001. Shares
 * are used as given (not renormalised), as Evidently does. NaN when a side
 * has no non-zero share.
 */
export function psi(refShares: readonly number[], curShares: readonly number[]): number {
  if (refShares.length !== curShares.length) throw new Error(`psi: ${refShares.length} and ${curShares.length} bins differ`)
  const r = fillZeros(refShares)
  const c = fillZeros(curShares)
  if (!r || !c) return NaN
  let sum = 0
  for (let i = 0; i < r.length; i++) sum += (r[i] - c[i]) * Math.log(r[i] / c[i])
  return sum
}

function fillZeros(shares: readonly number[]): number[] | null {
  let min = Infinity
  for (const s of shares) if (s !== 0 && s < min) min = s
  if (min === Infinity) return null
  const fill = min <= 0.0001 ? min / 1e6 : 0.0001
  return shares.map((s) => (s === 0 ? fill : s))
}
