/**
 * The small inline SVG charts of the HTML report: reference and current shares
 * overlaid per bin or category (reference as grey bars, current as a dark step
 * line over them, so the two read apart in grey-scale print and for colour-blind
 * readers), and the drifted-share meter. Each chart carries a <title> and a <desc>
 * saying in words what it shows, for screen readers.
 */
import type { DriftDistribution } from '../types'
import { escapeHtml, formatPercent, formatStat } from './escape'

/** Bars drawn at most; a longer category list shows its first ones and says so. */
export const MAX_BARS = 30

const WIDTH = 160
const HEIGHT = 40

/** The label of bar `i`: its category, or its bin as "[lo, hi)". */
function barLabel(distribution: DriftDistribution, i: number): string {
  if (distribution.categories) return distribution.categories[i] ?? `#${i + 1}`
  const edges = distribution.edges
  if (edges && edges.length > i + 1) return `${formatStat(edges[i])} to ${formatStat(edges[i + 1])}`
  return `bin ${i + 1}`
}

/** One sentence naming the bar whose share changed most. */
export function largestChange(distribution: DriftDistribution): string {
  const n = Math.min(distribution.reference.length, distribution.current.length)
  let best = -1
  let bestGap = -1
  for (let i = 0; i < n; i++) {
    const gap = Math.abs((distribution.current[i] ?? 0) - (distribution.reference[i] ?? 0))
    if (gap > bestGap) {
      best = i
      bestGap = gap
    }
  }
  if (best < 0) return 'No values to compare.'
  return `Largest change: ${barLabel(distribution, best)}, ${formatPercent(distribution.reference[best])} of reference rows and ${formatPercent(distribution.current[best])} of current rows.`
}

/**
 * An overlay chart of `distribution` for the column `name`, or a short text
 * when there is nothing to draw. `id` makes the title and description ids unique.
 */
export function overlaySvg(name: string, distribution: DriftDistribution | null, id: string): string {
  if (!distribution || distribution.reference.length === 0) return '<span class="no-chart">no chart</span>'
  const total = Math.max(distribution.reference.length, distribution.current.length)
  const n = Math.min(total, MAX_BARS)
  const unit = distribution.categories ? 'category' : 'bin'
  let top = 0
  for (let i = 0; i < n; i++) top = Math.max(top, distribution.reference[i] ?? 0, distribution.current[i] ?? 0)
  const scale = top > 0 ? (HEIGHT - 2) / top : 0
  const slot = WIDTH / n
  const bars: string[] = []
  // The current shares as one step line: up to each slot's height, across it, on to the next.
  let step = `M0 ${HEIGHT}`
  for (let i = 0; i < n; i++) {
    const ref = (distribution.reference[i] ?? 0) * scale
    const cur = HEIGHT - (distribution.current[i] ?? 0) * scale
    const x = i * slot
    bars.push(`<rect class="ref" x="${r(x + slot * 0.05)}" y="${r(HEIGHT - ref)}" width="${r(slot * 0.9)}" height="${r(ref)}"/>`)
    step += ` V${r(cur)} H${r(x + slot)}`
  }
  step += ` V${HEIGHT}`
  const shown = total > n ? ` (first ${n} of ${total} ${unit === 'bin' ? 'bins' : 'categories'})` : ''
  const title = `${name}: reference (grey bars) and current (dark line) shares per ${unit}${shown}`
  return (
    `<svg class="overlay" role="img" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(largestChange(distribution))}</desc>` +
    `<line class="axis" x1="0" y1="${HEIGHT - 0.5}" x2="${WIDTH}" y2="${HEIGHT - 0.5}"/>` +
    bars.join('') +
    `<path class="cur" d="${step}"/>` +
    '</svg>'
  )
}

/** A horizontal meter of the drifted share with a mark at the dataset-drift threshold. */
export function shareMeterSvg(share: number, threshold: number): string {
  const width = 320
  const height = 28
  const clamp = (v: number) => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0))
  const fill = clamp(share) * width
  const mark = clamp(threshold) * width
  const title = `Drifted share ${formatPercent(share)}; dataset drift from ${formatPercent(threshold)}`
  return (
    `<svg class="meter" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-labelledby="meter-t">` +
    `<title id="meter-t">${escapeHtml(title)}</title>` +
    `<rect class="track" x="0" y="6" width="${width}" height="14"/>` +
    `<rect class="${share >= threshold ? 'fill-bad' : 'fill-ok'}" x="0" y="6" width="${r(fill)}" height="14"/>` +
    `<line class="mark" x1="${r(mark)}" y1="0" x2="${r(mark)}" y2="${height}"/>` +
    '</svg>'
  )
}

/** Coordinates to two decimals: small documents, same output everywhere. */
function r(v: number): string {
  return String(Math.round(v * 100) / 100)
}
