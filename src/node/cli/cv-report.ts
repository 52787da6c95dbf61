/**
 * How cross-validation results are printed by `train` and `compare`: which
 * metrics, as {mean, std} over folds, and a one-line score for the progress log.
 */
import { lowerIsBetter } from '../../core/eval/metric-direction'
import type { MetricSummary } from '../../core/eval/summary'
import type { Task } from '../../core/types'

/** A metric over the folds as printed: null where it was undefined on every fold. */
export interface MeanStd {
  mean: number | null
  std: number | null
}

/** The metrics a summary reports for `task`, the same as the held-out ones `train` prints. */
export function summaryMetricNames(task: Task): string[] {
  return task === 'regression' ? ['rmse', 'mae', 'r2'] : ['accuracy', 'auc', 'f1', 'logLoss']
}

/** The chosen metric first (it decides), then the usual ones for the task. */
export function reportedMetricNames(task: Task, metric: string): string[] {
  return [metric, ...summaryMetricNames(task).filter((name) => name !== metric)]
}

/** {name: {mean, std}} for `names`, from a crossValidate summary. */
export function meanStd(summary: Record<string, MetricSummary>, names: readonly string[]): Record<string, MeanStd> {
  return Object.fromEntries(names.map((name) => [name, { mean: summary[name]?.mean ?? null, std: summary[name]?.std ?? null }]))
}

/** "auc 0.9123 ± 0.010" for the progress log. */
export function describeScore(metric: string, summary: Record<string, MetricSummary>): string {
  const s = summary[metric]
  const value = s && s.mean !== null ? `${s.mean.toPrecision(4)} ± ${(s.std ?? 0).toPrecision(2)}` : 'undefined'
  return `${metric} ${value}`
}

/** The leaderboard order is core's (best first by the metric, unscored last). */
export { rankByMetric } from '../../core/experiment'

/** "higher" or "lower": which way `metric` improves, for messages. */
export function betterDirection(metric: string): 'higher' | 'lower' {
  return lowerIsBetter(metric) ? 'lower' : 'higher'
}
