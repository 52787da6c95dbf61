import { useMemo } from 'react'
import { METRIC_LABELS } from '../../core/eval/metric-direction'
import { setThreshold, thresholdMetrics, useEvalStore } from '../../state/eval-store'
import { formatMetric } from '../common/format'
import { ConfusionMatrix } from '../train/ConfusionMatrix'

const SHOWN = ['accuracy', 'balancedAccuracy', 'precision', 'recall', 'specificity', 'f1']

/** Moves the decision threshold of a binary model and shows the metrics it would give, from out-of-fold predictions. */
export function ThresholdChooser({ labels }: { labels: string[] }) {
  // Kept in the store: "Train final model" records the chosen threshold in the model's bundle.
  const threshold = useEvalStore((s) => s.threshold) ?? 0.5
  const at = useMemo(() => thresholdMetrics(threshold), [threshold])
  if (!at) return null
  return (
    <figure className="chart-card threshold">
      <figcaption>Decision threshold</figcaption>
      <div className="row">
        <label htmlFor="threshold">Call a row "{labels[1]}" when its probability is at least</label>
        <input id="threshold" type="range" min={0.01} max={0.99} step={0.01} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} />
        <output htmlFor="threshold" className="mono">
          {threshold.toFixed(2)}
        </output>
      </div>
      <div className="threshold-body">
        <dl className="stats compact" aria-label="Metrics at this threshold">
          {SHOWN.map((m) => (
            <div key={m}>
              <dt>{METRIC_LABELS[m]}</dt>
              <dd>{formatMetric(at.metrics[m])}</dd>
            </div>
          ))}
        </dl>
        <ConfusionMatrix matrix={at.confusion} labels={labels} />
      </div>
    </figure>
  )
}
