import { StudioError } from '../errors'
import { DEFAULT_PIPELINE_CONFIG } from '../pipeline/config'
import type { Task } from '../types'
import { PIPELINE_FORMAT, type PipelineSpec, type PromotionRule } from '../workflow/types'
import { checkModelName, type RegisteredModel } from './registry'
import type { RunRecord } from './run-schema'

/**
 * "Save as pipeline": the pipeline that re-makes a run on new data, read off
 * the run record (data source, cleaning recipe, target and task, features,
 * feature pipeline, family and parameters, validation scheme) plus what the
 * run does not hold — a name, the registry model name and the promotion rule —
 * with defaults the page offers and the user may change. Pure: the page,
 * the CLI and tests build the same spec from the same run.
 */

/** A minimum gain a new model must show over Production: half a point of AUC (or of accuracy, F1…). */
export const DEFAULT_MIN_GAIN = 0.005
/** The test share used when the run held nothing out (a refit on every row): champion and challenger need test rows to be compared on. */
export const FALLBACK_TEST_SHARE = 0.2

/**
 * The rule a challenger must meet: ROC AUC for binary tasks, macro-F1 for
 * several classes (accuracy when the run has no F1), RMSE for regression;
 * a gain of at least 0.005; its golden cases must reproduce.
 */
export function defaultPromotionRule(task: Task, metrics: Record<string, number | null> = {}): PromotionRule {
  const metric = task === 'binary' ? 'auc' : task === 'multiclass' ? (typeof metrics.f1 === 'number' ? 'f1' : 'accuracy') : 'rmse'
  return { metric, minGain: DEFAULT_MIN_GAIN, requireGolden: true }
}

/** "Diagnosis from parkinsons": the target and the data file without its extensions. */
export function defaultPipelineName(run: Pick<RunRecord, 'target' | 'dataset'>): string {
  const stem = run.dataset.name.replace(/(\.(csv|tsv|txt|parquet|xlsx|gz))+$/i, '') || run.dataset.name
  return `${run.target} from ${stem}`.slice(0, 120)
}

/** The registry model a pipeline feeds: the one the run is registered in (the latest version), else the pipeline's own name. */
export function defaultModelName(run: Pick<RunRecord, 'id'>, pipelineName: string, models: readonly RegisteredModel[] = []): string {
  let best: { name: string; at: string } | null = null
  for (const model of models) {
    for (const version of model.versions) {
      if (version.runId === run.id && (!best || version.createdAt > best.at)) best = { name: model.name, at: version.createdAt }
    }
  }
  return best?.name ?? pipelineName
}

export interface PipelineFromRunOptions {
  name: string
  modelName: string
  /** Overrides of the default rule (metric, minGain, requireGolden). */
  promotion?: Partial<PromotionRule>
  now: Date
}

/**
 * The pipeline spec of `run`. Refused (StudioError 'pipeline-from-run'): a run
 * still training, a bad pipeline or model name, a minimum gain that is not a
 * number ≥ 0. A run saved before recipes and pipeline settings were recorded
 * (schema 1) gets no recipe and the default feature pipeline, which is what
 * it was trained with.
 */
export function pipelineSpecFromRun(run: RunRecord, options: PipelineFromRunOptions): PipelineSpec {
  if (run.status === 'running') {
    throw new StudioError('pipeline-from-run', `pipeline: run "${run.id}" is still training; save it as a pipeline once it has finished`)
  }
  const name = checkName(options.name, 'pipeline name')
  const modelName = checkName(options.modelName, 'registry model name')
  const promotion = { ...defaultPromotionRule(run.task, run.metrics), ...definedOnly(options.promotion ?? {}) }
  if (typeof promotion.minGain !== 'number' || !Number.isFinite(promotion.minGain) || promotion.minGain < 0) {
    throw new StudioError('pipeline-from-run', `pipeline: minimum gain ${JSON.stringify(promotion.minGain)} is not allowed; expected a number of 0 or more, such as ${DEFAULT_MIN_GAIN}`)
  }
  const folds = run.cv?.scheme.k
  return {
    format: PIPELINE_FORMAT,
    version: 1,
    name,
    source: { kind: 'file', name: run.dataset.name, fingerprint: run.dataset.fingerprint },
    recipe: run.recipe ?? null,
    target: run.target,
    task: run.task,
    features: [...run.features],
    pipeline: run.pipelineConfig ?? DEFAULT_PIPELINE_CONFIG,
    model: { family: run.family, params: { ...run.params } },
    validation: { testShare: run.testShare > 0 && run.testShare < 1 ? run.testShare : FALLBACK_TEST_SHARE, seed: run.seed, ...(folds !== undefined ? { folds } : {}) },
    registry: { modelName },
    promotion,
    createdAt: options.now.toISOString(),
  }
}

function checkName(value: string, what: string): string {
  try {
    return checkModelName(value)
  } catch {
    throw new StudioError('pipeline-from-run', `pipeline: ${what} ${JSON.stringify(value)} is not allowed; expected 1 to 120 characters of text`)
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
