import type { PerformanceDecay as Decay } from '../../core/drift/types'
import { METRIC_LABELS, toMaximise } from '../../core/eval/metric-direction'
import { formatMetric, formatNumber } from '../common/format'

/** "Worse", "Better" or "Same" for a metric now against training (by the metric's direction), '' when either is unknown. */
function change(name: string, training: number | null, current: number | null): string {
  const before = toMaximise(name, training)
  const now = toMaximise(name, current)
  if (before === null || now === null) return ''
  if (Math.abs(now - before) < 1e-3) return 'Same'
  return now < before ? 'Worse' : 'Better'
}

/** When the current data carries the outcome: the model's metrics on it beside its metrics at training. */
export function PerformanceDecay({ performance }: { performance: Decay }) {
  return (
    <section className="card" aria-labelledby="performance-title">
      <h2 id="performance-title">How well the model does on the current data</h2>
      <p className="muted">
        The current file has the outcome for {formatNumber(performance.currentRows)} rows, so the model's answers can be checked against it.
      </p>
      <div className="table-scroll">
        <table className="data-table compact-table" aria-label="Model performance, training and now">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="num">
                At training (held out)
              </th>
              <th scope="col" className="num">
                On the current data
              </th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {performance.metrics.map((m) => {
              const verdict = change(m.name, m.training, m.current)
              return (
                <tr key={m.name}>
                  <th scope="row">{METRIC_LABELS[m.name] ?? m.name}</th>
                  <td className="num mono">{m.training === null ? '—' : formatMetric(m.training)}</td>
                  <td className="num mono">{m.current === null ? '—' : formatMetric(m.current)}</td>
                  <td>{verdict && <span className={`badge ${verdict === 'Worse' ? 'warn' : 'info'}`}>{verdict}</span>}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
