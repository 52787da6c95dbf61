import type { ColumnDrift } from '../../core/drift/types'
import { DistributionOverlayChart } from '../charts/DistributionOverlayChart'
import { ColumnFacts } from './ColumnChart'

/** Have the model's answers shifted? Its predicted scores on the current data against those at training. */
export function PredictionDrift({ column }: { column: ColumnDrift }) {
  return (
    <section className="card" aria-labelledby="prediction-drift-title">
      <h2 id="prediction-drift-title">The model's predictions</h2>
      <p className="muted">The model's scores on the current data compared with its scores on the held-out patients at training.</p>
      <ColumnFacts column={column} />
      {column.distribution && <DistributionOverlayChart name="Predicted score" distribution={column.distribution} />}
    </section>
  )
}
