/**
 * What the user chooses for the feature pipeline: defaults per column type and
 * overrides per column, plus feature selection. Plain JSON, stored with runs.
 */
export type ImputeStrategy = 'median' | 'mean' | 'most-frequent' | 'constant' | 'none'
export type OutlierStrategy = 'none' | 'iqr-clip' | 'zscore-clip' | 'iqr-drop' | 'zscore-drop'
export type ScaleStrategy = 'standard' | 'minmax' | 'robust' | 'none'
export type EncodeStrategy = 'one-hot' | 'ordinal'
export type UnseenCategory = 'zeros' | 'other'

export interface NumericPlan {
  impute: ImputeStrategy
  /** Used when impute is 'constant'. */
  fillValue: number
  missingIndicator: boolean
  outliers: OutlierStrategy
  /** IQR multiplier (default 1.5) or z-score limit (default 3). */
  outlierFactor: number
  scale: ScaleStrategy
}

export interface CategoricalPlan {
  impute: ImputeStrategy
  /** Used when impute is 'constant'. */
  fillValue: string
  missingIndicator: boolean
  encode: EncodeStrategy
  /** One-hot keeps the most frequent categories up to this count; the rest go to 'other'. */
  maxCategories: number
  unseen: UnseenCategory
}

export interface SelectionPlan {
  /** Drop features whose training variance is at or below this; null = off. */
  varianceThreshold: number | null
  /** Drop one of each pair of features with |Pearson r| above this; null = off. */
  correlationThreshold: number | null
  /** Keep the k features scoring best (mutual information for classification, F-statistic for regression); null = off. */
  topK: number | null
}

export interface PipelineConfig {
  numeric: NumericPlan
  categorical: CategoricalPlan
  /** Per-column overrides, by column name; the column's type decides which plan applies. */
  overrides: Record<string, Partial<NumericPlan> | Partial<CategoricalPlan>>
  selection: SelectionPlan
}

export const DEFAULT_PIPELINE_CONFIG: PipelineConfig = {
  numeric: { impute: 'median', fillValue: 0, missingIndicator: false, outliers: 'none', outlierFactor: 1.5, scale: 'standard' },
  categorical: { impute: 'most-frequent', fillValue: 'missing', missingIndicator: false, encode: 'one-hot', maxCategories: 20, unseen: 'zeros' },
  overrides: {},
  selection: { varianceThreshold: 0, correlationThreshold: null, topK: null },
}
