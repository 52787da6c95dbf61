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
    ? `sampling approximation ± ${formatSe(approximation.standardError)} (standard error of the sum, ${approximation.samples.toLocaleString('en-US')} samples)`
    : 'sampling approximation'
}

/** The unit the contributions are in, in words. */
export function spaceLabel(explanation: RowExplanation, target: string): string {
  if (explanation.space === 'log-odds') return `log-odds of “${explanation.forClass ?? target}”`
  if (explanation.space === 'margin') return `the model's score for “${explanation.forClass ?? target}”`
  return `units of ${target}`
}

function formatSe(se: number): string {
  return se === 0 ? '0' : Math.abs(se) < 1e-3 ? se.toExponential(1) : se.toPrecision(2)
}
