import { confusionMatrix } from '../metrics/classification'
import { classificationMetrics } from '../train/score'

/**
 * Metrics and confusion matrix of pooled out-of-fold probabilities (binary
 * tasks) at a decision threshold: what the Evaluate page shows live as the
 * threshold moves, and what a refit's bundle will use.
 */
export function thresholdMetricsOf(scores: { score: number[]; positive: boolean[] }, threshold: number): { metrics: Record<string, number | null>; confusion: number[][] } {
  const truth = Int32Array.from(scores.positive, (p) => (p ? 1 : 0))
  const proba = new Float64Array(truth.length * 2)
  scores.score.forEach((s, i) => {
    proba[i * 2] = 1 - s
    proba[i * 2 + 1] = s
  })
  const { metrics, predicted } = classificationMetrics(truth, proba, 2, threshold)
  return { metrics, confusion: confusionMatrix(truth, predicted, 2) }
}
