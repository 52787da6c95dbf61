/**
 * Training requests of the runner: a plain holdout run, or the refit of a
 * chosen trial on every non-test row (the rows outside the locked test split
 * its cross-validation held out, by the same seed), with what the bundle
 * records beside the model: the decision threshold and the cross-validated
 * metrics behind it.
 */
import type { CleaningRecipe } from '../clean/types'
import type { MetricSummary } from '../eval/summary'
import type { PipelineConfig } from '../pipeline/config'
import type { TrainingRequest } from '../train/run-training'
import type { Task } from '../types'

export interface TrainingSettings {
  target: string
  task: Task
  features: string[]
  family: string
  params: Record<string, unknown>
  /** Rows held out and scored once: the Train page's test share, or the locked test split of a cross-validated choice. */
  testShare: number
  seed: number
  pipeline: PipelineConfig
  recipe: CleaningRecipe | null
  /** Binary: the decision threshold chosen on the Evaluate page. */
  threshold?: number
  /** The cross-validation behind the model, when it was chosen by one. */
  cvSummary?: Record<string, MetricSummary>
}

/** The request runTraining takes for `settings` (the page and the CLI build it here, so they train the same model). */
export function trainingRequest(settings: TrainingSettings): TrainingRequest {
  return {
    target: settings.target,
    task: settings.task,
    features: settings.features,
    family: settings.family,
    params: { ...settings.params },
    testShare: settings.testShare,
    seed: settings.seed,
    pipeline: settings.pipeline,
    recipe: settings.recipe,
    evaluation: bundleEvaluation(settings.threshold, settings.cvSummary),
  }
}

/** What the bundle records beside the model: the chosen threshold and every cross-validated metric as mean and std. */
export function bundleEvaluation(threshold: number | undefined, summary: Record<string, MetricSummary> | undefined): TrainingRequest['evaluation'] {
  const crossValidated = summary && Object.fromEntries(Object.entries(summary).map(([name, s]) => [name, { mean: s.mean, std: s.std }]))
  return { ...(threshold !== undefined ? { threshold } : {}), ...(crossValidated ? { crossValidated } : {}) }
}
