import type { Distribution } from '../../core/table/profile/profile'

const WIDTH = 84
const HEIGHT = 22

/**
 * A tiny inline SVG of a column's distribution: the bars are one path (two when
 * there is an "all others" bar), so a row costs a handful of elements however
 * many bins it has (plotly draws the full chart when a column is opened).
 */
export function Sparkline({ distribution, label }: { distribution: Distribution; label: string }) {
  const counts = distribution.type === 'histogram' ? distribution.counts : [...distribution.top.map((t) => t.count), ...(distribution.other > 0 ? [distribution.other] : [])]
  if (counts.length === 0) return null
  let max = 1
  for (const c of counts) if (c > max) max = c
  const gap = counts.length > 20 ? 0.5 : 1.5
  const barWidth = Math.max(1, WIDTH / counts.length - gap)
  const otherIndex = distribution.type === 'bars' && distribution.other > 0 ? distribution.top.length : -1
  let bars = ''
  let other = ''
  counts.forEach((count, i) => {
    const h = Math.max(count > 0 ? 1.5 : 0, (count / max) * HEIGHT)
    if (h === 0) return
    const bar = `M${round(i * (barWidth + gap))} ${round(HEIGHT - h)}h${round(barWidth)}v${round(h)}h${round(-barWidth)}z`
    if (i === otherIndex) other += bar
    else bars += bar
  })
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      {bars && <path d={bars} className="spark-bar" />}
      {other && <path d={other} className="spark-other" />}
    </svg>
  )
}

function round(x: number): number {
  return Math.round(x * 100) / 100
}
