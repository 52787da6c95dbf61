/**
 * How candidates are judged: the best-trial rule and the leaderboard order,
 * one definition for the page and the CLI.
 */
import { toMaximise } from '../eval/metric-direction'
import type { MetricSummary } from '../eval/summary'

/**
 * The best of `trials` by `metric`'s mean over folds (the highest, or the
 * lowest where lower is better). Trials without a score (failed, cancelled,
 * undefined metric) never win; ties go to the earlier trial (lower id), so
 * the choice does not depend on which trial finished first. null when none scored.
 */
export function bestTrial(trials: readonly { id: number; summary: Record<string, MetricSummary> | null }[], metric: string): number | null {
  let best: { id: number; score: number } | null = null
  for (const t of trials) {
    const score = toMaximise(metric, t.summary?.[metric]?.mean)
    if (score === null) continue
    if (best === null || score > best.score || (score === best.score && t.id < best.id)) best = { id: t.id, score }
  }
  return best?.id ?? null
}

/**
 * Sorts `entries` best first by `metric` (descending, or ascending where
 * lower is better); entries without a score go last. The sort is stable, so
 * ties keep their given order.
 */
export function rankByMetric<T>(entries: readonly T[], metric: string, mean: (entry: T) => number | null | undefined): T[] {
  const score = (entry: T) => toMaximise(metric, mean(entry)) ?? -Infinity
  return [...entries].sort((a, b) => score(b) - score(a) || 0)
}
