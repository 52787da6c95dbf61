/**
 * Text for the HTML report: every value that comes from the data (column and
 * category names, file names, messages) goes through `escapeHtml`, so a
 * column called `<script>` is shown, never run.
 */
import { formatValue } from '../../pipeline/format'

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** `text` safe inside an element or a double- or single-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c])
}

/** A statistic, distance or PSI to 4 significant digits; "—" when not computed. */
export function formatStat(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  return formatValue(value)
}

/** A p-value: 4 significant digits, or scientific below 0.001 ("3.2e-12"); "< 1e-300" for 0. */
export function formatPValue(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  if (value === 0) return '< 1e-300'
  if (value < 1e-3) return value.toExponential(1)
  return formatValue(value)
}

/** A share as a percentage: 0.4 → "40%", 0.0512 → "5.1%" (one decimal below 10%). */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '—'
  const pct = share * 100
  return `${Number(pct.toFixed(pct !== 0 && Math.abs(pct) < 10 ? 1 : 0))}%`
}
