import { useMemo } from 'react'
import type { RocCurve } from '../../core/metrics/classification'
import { formatMetric } from '../common/format'
import { Plot } from './Plot'

/** The held-out ROC curve with the chance diagonal. */
export function RocChart({ roc, auc }: { roc: RocCurve; auc: number | null }) {
  const data = useMemo(
    () => [
      {
        x: roc.fpr,
        y: roc.tpr,
        type: 'scatter' as const,
        mode: 'lines' as const,
        name: `Model (AUC ${formatMetric(auc)})`,
        line: { color: '#0f5c63', width: 2.5, shape: 'hv' as const },
        fill: 'tozeroy' as const,
        fillcolor: 'rgba(15,92,99,0.08)',
        hovertemplate: 'False positive rate %{x:.3f}<br>True positive rate %{y:.3f}<extra></extra>',
      },
      {
        x: [0, 1],
        y: [0, 1],
        type: 'scatter' as const,
        mode: 'lines' as const,
        name: 'Chance',
        line: { color: '#9aa7b0', dash: 'dot' as const, width: 1.5 },
        hoverinfo: 'skip' as const,
      },
    ],
    [roc, auc],
  )
  const layout = useMemo(
    () => ({
      xaxis: { title: { text: 'False positive rate (1 − specificity)' }, range: [0, 1], constrain: 'domain' as const, gridcolor: '#e6ebef' },
      yaxis: { title: { text: 'True positive rate (sensitivity)' }, range: [0, 1.02], gridcolor: '#e6ebef' },
      legend: { x: 0.98, y: 0.04, xanchor: 'right' as const, yanchor: 'bottom' as const, bgcolor: 'rgba(255,255,255,0.8)' },
    }),
    [],
  )
  return <Plot data={data} layout={layout} label={`ROC curve of the held-out rows, AUC ${formatMetric(auc)}`} />
}
