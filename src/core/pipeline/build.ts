import type { Task } from '../types'
import type { SelectionPlan } from './config'
import { Imputer, type ImputeSpec } from './imputer'
import { OneHotEncoder, type OneHotSpec } from './one-hot'
import { OrdinalEncoder } from './ordinal'
import { OutlierStep, type OutlierSpec } from './outliers'
import type { ColumnPlan } from './plan'
import { Scaler, type ScaleSpec } from './scaler'
import { Selector } from './select'
import type { PipelineStep } from './steps'

/**
 * The ordered steps for validated column plans:
 * outliers → impute → one-hot → ordinal → scale → select.
 * Outliers come first so their bounds are learned from observed values (not
 * pulled toward fill values) and dropped rows never teach the imputer; scaling
 * touches only the numeric input columns, never one-hot, ordinal or indicator
 * columns; selection sees the finished matrix columns. Steps with nothing to do
 * are left out, so the fitted JSON holds only what runs.
 */
export function buildSteps(plans: readonly ColumnPlan[], selection: SelectionPlan, task?: Task): PipelineStep[] {
  const outliers: OutlierSpec[] = []
  const impute: ImputeSpec[] = []
  const oneHot: OneHotSpec[] = []
  const ordinal: string[] = []
  const scale: ScaleSpec[] = []
  for (const column of plans) {
    const { name, plan } = column
    if (plan.impute !== 'none' || plan.missingIndicator) {
      impute.push({ name, type: column.type, strategy: plan.impute, fillValue: plan.impute === 'constant' ? plan.fillValue : undefined, indicator: plan.missingIndicator })
    }
    if (column.type === 'number') {
      const p = column.plan
      if (p.outliers !== 'none') {
        const [method, action] = p.outliers.split('-') as ['iqr' | 'zscore', 'clip' | 'drop']
        outliers.push({ name, method, factor: p.outlierFactor, action })
      }
      if (p.scale !== 'none') scale.push({ name, method: p.scale })
    } else if (column.plan.encode === 'one-hot') oneHot.push({ name, maxCategories: column.plan.maxCategories, unseen: column.plan.unseen })
    else ordinal.push(name)
  }
  const steps: PipelineStep[] = []
  if (outliers.length > 0) steps.push(new OutlierStep(outliers))
  if (impute.length > 0) steps.push(new Imputer(impute))
  if (oneHot.length > 0) steps.push(new OneHotEncoder(oneHot))
  if (ordinal.length > 0) steps.push(new OrdinalEncoder(ordinal))
  if (scale.length > 0) steps.push(new Scaler(scale))
  if (selection.varianceThreshold !== null || selection.correlationThreshold !== null || selection.topK !== null) steps.push(new Selector(selection, task))
  return steps
}
