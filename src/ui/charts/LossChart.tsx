import { useMemo } from 'react'
import type { LossPoint } from '../../core/model/estimator'
import { Plot } from './Plot'

/** Training and validation loss per boosting round or epoch, with the kept round marked. */
export function LossChart({ history, best, unit }: { history: LossPoint[]; best: number | null; unit: string }) {
  const data = useMemo(() => {
    const traces = []
    const steps = history.map((p) => p.step)
    if (history.some((p) => p.train !== undefined)) {
      traces.push({ type: 'scatter' as const, mode: 'lines' as const, name: 'Training loss', x: steps, y: history.map((p) => p.train ?? null), line: { color: '#137c85', width: 2 } })
    }
    if (history.some((p) => p.valid !== undefined)) {
      traces.push({ type: 'scatter' as const, mode: 'lines' as const, name: 'Validation loss', x: steps, y: history.map((p) => p.valid ?? null), line: { color: '#d9822b', width: 2 } })
    }
    return traces
  }, [history])
  const layout = useMemo(
    () => ({
      xaxis: { title: { text: unit } },
      yaxis: { title: { text: 'Loss' } },
      legend: { x: 0.98, y: 0.98, xanchor: 'right' as const },
      shapes: best === null ? [] : [{ type: 'line' as const, x0: best, x1: best, yref: 'paper' as const, y0: 0, y1: 1, line: { color: '#5b6b77', dash: 'dot' as const, width: 1.5 } }],
    }),
    [best, unit],
  )
  return <Plot data={data} layout={layout} height={260} label={`Loss per ${unit.toLowerCase()}${best !== null ? `; the model keeps ${unit.toLowerCase()} ${best}` : ''}`} />
}
