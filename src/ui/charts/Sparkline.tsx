import type { Distribution } from '../../core/table/profile'

/**
 * A tiny inline SVG of a column's distribution, cheap enough for a table of
 * a hundred columns (plotly draws the full chart when a column is opened).
 */
export function Sparkline({ distribution, label }: { distribution: Distribution; label: string }) {
  const counts = distribution.type === 'histogram' ? distribution.counts : [...distribution.top.map((t) => t.count), ...(distribution.other > 0 ? [distribution.other] : [])]
  if (counts.length === 0) return null
  const max = Math.max(...counts, 1)
  const width = 84
  const height = 22
  const gap = counts.length > 20 ? 0.5 : 1.5
  const barWidth = Math.max(1, width / counts.length - gap)
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {counts.map((count, i) => {
        const h = Math.max(count > 0 ? 1.5 : 0, (count / max) * height)
        const other = distribution.type === 'bars' && i === distribution.top.length
        return <rect key={i} x={i * (barWidth + gap)} y={height - h} width={barWidth} height={h} className={other ? 'spark-other' : 'spark-bar'} />
      })}
    </svg>
  )
}
