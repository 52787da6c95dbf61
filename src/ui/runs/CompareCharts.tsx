import { useMemo, useState } from 'react'
import { METRIC_LABELS } from '../../core/eval/metric-direction'
import type { RunRecord } from '../../services/storage/runs'
import { Plot } from '../charts/Plot'
import { parallelDimensions, metricValue } from './parallel-dimensions'

export const COLORS = ['#0f5c63', '#d9822b', '#2c6fbb', '#8e44ad', '#27ae60', '#c0392b', '#7f8c8d', '#16a085', '#d35400', '#34495e']

export function OverlaidRoc({ runs, names }: { runs: RunRecord[]; names: string[] }) {
  const data = useMemo(
    () => [
      ...runs.flatMap((r, i) => (r.roc ? [{ type: 'scatter' as const, mode: 'lines' as const, name: names[i], x: r.roc.fpr, y: r.roc.tpr, line: { color: COLORS[i], width: 2 } }] : [])),
      { type: 'scatter' as const, mode: 'lines' as const, name: 'Chance', x: [0, 1], y: [0, 1], line: { color: '#9aa7b0', dash: 'dot' as const } },
    ],
    [runs, names],
  )
  if (!runs.some((r) => r.roc)) return null
  return (
    <figure className="chart-card">
      <figcaption>ROC curves, overlaid</figcaption>
      <Plot
        data={data}
        height={320}
        layout={{ xaxis: { title: { text: 'False positive rate' } }, yaxis: { title: { text: 'True positive rate' } }, legend: { x: 0.98, xanchor: 'right', y: 0.04, yanchor: 'bottom', bgcolor: 'rgba(255,255,255,0.85)' } }}
        label="Overlaid ROC curves of the compared runs"
      />
    </figure>
  )
}

/**
 * One bar per run for the chosen metric, laid on its side so the run names
 * read in full on the left (with ± sd over folds for cross-validated runs).
 */
export function MetricBars({ runs, names }: { runs: RunRecord[]; names: string[] }) {
  const metrics = [...new Set(runs.flatMap((r) => [...Object.keys(r.metrics), ...Object.keys(r.cv?.summary ?? {})]))].filter((m) => METRIC_LABELS[m])
  const [metric, setMetric] = useState(metrics.includes('auc') ? 'auc' : metrics[0])
  const data = useMemo(() => {
    const error = (r: RunRecord) => (typeof r.metrics[metric] === 'number' ? 0 : (r.cv?.summary[metric]?.std ?? 0))
    const values = runs.map((r) => metricValue(r, metric))
    return [
      {
        type: 'bar' as const,
        orientation: 'h' as const,
        y: names,
        x: values,
        error_x: { type: 'data' as const, array: runs.map(error), visible: true },
        marker: { color: runs.map((_, i) => COLORS[i]) },
        text: values.map((v) => (v === null ? '' : v.toFixed(3))),
        textposition: 'auto' as const,
        hovertemplate: '%{y}: %{x:.3f}<extra></extra>',
      },
    ]
  }, [runs, names, metric])
  if (!metric) return null
  return (
    <figure className="chart-card">
      <figcaption>
        <label htmlFor="compare-metric">Metric </label>
        <select id="compare-metric" value={metric} onChange={(e) => setMetric(e.target.value)}>
          {metrics.map((m) => (
            <option key={m} value={m}>
              {METRIC_LABELS[m]}
            </option>
          ))}
        </select>
        <span className="muted small"> error bars: ± sd over folds where cross-validated</span>
      </figcaption>
      <Plot
        data={data}
        height={Math.max(200, 70 + runs.length * 42)}
        layout={{
          margin: { l: 16, r: 24, t: 8, b: 48 },
          yaxis: { automargin: true, autorange: 'reversed' as const, type: 'category' as const },
          xaxis: { title: { text: METRIC_LABELS[metric] }, automargin: true },
        }}
        label={`${METRIC_LABELS[metric]} of the compared runs`}
      />
    </figure>
  )
}

/**
 * Parameters against the metric, one line per run, across the full width of
 * the comparison: only the parameters the runs share and set differently.
 */
export function ParallelCoordinates({ runs }: { runs: RunRecord[] }) {
  const dimensions = useMemo(() => parallelDimensions(runs), [runs])
  const data = useMemo(() => {
    const metric = dimensions[dimensions.length - 1]
    return [
      {
        type: 'parcoords' as const,
        line: { color: metric.values, colorscale: 'Viridis' as const, showscale: true, colorbar: { title: { text: metric.label }, thickness: 14 } },
        labelangle: 0,
        labelside: 'top' as const,
        labelfont: { size: 13 },
        tickfont: { size: 12 },
        dimensions,
      },
    ]
  }, [dimensions])
  if (dimensions.length < 2) {
    return <p className="muted small">No parameter shared by all the compared runs differs between them, so there is no parallel-coordinates chart.</p>
  }
  return (
    <figure className="chart-card wide-chart">
      <figcaption>Parameters that differ, against {dimensions[dimensions.length - 1].label} (parallel coordinates: one line per run)</figcaption>
      <Plot data={data} height={380} layout={{ margin: { l: 70, r: 90, t: 64, b: 28 } }} label="Parallel coordinates of the differing parameters and the metric" />
    </figure>
  )
}
