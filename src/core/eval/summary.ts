import type { HeldOutMetrics } from '../train/score'

/** A metric over folds: mean and standard deviation of the folds where it is defined. */
export interface MetricSummary {
  mean: number | null
  /** Population standard deviation (numpy's default, as cross_val_score reports are usually read). */
  std: number | null
  /** Folds where the metric was defined (e.g. AUC is undefined on a fold with one class). */
  defined: number
  folds: number
}

/** Mean ± std per metric over folds; a metric undefined on every fold has mean and std null, never NaN. */
export function summarizeFolds(folds: HeldOutMetrics[]): Record<string, MetricSummary> {
  const names = [...new Set(folds.flatMap((f) => Object.keys(f)))]
  const out: Record<string, MetricSummary> = {}
  for (const name of names) {
    const values = folds.map((f) => f[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    if (values.length === 0) {
      out[name] = { mean: null, std: null, defined: 0, folds: folds.length }
      continue
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length
    out[name] = { mean, std: Math.sqrt(variance), defined: values.length, folds: folds.length }
  }
  return out
}
