/** Display formatting shared by the pages. */

/**
 * One formatter per number of digits, made once: `toLocaleString` with options
 * builds a new Intl.NumberFormat on every call, which made a table of 500
 * columns spend most of its drawing time formatting numbers.
 */
const formatters = new Map<number, Intl.NumberFormat>()
function formatter(digits: number): Intl.NumberFormat {
  let f = formatters.get(digits)
  if (!f) formatters.set(digits, (f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })))
  return f
}
const INTEGER = new Intl.NumberFormat('en-US')

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return INTEGER.format(value)
  const abs = Math.abs(value)
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2)
  return formatter(digits).format(value)
}

export function formatMetric(value: number | null | undefined): string {
  if (value === undefined) return '—'
  if (value === null || Number.isNaN(value)) return 'undefined'
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toFixed(3)
}

export function formatPercent(share: number): string {
  if (share === 0) return '0%'
  if (share < 0.001) return '<0.1%'
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Made once, like the number formatters: `toLocaleString` with options builds a formatter per call. */
const DATE = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' })

export function formatDate(iso: string): string {
  const d = new Date(iso)
  // format() throws on an invalid date where toLocaleString said so.
  return Number.isNaN(d.getTime()) ? 'Invalid Date' : DATE.format(d)
}
