import { lowerIsBetter } from '../eval/metric-direction'
import type { PromotionDecision, PromotionRule } from './types'

/**
 * Champion/challenger: the rule that decides whether a newly trained model
 * replaces the one in Production. Pure: the numbers come from scoring both
 * models on the same locked test rows of the new data (champion.ts).
 */

/** Short metric names for the registry history ("AUC 0.951 vs 0.944"). */
const SHORT_LABELS: Record<string, string> = {
  auc: 'AUC',
  prAuc: 'PR AUC',
  accuracy: 'accuracy',
  balancedAccuracy: 'balanced accuracy',
  f1: 'F1',
  precision: 'precision',
  recall: 'recall',
  specificity: 'specificity',
  logLoss: 'log loss',
  brier: 'Brier score',
  rmse: 'RMSE',
  mae: 'MAE',
  r2: 'R²',
  mape: 'MAPE',
}

/** A metric's short name for sentences ("AUC", "RMSE"); unknown keys as they are. */
export function metricLabel(metric: string): string {
  return SHORT_LABELS[metric] ?? metric
}

/**
 * Gains are compared after rounding away floating-point noise: 0.951 − 0.944
 * is 0.00699999… in binary, and a rule of "at least 0.007" must hold for it.
 */
const GAIN_EPSILON = 1e-9

export interface PromotionInput {
  rule: PromotionRule
  /** The new model, with its score on the locked test rows. */
  challenger: { version: number; value: number }
  /** The Production version scored on the same rows; null when the model has no Production version. */
  champion: { version: number; value: number } | null
  /** Whether the challenger bundle's golden cases reproduced (Predictor.fromBundle). */
  goldenPassed: boolean
}

/**
 * Decides promotion: the challenger goes to Production when its golden cases
 * reproduce (if the rule requires it) and either nothing is in Production or
 * it beats Production by at least `rule.minGain` in the metric's better
 * direction (higher AUC, lower RMSE). `gain` is always "better by", so a
 * negative gain is a worse challenger whatever the metric.
 */
export function decidePromotion(input: PromotionInput): PromotionDecision {
  const { rule, challenger, champion, goldenPassed } = input
  const gain = champion === null ? null : lowerIsBetter(rule.metric) ? champion.value - challenger.value : challenger.value - champion.value
  const goldenOk = goldenPassed || !rule.requireGolden
  const beats = gain === null || gain >= rule.minGain - GAIN_EPSILON
  const promoted = goldenOk && beats
  return {
    promoted,
    metric: rule.metric,
    challenger: { ...challenger },
    champion: champion && { ...champion },
    gain,
    minGain: rule.minGain,
    goldenPassed,
    comment: promotionComment(rule, challenger, champion, gain, goldenOk, promoted),
  }
}

/**
 * The sentence the registry history keeps:
 * "promoted: AUC 0.951 vs 0.944, +0.007 ≥ 0.005",
 * "kept version 3: AUC 0.940 vs 0.944, −0.004 < 0.005",
 * "promoted: AUC 0.951; no version was in Production",
 * "kept version 3: the golden cases of version 4 do not reproduce".
 */
function promotionComment(
  rule: PromotionRule,
  challenger: PromotionInput['challenger'],
  champion: PromotionInput['champion'],
  gain: number | null,
  goldenOk: boolean,
  promoted: boolean,
): string {
  const digits = decimals(rule.minGain)
  const label = metricLabel(rule.metric)
  const head = promoted ? 'promoted' : champion ? `kept version ${champion.version}` : 'not promoted'
  if (!goldenOk) return `${head}: the golden cases of version ${challenger.version} do not reproduce`
  if (champion === null || gain === null) return `${head}: ${label} ${fixed(challenger.value, digits)}; no version was in Production`
  const sign = gain < 0 ? '−' : '+'
  const holds = gain >= rule.minGain - GAIN_EPSILON
  return `${head}: ${label} ${fixed(challenger.value, digits)} vs ${fixed(champion.value, digits)}, ${sign}${fixed(Math.abs(gain), digits)} ${holds ? '≥' : '<'} ${fixed(rule.minGain, digits)}`
}

/** Three decimals, or as many as the minimum gain needs (0.0005 → 4), at most 6. */
function decimals(minGain: number): number {
  for (let d = 3; d < 6; d++) if (Math.abs(Number(minGain.toFixed(d)) - minGain) < 1e-12) return d
  return 6
}

/** `value` with `digits` decimals; never "-0.000". */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits)
  return Number(text) === 0 ? (0).toFixed(digits) : text
}
