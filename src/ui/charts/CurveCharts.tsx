import { useMemo } from 'react'
import type { CalibrationCurve, PrCurve } from '../../core/metrics/classification-extra'
import { Plot } from './Plot'

const GRID = '#e6ebef'
/** A few curves' legend fits where precision–recall curves never go, instead of narrowing a small chart. */
const INSIDE_LOWER_LEFT = { x: 0.02, xanchor: 'left' as const, y: 0.04, yanchor: 'bottom' as const, bgcolor: 'rgba(255,255,255,0.85)' }

/** One or more precision–recall curves (one per fold or per run, and optionally a bold pooled one). */
export function PrCurves({ curves, label, height = 300 }: { curves: { name: string; curve: PrCurve; color?: string; width?: number }[]; label: string; height?: number }) {
  const data = useMemo(
    () => curves.map((c) => ({ type: 'scatter' as const, mode: 'lines' as const, name: c.name, x: c.curve.recall, y: c.curve.precision, line: { color: c.color ?? '#0f5c63', width: c.width ?? 2, shape: 'hv' as const } })),
    [curves],
  )
  return <Plot data={data} height={height} layout={{ xaxis: { title: { text: 'Recall (sensitivity)' }, range: [0, 1], gridcolor: GRID }, yaxis: { title: { text: 'Precision' }, range: [0, 1.02], gridcolor: GRID }, showlegend: curves.length > 1 && curves.length <= 10, legend: curves.length <= 4 ? INSIDE_LOWER_LEFT : undefined }} label={label} />
}

/** Reliability: mean predicted probability against the observed share of positives per bin, beside the diagonal. */
export function CalibrationPlot({ calibration, height = 300 }: { calibration: CalibrationCurve; height?: number }) {
  const data = useMemo(
    () => [
      { type: 'scatter' as const, mode: 'lines+markers' as const, name: 'Model', x: calibration.predicted, y: calibration.observed, text: calibration.counts.map((n) => `${n} rows`), line: { color: '#0f5c63', width: 2 } },
      { type: 'scatter' as const, mode: 'lines' as const, name: 'Perfectly calibrated', x: [0, 1], y: [0, 1], line: { dash: 'dot' as const, color: '#9aa7b0' } },
    ],
    [calibration],
  )
  return <Plot data={data} height={height} layout={{ xaxis: { title: { text: 'Mean predicted probability' }, range: [0, 1], gridcolor: GRID }, yaxis: { title: { text: 'Observed share positive' }, range: [0, 1], gridcolor: GRID }, showlegend: false }} label="Calibration curve" />
}
