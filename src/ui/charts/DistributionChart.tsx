import { useMemo } from 'react'
import type { ColumnProfile } from '../../core/table/profile/profile'
import { Plot } from './Plot'

/** The full distribution of one column: a histogram for numbers, bars of the most frequent values otherwise. */
export function DistributionChart({ column }: { column: ColumnProfile }) {
  const { data, layout } = useMemo(() => {
    const d = column.distribution
    if (d.type === 'histogram') {
      const centers = d.counts.map((_, i) => (d.edges[i] + d.edges[i + 1]) / 2)
      const widths = d.counts.map((_, i) => d.edges[i + 1] - d.edges[i])
      return {
        data: [
          {
            type: 'bar' as const,
            x: centers,
            y: d.counts,
            width: widths,
            marker: { color: '#137c85' },
            customdata: d.counts.map((_, i) => [d.edges[i], d.edges[i + 1]]),
            hovertemplate: '%{customdata[0]:.4g} to %{customdata[1]:.4g}: %{y} rows<extra></extra>',
          },
        ],
        layout: { bargap: 0.04, xaxis: { title: { text: column.name } }, yaxis: { title: { text: 'Rows' } } },
      }
    }
    const labels = [...d.top.map((t) => t.value), ...(d.other > 0 ? ['(all others)'] : [])]
    const counts = [...d.top.map((t) => t.count), ...(d.other > 0 ? [d.other] : [])]
    return {
      data: [{ type: 'bar' as const, x: labels, y: counts, marker: { color: labels.map((l) => (l === '(all others)' ? '#b7c3cc' : '#137c85')) }, hovertemplate: '%{x}: %{y} rows<extra></extra>' }],
      layout: { xaxis: { type: 'category' as const, title: { text: column.name } }, yaxis: { title: { text: 'Rows' } } },
    }
  }, [column])
  return <Plot data={data} layout={layout} height={260} label={`Distribution of ${column.name}`} />
}
