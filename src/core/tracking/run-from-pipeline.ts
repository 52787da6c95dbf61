import type { ModelBundle } from '../bundle/bundle'
import type { PipelineSpec } from '../workflow/types'
import { RUN_SCHEMA_VERSION, type RunRecord } from './run-schema'

/**
 * The run record behind a model a pipeline registers. In the studio a
 * registry version points at a run (whose bundle it is), so a challenger
 * trained by a pipeline gets a finished run as the Train page would have made
 * it: the pipeline's settings, the bundle's dataset, held-out metrics and
 * training facts, tagged "pipeline" and noted with the pipeline's name.
 */
export function runRecordFromPipeline(spec: PipelineSpec, bundle: ModelBundle, meta: { id: string; finishedAt: Date }): RunRecord {
  const durationMs = bundle.training.durationMs
  const finished = meta.finishedAt.getTime()
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: meta.id,
    status: 'finished',
    startedAt: new Date(finished - Math.max(0, durationMs)).toISOString(),
    finishedAt: meta.finishedAt.toISOString(),
    durationMs,
    dataset: { ...bundle.dataset },
    target: spec.target,
    task: spec.task,
    features: [...spec.features],
    family: spec.model.family,
    params: { ...spec.model.params },
    seed: bundle.training.seed,
    testShare: bundle.training.testShare,
    metrics: { ...bundle.metrics.heldOut },
    confusion: null,
    roc: null,
    featureImportance: [],
    iterations: bundle.training.iterations,
    error: null,
    bundle,
    recipe: spec.recipe,
    pipelineConfig: spec.pipeline,
    tags: ['pipeline'],
    note: `Trained by pipeline "${spec.name}" on ${bundle.dataset.name}.`,
    kind: 'holdout',
  }
}
