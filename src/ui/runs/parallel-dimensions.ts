import { METRIC_LABELS } from '../../core/eval/metric-direction'
import { FAMILIES } from '../../core/model/registry'
import type { RunRecord } from '../../services/storage/runs'

/** One axis of the parallel-coordinates chart. */
export interface Dimension {
  label: string
  values: number[]
  /** For a choice (e.g. the penalty), where each option sits on the axis and its name. */
  tickvals?: number[]
  ticktext?: string[]
  /** Number format of the axis ticks, short enough not to pile up. */
  tickformat?: string
}

/** The metric a run is judged by on the chart: ROC AUC for classifiers, RMSE for regressions. */
export function chartMetric(runs: RunRecord[]): string {
  return runs.some((r) => typeof r.metrics.auc === 'number' || r.cv?.summary.auc) ? 'auc' : 'rmse'
}

export function metricValue(run: RunRecord, metric: string): number | null {
  const held = run.metrics[metric]
  if (typeof held === 'number') return held
  return run.cv?.summary[metric]?.mean ?? null
}

/**
 * The axes of the parallel-coordinates chart: what differs between the compared
 * runs — the model family when they mix families, then the parameters every run
 * has and sets differently (numbers as numbers, choices as labelled positions) —
 * then the metric. A parameter only some runs have (one family's) has no place
 * on a shared axis and is left out.
 */
export function parallelDimensions(runs: RunRecord[]): Dimension[] {
  const dimensions: Dimension[] = []
  const families = runs.map((r) => FAMILIES[r.family]?.label ?? r.family)
  if (new Set(families).size > 1) dimensions.push(choiceDimension('Model', families))
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].filter((p) => runs.every((r) => p in r.params && r.params[p] !== null && r.params[p] !== undefined))
  for (const name of names) {
    const values = runs.map((r) => r.params[name])
    if (new Set(values.map((v) => JSON.stringify(v))).size < 2) continue
    if (values.every((v) => typeof v === 'number')) dimensions.push({ label: name, values: values as number[], tickformat: tickFormat(values as number[]) })
    else dimensions.push(choiceDimension(name, values.map(String)))
  }
  const metric = chartMetric(runs)
  const scores = runs.map((r) => metricValue(r, metric) ?? NaN)
  dimensions.push({ label: METRIC_LABELS[metric], values: scores, tickformat: tickFormat(scores) })
  return dimensions
}

function choiceDimension(label: string, values: string[]): Dimension {
  const options = [...new Set(values)].sort()
  return { label, values: values.map((v) => options.indexOf(v)), tickvals: options.map((_, i) => i), ticktext: options }
}

/**
 * Enough decimals to tell the ticks of an axis apart (ROC AUCs of 0.9082 and
 * 0.9087 need four), and no more: three significant digits for wide ranges.
 */
export function tickFormat(values: number[]): string {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return '.3~g'
  const range = Math.max(...finite) - Math.min(...finite)
  const largest = Math.max(...finite.map(Math.abs))
  if (range === 0 || range >= 1 || largest >= 1000) return '.3~g'
  const decimals = Math.min(8, Math.max(2, Math.ceil(-Math.log10(range)) + 1))
  return `.${decimals}f`
}
