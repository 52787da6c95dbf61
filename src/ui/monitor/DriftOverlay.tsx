import type { DriftDistribution } from '../../core/drift/types'

const WIDTH = 96
const HEIGHT = 24

/**
 * A row's small overlay chart, as inline SVG: the reference's shares as grey
 * bars, the current data's as a teal outline over them (one path each, however
 * many bins). The large plotly chart opens when the row is chosen.
 */
export function DriftOverlay({ distribution, label }: { distribution: DriftDistribution | null; label: string }) {
  if (!distribution) return <span className="muted">—</span>
  const n = Math.max(distribution.reference.length, distribution.current.length)
  if (n === 0) return <span className="muted">—</span>
  let max = 0
  for (const s of [...distribution.reference, ...distribution.current]) if (s > max) max = s
  if (max <= 0) max = 1
  const step = WIDTH / n
  const y = (share: number) => round(HEIGHT - (share / max) * (HEIGHT - 1))
  let bars = ''
  distribution.reference.forEach((share, i) => {
    if (share > 0) bars += `M${round(i * step + 0.5)} ${HEIGHT}V${y(share)}h${round(Math.max(0.5, step - 1))}V${HEIGHT}z`
  })
  let outline = `M0 ${HEIGHT}`
  for (let i = 0; i < n; i++) {
    const top = y(distribution.current[i] ?? 0)
    outline += `V${top}H${round((i + 1) * step)}`
  }
  outline += `V${HEIGHT}`
  return (
    <svg className="drift-overlay" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      {bars && <path d={bars} className="overlay-reference" />}
      <path d={outline} className="overlay-current" />
    </svg>
  )
}

function round(x: number): number {
  return Math.round(x * 100) / 100
}
