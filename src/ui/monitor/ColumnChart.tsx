import type { ColumnDrift, DriftReport } from '../../core/drift/types'
import { columnVerdict, judgeText, TEST_LABELS } from '../../state/drift-view'
import { openColumn, useMonitorStore } from '../../state/monitor-store'
import { DistributionOverlayChart } from '../charts/DistributionOverlayChart'

/** The chosen column's reference and current distributions overlaid, with the numbers behind its verdict. */
export function ColumnChart({ report }: { report: DriftReport }) {
  const name = useMonitorStore((s) => s.openColumn)
  const column = report.columns.find((c) => c.name === name)
  if (!column) return null
  return (
    <section className="card" aria-labelledby="drift-chart-title">
      <div className="card-head">
        <h2 id="drift-chart-title">Distributions of {column.name}</h2>
        <button type="button" className="ghost small" onClick={() => openColumn(null)} aria-label={`Close the chart of ${column.name}`}>
          Close
        </button>
      </div>
      <ColumnFacts column={column} />
      {column.distribution ? (
        <DistributionOverlayChart name={column.name} distribution={column.distribution} />
      ) : (
        <p className="muted">No distribution to draw for this column{column.problem ? `: ${column.problem.message}` : ''}.</p>
      )}
    </section>
  )
}

/** One line saying what the chart's verdict rests on. */
export function ColumnFacts({ column }: { column: ColumnDrift }) {
  return (
    <p data-testid="column-facts">
      <strong>{columnVerdict(column)}</strong> — {TEST_LABELS[column.test]}: {judgeText(column)}
      {column.binned ? ', computed on the reference summary’s bins' : ''}.
    </p>
  )
}
