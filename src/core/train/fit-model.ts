import type { FitProgress, FitReport, Model } from '../model/estimator'
import { familyInfo } from '../model/registry'
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from '../pipeline/config'
import { FeaturePipeline } from '../pipeline/pipeline'
import type { Table, Task } from '../types'

/** What is needed to fit one model on some rows. */
export interface ModelSpec {
  task: Task
  features: string[]
  family: string
  params: Record<string, unknown>
  pipeline?: PipelineConfig
  /** The run's seed; families with a `seed` parameter (forest, boosting, neural net) get it, so one seed reproduces the whole run. */
  seed?: number
}

export interface FittedModel {
  pipeline: FeaturePipeline
  model: Model
  report: FitReport
  /** Training rows the model learned from (outlier dropping may remove some). */
  keptRows: number
  timings: { pipelineFitMs: number; modelFitMs: number }
}

/**
 * Fits the feature pipeline and the model on `table` (training rows only) with
 * targets `y` (class indices or values, aligned with the table's rows). The one
 * fitting path of the studio: holdout runs, every cross-validation fold and
 * every search trial go through it, so a fold's validation rows can never
 * reach its pipeline.
 */
export async function fitModel(
  table: Table,
  y: Float64Array,
  spec: ModelSpec,
  options: { classCount?: number; signal?: AbortSignal; onProgress?: (p: FitProgress) => void } = {},
): Promise<FittedModel> {
  const info = familyInfo(spec.family)
  const seeded = 'seed' in info.defaults && spec.seed !== undefined ? { ...spec.params, seed: spec.seed >>> 0 } : spec.params
  const model = info.create(seeded)
  let started = Date.now()
  const pipeline = FeaturePipeline.create(table, spec.features, spec.pipeline ?? DEFAULT_PIPELINE_CONFIG, spec.task)
  const { X, rows: kept } = pipeline.fitTransform(table, y)
  const pipelineFitMs = Date.now() - started
  // Outlier dropping may remove training rows; targets follow the rows the pipeline kept.
  const yKept = kept.length === y.length ? y : Float64Array.from(kept, (i) => y[i])
  started = Date.now()
  const fitOptions = { task: spec.task, signal: options.signal, onProgress: options.onProgress, classCount: options.classCount }
  const report = await (model.fitAsync ? model.fitAsync(X, yKept, fitOptions) : model.fit(X, yKept, fitOptions))
  return { pipeline, model, report, keptRows: kept.length, timings: { pipelineFitMs, modelFitMs: Date.now() - started } }
}
