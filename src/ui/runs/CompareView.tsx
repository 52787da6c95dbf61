import { useMemo, useState } from 'react'
import { METRIC_LABELS } from '../../core/eval/metric-direction'
import { FAMILIES } from '../../core/model/registry'
import type { RunRecord } from '../../services/storage'
import { setComparing, useRunsStore } from '../../state/runs-store'
import { PrCurves } from '../charts/CurveCharts'
import { Plot } from '../charts/Plot'
import { formatDate } from '../common/format'
import { ConfusionMatrix } from '../train/ConfusionMatrix'
import { compareRows, onlyDifferences } from './compare-rows'

const COLORS = ['#0f5c63', '#d9822b', '#2c6fbb', '#8e44ad', '#27ae60', '#c0392b', '#7f8c8d', '#16a085', '#d35400', '#34495e']

/** 2–10 runs side by side: parameters and metrics, overlaid curves, bars with error bars, parallel coordinates, confusion matrices. */
export function CompareView() {
  const runs = useRunsStore((s) => s.runs)
  const selected = useRunsStore((s) => s.selected)
  const chosen = useMemo(() => selected.map((id) => runs.find((r) => r.id === id)).filter((r): r is RunRecord => !!r), [runs, selected])
  const [diffOnly, setDiffOnly] = useState(false)
  const [transposed, setTransposed] = useState(false)
  const all = useMemo(() => compareRows(chosen), [chosen])
  const rows = diffOnly ? onlyDifferences(all) : all
  const names = chosen.map((r, i) => `${i + 1}. ${FAMILIES[r.family]?.label ?? r.family}`)
  return (
    <section className="card" aria-labelledby="compare-title">
      <div className="card-head">
        <h2 id="compare-title">Comparing {chosen.length} runs</h2>
        <div className="row">
          <label>
            <input type="checkbox" checked={diffOnly} onChange={(e) => setDiffOnly(e.target.checked)} /> Only show differences
          </label>
          <label>
            <input type="checkbox" checked={transposed} onChange={(e) => setTransposed(e.target.checked)} /> Runs as rows
          </label>
          <button type="button" className="ghost small" onClick={() => setComparing(false)}>
            Close comparison
          </button>
        </div>
      </div>
      <div className="table-scroll">
        {transposed ? (
          <table className="data-table" aria-label="Run comparison">
            <thead>
              <tr>
                <th scope="col">Run</th>
                {rows.map((r) => (
                  <th key={`${r.group}-${r.label}`} scope="col">
                    {r.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chosen.map((run, i) => (
                <tr key={run.id}>
                  <th scope="row">{names[i]}</th>
                  {rows.map((r) => (
                    <td key={`${r.group}-${r.label}`}>{r.values[i]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <table className="data-table" aria-label="Run comparison">
            <thead>
              <tr>
                <th scope="col">Field</th>
                {chosen.map((run, i) => (
                  <th key={run.id} scope="col" title={formatDate(run.startedAt)}>
                    {names[i]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.group}-${r.label}`} className={new Set(r.values).size > 1 ? 'differs' : undefined}>
                  <th scope="row">
                    <span className="muted small">{r.group} · </span>
                    {r.label}
                  </th>
                  {r.values.map((v, i) => (
                    <td key={i}>{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="cv-charts">
        <OverlaidRoc runs={chosen} names={names} />
        {chosen.some((r) => r.pr) && (
          <figure className="chart-card">
            <figcaption>Precision–recall curves, overlaid</figcaption>
            <PrCurves curves={chosen.flatMap((r, i) => (r.pr ? [{ name: names[i], curve: r.pr, color: COLORS[i] }] : []))} label="Overlaid precision-recall curves of the compared runs" />
          </figure>
        )}
        <MetricBars runs={chosen} names={names} />
        <ParallelCoordinates runs={chosen} />
      </div>
      {chosen.some((r) => r.confusion) && (
        <div className="confusions">
          {chosen.map((run, i) =>
            run.confusion ? (
              <figure key={run.id} className="chart-card">
                <figcaption>{names[i]}</figcaption>
                <ConfusionMatrix matrix={run.confusion} labels={run.bundle?.target.labels ?? run.bundleSummary?.labels ?? run.confusion.map((_, k) => String(k))} />
              </figure>
            ) : null,
          )}
        </div>
      )}
    </section>
  )
}

function OverlaidRoc({ runs, names }: { runs: RunRecord[]; names: string[] }) {
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
      <Plot data={data} height={300} layout={{ xaxis: { title: { text: 'False positive rate' } }, yaxis: { title: { text: 'True positive rate' } } }} label="Overlaid ROC curves of the compared runs" />
    </figure>
  )
}

function MetricBars({ runs, names }: { runs: RunRecord[]; names: string[] }) {
  const metrics = [...new Set(runs.flatMap((r) => [...Object.keys(r.metrics), ...Object.keys(r.cv?.summary ?? {})]))].filter((m) => METRIC_LABELS[m])
  const [metric, setMetric] = useState(metrics.includes('auc') ? 'auc' : metrics[0])
  const data = useMemo(() => {
    const value = (r: RunRecord) => (typeof r.metrics[metric] === 'number' ? (r.metrics[metric] as number) : (r.cv?.summary[metric]?.mean ?? null))
    const error = (r: RunRecord) => (typeof r.metrics[metric] === 'number' ? 0 : (r.cv?.summary[metric]?.std ?? 0))
    return [{ type: 'bar' as const, x: names, y: runs.map(value), error_y: { type: 'data' as const, array: runs.map(error), visible: true }, marker: { color: runs.map((_, i) => COLORS[i]) } }]
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
        <span className="muted small"> (error bars: ± sd over folds where cross-validated)</span>
      </figcaption>
      <Plot data={data} height={300} layout={{ yaxis: { title: { text: METRIC_LABELS[metric] } } }} label={`${METRIC_LABELS[metric]} of the compared runs`} />
    </figure>
  )
}

function ParallelCoordinates({ runs }: { runs: RunRecord[] }) {
  const data = useMemo(() => {
    const numericParams = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].filter((p) => runs.some((r) => typeof r.params[p] === 'number') && new Set(runs.map((r) => r.params[p])).size > 1)
    const metric = runs.some((r) => typeof r.metrics.auc === 'number' || r.cv?.summary.auc) ? 'auc' : 'rmse'
    const metricValue = (r: RunRecord) => (typeof r.metrics[metric] === 'number' ? (r.metrics[metric] as number) : (r.cv?.summary[metric]?.mean ?? NaN))
    const dimensions = [
      ...numericParams.map((p) => ({ label: p, values: runs.map((r) => (typeof r.params[p] === 'number' ? (r.params[p] as number) : NaN)) })),
      { label: METRIC_LABELS[metric], values: runs.map(metricValue) },
    ]
    return [{ type: 'parcoords' as const, line: { color: runs.map(metricValue), colorscale: 'Viridis' as const, showscale: true }, dimensions }]
  }, [runs])
  if ((data[0].dimensions?.length ?? 0) < 2) return null
  return (
    <figure className="chart-card">
      <figcaption>Parameters against the metric (parallel coordinates)</figcaption>
      <Plot data={data} height={300} layout={{ margin: { l: 60, r: 60, t: 40, b: 20 } }} label="Parallel coordinates of parameters and metric" />
    </figure>
  )
}
