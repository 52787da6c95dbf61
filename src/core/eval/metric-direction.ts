/** Metrics where lower is better; every other metric of the suite is maximised. */
const LOWER_IS_BETTER = new Set(['logLoss', 'brier', 'rmse', 'mae', 'mape'])

export function lowerIsBetter(metric: string): boolean {
  return LOWER_IS_BETTER.has(metric)
}

/** A score to maximise: the metric, negated where lower is better; null stays null. */
export function toMaximise(metric: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null
  return lowerIsBetter(metric) ? -value : value
}

/** The default metric to choose models by: ROC AUC for classification, RMSE for regression. */
export function defaultMetric(task: 'binary' | 'multiclass' | 'regression'): string {
  return task === 'regression' ? 'rmse' : 'auc'
}

export const CLASSIFICATION_METRIC_NAMES = ['auc', 'prAuc', 'accuracy', 'balancedAccuracy', 'f1', 'precision', 'recall', 'specificity', 'logLoss', 'brier']
export const REGRESSION_METRIC_NAMES = ['rmse', 'mae', 'r2', 'mape']

export const METRIC_LABELS: Record<string, string> = {
  auc: 'ROC AUC',
  prAuc: 'PR AUC',
  accuracy: 'Accuracy',
  balancedAccuracy: 'Balanced accuracy',
  f1: 'F1',
  precision: 'Precision',
  recall: 'Recall (sensitivity)',
  specificity: 'Specificity',
  logLoss: 'Log loss',
  brier: 'Brier score',
  rmse: 'RMSE',
  mae: 'MAE',
  r2: 'R²',
  mape: 'MAPE',
}
