/**
 * Champion/challenger: the promotion rule and the sentence it leaves in the
 * registry history, on constructed scores (a better challenger, a worse one,
 * one exactly at the minimum gain, no Production yet, failed golden cases,
 * and a metric where lower is better).
 */
import { describe, expect, it } from 'vitest'
import { decidePromotion } from '../../../../src/core/workflow/decide'
import type { PromotionRule } from '../../../../src/core/workflow/types'

const auc: PromotionRule = { metric: 'auc', minGain: 0.005, requireGolden: true }

describe('decidePromotion', () => {
  it('promotes a challenger that beats Production by at least the minimum gain', () => {
    const d = decidePromotion({ rule: auc, challenger: { version: 4, value: 0.951 }, champion: { version: 3, value: 0.944 }, goldenPassed: true })
    expect(d.promoted).toBe(true)
    expect(d.gain).toBeCloseTo(0.007, 12)
    expect(d.comment).toBe('promoted: AUC 0.951 vs 0.944, +0.007 ≥ 0.005')
    expect(d).toMatchObject({ metric: 'auc', minGain: 0.005, goldenPassed: true, challenger: { version: 4, value: 0.951 }, champion: { version: 3, value: 0.944 } })
  })

  it('keeps Production when the challenger is worse, naming the version kept', () => {
    const d = decidePromotion({ rule: auc, challenger: { version: 4, value: 0.94 }, champion: { version: 3, value: 0.944 }, goldenPassed: true })
    expect(d.promoted).toBe(false)
    expect(d.gain).toBeCloseTo(-0.004, 12)
    expect(d.comment).toBe('kept version 3: AUC 0.940 vs 0.944, −0.004 < 0.005')
  })

  it('keeps Production when the challenger is better by less than the minimum gain', () => {
    const d = decidePromotion({ rule: auc, challenger: { version: 4, value: 0.947 }, champion: { version: 3, value: 0.944 }, goldenPassed: true })
    expect(d.promoted).toBe(false)
    expect(d.comment).toBe('kept version 3: AUC 0.947 vs 0.944, +0.003 < 0.005')
  })

  it('counts a gain equal to the minimum as enough, despite floating-point noise', () => {
    // 0.7 - 0.6 is 0.09999999999999998 in binary.
    const d = decidePromotion({ rule: { ...auc, minGain: 0.1 }, challenger: { version: 2, value: 0.7 }, champion: { version: 1, value: 0.6 }, goldenPassed: true })
    expect(0.7 - 0.6 < 0.1).toBe(true)
    expect(d.promoted).toBe(true)
    expect(d.comment).toBe('promoted: AUC 0.700 vs 0.600, +0.100 ≥ 0.100')
  })

  it('promotes the first model when nothing is in Production and its golden cases reproduce', () => {
    const d = decidePromotion({ rule: auc, challenger: { version: 1, value: 0.8379 }, champion: null, goldenPassed: true })
    expect(d).toMatchObject({ promoted: true, gain: null, champion: null })
    expect(d.comment).toBe('promoted: AUC 0.838; no version was in Production')
  })

  it('never promotes a challenger whose golden cases do not reproduce when the rule requires them', () => {
    const first = decidePromotion({ rule: auc, challenger: { version: 1, value: 0.9 }, champion: null, goldenPassed: false })
    expect(first.promoted).toBe(false)
    expect(first.comment).toBe('not promoted: the golden cases of version 1 do not reproduce')
    const better = decidePromotion({ rule: auc, challenger: { version: 5, value: 0.99 }, champion: { version: 3, value: 0.9 }, goldenPassed: false })
    expect(better.promoted).toBe(false)
    expect(better.comment).toBe('kept version 3: the golden cases of version 5 do not reproduce')
    const lenient = decidePromotion({ rule: { ...auc, requireGolden: false }, challenger: { version: 5, value: 0.99 }, champion: { version: 3, value: 0.9 }, goldenPassed: false })
    expect(lenient.promoted).toBe(true)
  })

  it('reads lower-is-better metrics the right way round: a lower RMSE is a gain', () => {
    const rule: PromotionRule = { metric: 'rmse', minGain: 0.05, requireGolden: true }
    const better = decidePromotion({ rule, challenger: { version: 2, value: 4.21 }, champion: { version: 1, value: 4.5 }, goldenPassed: true })
    expect(better.promoted).toBe(true)
    expect(better.gain).toBeCloseTo(0.29, 12)
    expect(better.comment).toBe('promoted: RMSE 4.210 vs 4.500, +0.290 ≥ 0.050')
    const worse = decidePromotion({ rule, challenger: { version: 2, value: 4.6 }, champion: { version: 1, value: 4.5 }, goldenPassed: true })
    expect(worse.promoted).toBe(false)
    expect(worse.comment).toBe('kept version 1: RMSE 4.600 vs 4.500, −0.100 < 0.050')
  })

  it('shows as many decimals as the minimum gain needs', () => {
    const d = decidePromotion({ rule: { ...auc, minGain: 0.0005 }, challenger: { version: 2, value: 0.9512 }, champion: { version: 1, value: 0.9504 }, goldenPassed: true })
    expect(d.comment).toBe('promoted: AUC 0.9512 vs 0.9504, +0.0008 ≥ 0.0005')
  })
})
