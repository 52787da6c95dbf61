import { useMemo, useState } from 'react'
import { FAMILIES } from '../../core/model/registry'
import { setComparing, useRunsStore } from '../../state/runs-store'
import { PrCurves } from '../charts/CurveCharts'
import { formatDate } from '../common/format'
import { WhenVisible } from '../common/WhenVisible'
import { ConfusionMatrix } from '../train/ConfusionMatrix'
import { COLORS, MetricBars, OverlaidRoc, ParallelCoordinates } from './CompareCharts'
import { compareRows, onlyDifferences } from './compare-rows'

/** 2–10 runs side by side: parameters and metrics, overlaid curves, bars with error bars, parallel coordinates, confusion matrices. */
export function CompareView() {
  // The ticked runs read whole (rows leave out curves), in the order ticked.
  const compared = useRunsStore((s) => s.compared)
  const selected = useRunsStore((s) => s.selected)
  const chosen = useMemo(() => selected.flatMap((id) => compared.filter((r) => r.id === id)), [compared, selected])
  const [diffOnly, setDiffOnly] = useState(false)
  const [transposed, setTransposed] = useState(false)
  const all = useMemo(() => compareRows(chosen), [chosen])
  const rows = diffOnly ? onlyDifferences(all) : all
  const names = chosen.map((r, i) => `${i + 1}. ${FAMILIES[r.family]?.label ?? r.family}`)
  if (chosen.length < selected.length) {
    // The charts take their choices (e.g. the metric) from the runs they first get: wait for all of them.
    return (
      <section className="card" aria-labelledby="compare-title" aria-busy="true">
        <h2 id="compare-title">Comparing {selected.length} runs</h2>
        <p className="muted">Reading the runs…</p>
      </section>
    )
  }
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
      {/* Charts below the comparison table are drawn when scrolled to (plotly is large). */}
      <WhenVisible minHeight={360}>
        <div className="cv-charts">
          <OverlaidRoc runs={chosen} names={names} />
          {chosen.some((r) => r.pr) && (
            <figure className="chart-card">
              <figcaption>Precision–recall curves, overlaid</figcaption>
              <PrCurves curves={chosen.flatMap((r, i) => (r.pr ? [{ name: names[i], curve: r.pr, color: COLORS[i] }] : []))} label="Overlaid precision-recall curves of the compared runs" />
            </figure>
          )}
          <MetricBars runs={chosen} names={names} />
        </div>
        <ParallelCoordinates runs={chosen} />
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
      </WhenVisible>
    </section>
  )
}
