import { useMemo } from 'react'
import { Plot } from './Plot'

/** Residuals (actual − predicted) against predictions on held-out rows, with the zero line: patterns mean the model misses something. */
export function ResidualChart({ predicted, actual, target }: { predicted: number[]; actual: number[]; target: string }) {
  const data = useMemo(() => {
    const residual = actual.map((a, i) => a - predicted[i])
    const lo = Math.min(...predicted)
    const hi = Math.max(...predicted)
    return [
      { type: 'scattergl' as const, mode: 'markers' as const, name: 'Held-out rows', x: predicted, y: residual, marker: { color: 'rgba(19,124,133,0.55)', size: 5 }, hovertemplate: 'predicted %{x:.3g}<br>residual %{y:.3g}<extra></extra>' },
      { type: 'scatter' as const, mode: 'lines' as const, name: 'No error', x: [lo, hi], y: [0, 0], line: { color: '#9aa7b0', dash: 'dot' as const } },
    ]
  }, [predicted, actual])
  const layout = useMemo(() => ({ xaxis: { title: { text: `Predicted ${target}` } }, yaxis: { title: { text: 'Residual (actual − predicted)' } }, showlegend: false }), [target])
  return <Plot data={data} layout={layout} label={`Residuals against predicted ${target} on held-out rows`} />
}
