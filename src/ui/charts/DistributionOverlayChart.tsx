import { useMemo } from 'react'
import type { DriftDistribution } from '../../core/drift/types'
import { Plot } from './Plot'

/**
 * Reference and current shares of one column overlaid (bins for numbers,
 * categories otherwise): grey bars for the reference, teal for the current
 * data, half transparent so both show where they overlap.
 */
export function DistributionOverlayChart({ name, distribution: d }: { name: string; distribution: DriftDistribution }) {
  const { data, layout } = useMemo(() => {
    const numeric = d.edges !== undefined && d.edges.length === d.reference.length + 1
    const x = numeric ? d.reference.map((_, i) => (d.edges![i] + d.edges![i + 1]) / 2) : (d.categories ?? d.reference.map((_, i) => String(i + 1)))
    const width = numeric ? d.reference.map((_, i) => d.edges![i + 1] - d.edges![i]) : undefined
    const hover = numeric
      ? d.reference.map((_, i) => `${fmt(d.edges![i])} to ${fmt(d.edges![i + 1])}`)
      : (x as string[])
    const trace = (label: string, shares: number[], color: string) => ({
      type: 'bar' as const,
      name: label,
      x,
      y: shares.map((s) => s * 100),
      width,
      opacity: 0.6,
      marker: { color },
      customdata: hover,
      hovertemplate: `${label}: %{customdata}: %{y:.1f}%<extra></extra>`,
    })
    return {
      data: [trace('Reference', d.reference, '#8b99a6'), trace('Current', d.current, '#137c85')],
      layout: {
        barmode: 'overlay' as const,
        bargap: numeric ? 0.02 : 0.2,
        legend: { orientation: 'h' as const, y: 1.12 },
        xaxis: numeric ? { title: { text: name } } : { type: 'category' as const, title: { text: name } },
        yaxis: { title: { text: 'Share of rows (%)' } },
      },
    }
  }, [name, d])
  return <Plot data={data} layout={layout} height={300} label={`Reference and current distributions of ${name}`} />
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x)
}
