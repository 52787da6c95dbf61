/**
 * The class a classifier's answer names at a decision threshold. The Predict
 * page lets the user move the threshold of a binary model; the form's answer,
 * the batch table and the batch downloads all read the class from here, so
 * they agree with each other at every threshold.
 */

/** How a classification answer becomes a class: the model's labels, and the threshold for binary models. */
export interface Decision {
  /** Class labels in the model's order; for a binary model the second is the positive class. */
  labels: readonly string[]
  /** Binary models: the positive class is chosen when its probability is at least this; null otherwise. */
  threshold: number | null
}

/**
 * Binary with a threshold: the positive class (labels[1]) when its probability
 * is at least `threshold`, else the other. Otherwise the most probable class,
 * the earlier label on a tie. A label missing from `probabilities` counts as 0.
 */
export function classAtThreshold(probabilities: Readonly<Record<string, number>>, decision: Decision): string {
  const { labels, threshold } = decision
  if (labels.length === 2 && threshold !== null) return (probabilities[labels[1]] ?? 0) >= threshold ? labels[1] : labels[0]
  let best = labels[0]
  let bestP = -Infinity
  for (const label of labels) {
    const p = probabilities[label] ?? 0
    if (p > bestP) {
      best = label
      bestP = p
    }
  }
  return best
}
