import type { ModelBundle } from '../bundle/bundle'
import type { PipelineSpec } from '../workflow/types'
import { RUN_SCHEMA_VERSION, type RunRecord } from './run-schema'

/** What a caller knows beyond the bundle: the run's identity and how it came about. */
export interface RunOrigin {
  id: string
  finishedAt: Date
  target: string
  features: string[]
  params: Record<string, unknown>
  recipe: RunRecord['recipe']
  pipelineConfig: RunRecord['pipelineConfig']
  tags: string[]
  note: string
}

/**
 * A finished run built from a model bundle: a registry version points at a
 * run (whose bundle it is), so models that arrive without the Train page —
 * trained by a pipeline, imported from a registry folder — get the run the
 * Train page would have made, with the bundle's dataset, held-out metrics and
 * training facts.
 */
export function runRecordFromBundle(bundle: ModelBundle, origin: RunOrigin): RunRecord {
  const durationMs = bundle.training.durationMs
  const finished = origin.finishedAt.getTime()
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: origin.id,
    status: 'finished',
    startedAt: new Date(finished - Math.max(0, durationMs)).toISOString(),
    finishedAt: origin.finishedAt.toISOString(),
    durationMs,
    dataset: { ...bundle.dataset },
    target: origin.target,
    task: bundle.task,
    features: [...origin.features],
    family: bundle.model.family,
    params: { ...origin.params },
    seed: bundle.training.seed,
    testShare: bundle.training.testShare,
    metrics: { ...bundle.metrics.heldOut },
    confusion: null,
    roc: null,
    featureImportance: [],
    iterations: bundle.training.iterations,
    error: null,
    bundle,
    recipe: origin.recipe,
    pipelineConfig: origin.pipelineConfig,
    tags: [...origin.tags],
    note: origin.note,
    kind: 'holdout',
  }
}

/** The run behind a challenger a pipeline registers: the pipeline's settings, tagged "pipeline". */
export function runRecordFromPipeline(spec: PipelineSpec, bundle: ModelBundle, meta: { id: string; finishedAt: Date }): RunRecord {
  return runRecordFromBundle(bundle, {
    ...meta,
    target: spec.target,
    features: spec.features,
    params: spec.model.params,
    recipe: spec.recipe,
    pipelineConfig: spec.pipeline,
    tags: ['pipeline'],
    note: `Trained by pipeline "${spec.name}" on ${bundle.dataset.name}.`,
  })
}
