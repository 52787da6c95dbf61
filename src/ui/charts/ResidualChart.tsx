import { useMemo } from 'react'
import { Plot } from './Plot'

/** Held-out predictions against true values, with the line of perfect prediction. */
export function ResidualChart({ predicted, actual, target }: { predicted: number[]; actual: number[]; target: string }) {
  const data = useMemo(() => {
    const lo = Math.min(...actual, ...predicted)
    const hi = Math.max(...actual, ...predicted)
    return [
      { type: 'scattergl' as const, mode: 'markers' as const, name: 'Held-out rows', x: predicted, y: actual, marker: { color: 'rgba(19,124,133,0.55)', size: 5 }, hovertemplate: 'predicted %{x:.3g}<br>actual %{y:.3g}<extra></extra>' },
      { type: 'scatter' as const, mode: 'lines' as const, name: 'Perfect prediction', x: [lo, hi], y: [lo, hi], line: { color: '#9aa7b0', dash: 'dot' as const } },
    ]
  }, [predicted, actual])
  const layout = useMemo(() => ({ xaxis: { title: { text: `Predicted ${target}` } }, yaxis: { title: { text: `Actual ${target}` } }, legend: { x: 0.02, y: 0.98 } }), [target])
  return <Plot data={data} layout={layout} label={`Predicted against actual ${target} on held-out rows`} />
}
