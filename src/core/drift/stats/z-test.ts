import { normalSf } from './special'

/**
 * The two-proportion z-test Evidently runs on binary columns
 * (evidently …/stattests/z_stattest.py, proportions_diff_z_stat_ind): with
 * p1 = successA/nA, p2 = successB/nB and the pooled P = (successA + successB)/(nA + nB),
 * z = (p1 − p2) / √(P(1 − P)(1/nA + 1/nB)) and the two-sided p = 2·(1 − Φ(|z|)),
 * computed here as 2·Φ(−|z|) (the same number, without 1 − Φ's cancellation
 * far in the tail). Evidently counts as "success" every value other than the
 * first of the sorted pooled values; the caller picks the same value.
 * When both samples hold one and the same value (P = 0 or 1), Evidently gives p = 1
 * and so do we, with z = 0.
 */
export function twoProportionZ(successA: number, nA: number, successB: number, nB: number): { statistic: number; pValue: number } {
  if (!(nA > 0 && nB > 0)) throw new Error(`twoProportionZ: both samples need rows, got ${nA} and ${nB}`)
  const p1 = successA / nA
  const p2 = successB / nB
  const P = (p1 * nA + p2 * nB) / (nA + nB)
  const variance = P * (1 - P) * (1 / nA + 1 / nB)
  if (!(variance > 0)) return { statistic: 0, pValue: 1 }
  const z = (p1 - p2) / Math.sqrt(variance)
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) }
}
