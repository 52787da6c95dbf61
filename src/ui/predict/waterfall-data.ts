import type { RowExplanation } from '../../core/explain/types'

/** The bars of a waterfall chart: start at the expected value, one bar per input, end at the row's own score. */
export interface WaterfallData {
  /** Inputs by decreasing size of contribution; the smallest folded into one "other inputs" bar past `maxBars`. */
  bars: { name: string; contribution: number }[]
  expectedValue: number
  /** expectedValue plus every contribution: the model's score for this row. */
  total: number
}

/**
 * Orders an explanation's contributions for drawing: largest effect first
 * (ties by name, so the order is stable), at most `maxBars` bars with the rest
 * summed into one bar named for how many inputs it holds. Every input is
 * counted once, so the bars still add up from the expected value to the total.
 */
export function waterfallData(explanation: RowExplanation, maxBars = 12): WaterfallData {
  const entries = Object.entries(explanation.contributions)
    .map(([name, contribution]) => ({ name, contribution }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.name.localeCompare(b.name))
  let bars = entries
  if (entries.length > maxBars) {
    const rest = entries.slice(maxBars - 1)
    bars = [...entries.slice(0, maxBars - 1), { name: `${rest.length} other inputs`, contribution: rest.reduce((sum, e) => sum + e.contribution, 0) }]
  }
  const total = entries.reduce((sum, e) => sum + e.contribution, explanation.expectedValue)
  return { bars, expectedValue: explanation.expectedValue, total }
}

/** How the contributions were computed, as the chart's caption says it. */
export function methodLabel(explanation: RowExplanation): string {
  if (explanation.method === 'tree-shap') return 'exact TreeSHAP'
  if (explanation.method === 'linear') return 'exact (linear)'
  const approximation = explanation.approximation
  return approximation
    ? `sampling approximation ± ${formatSe(approximation.standardError)} (the largest standard error of a contribution, ${approximation.samples.toLocaleString('en-US')} samples)`
    : 'sampling approximation'
}

/** The unit the contributions are in, in words. */
export function spaceLabel(explanation: RowExplanation, target: string): string {
  const forClass = explanation.forClass ?? target
  if (explanation.space === 'log-odds') return `log-odds of “${forClass}”`
  if (explanation.space === 'margin') return `the model's score for “${forClass}”`
  if (explanation.space === 'probability') return `probability of “${forClass}”`
  return `units of ${target}`
}

/**
 * How one input's contribution came about, when the method says more than
 * the number: a linear model's "per unit × (value − training mean)", or a
 * sampled contribution's standard error. Null otherwise (and for the folded
 * "other inputs" bar).
 */
export function contributionDetail(explanation: RowExplanation, input: string, format: (value: number) => string): string | null {
  const unit = explanation.units?.[input]
  const contribution = explanation.contributions[input]
  if (unit && contribution !== undefined && unit.perUnit !== 0) {
    // The value the model saw (after imputation and clipping), recovered from contribution = perUnit × (value − reference).
    const value = unit.reference + contribution / unit.perUnit
    return `${format(unit.perUnit)} per unit × (${format(value)} − ${format(unit.reference)}, the training mean)`
  }
  const se = explanation.approximation?.standardErrors[input]
  return se === undefined ? null : `± ${formatSe(se)} (standard error)`
}

function formatSe(se: number): string {
  return se === 0 ? '0' : Math.abs(se) < 1e-3 ? se.toExponential(1) : se.toPrecision(2)
}
