import { useMemo } from 'react'
import type { CorrelationMatrix } from '../../core/table/stats/correlation'
import { Plot } from './Plot'

/** Pearson correlations between numeric columns, red for positive and blue for negative. */
export function CorrelationHeatmap({ matrix }: { matrix: CorrelationMatrix }) {
  const data = useMemo(
    () => [
      {
        type: 'heatmap' as const,
        z: matrix.values.map((row) => row.map((v) => (v === null ? null : v))),
        x: matrix.columns,
        y: matrix.columns,
        zmin: -1,
        zmax: 1,
        colorscale: [
          [0, '#2c6fbb'],
          [0.5, '#f7f7f7'],
          [1, '#c0392b'],
        ] as [number, string][],
        hovertemplate: '%{y} × %{x}: r = %{z:.2f}<extra></extra>',
        showscale: false,
      },
    ],
    [matrix],
  )
  const size = Math.min(760, 160 + matrix.columns.length * 18)
  const layout = useMemo(
    () => ({ margin: { l: 150, r: 16, t: 8, b: 130 }, yaxis: { autorange: 'reversed' as const, tickfont: { size: 10 } }, xaxis: { tickangle: -50, tickfont: { size: 10 } } }),
    [],
  )
  if (matrix.columns.length < 2) return <p className="muted">Fewer than two numeric columns: nothing to correlate.</p>
  return (
    <>
      {/* The colour key is plain HTML: plotly's own colour bar doubled the time to draw the chart. */}
      <p className="corr-key muted small">
        <span>r = −1</span>
        <span className="corr-gradient" aria-hidden="true" />
        <span>+1</span>
        <span>(blue: one rises as the other falls; red: they rise together)</span>
      </p>
      <Plot data={data} layout={layout} height={size} label={`Correlation heatmap of ${matrix.columns.length} numeric columns`} />
    </>
  )
}
