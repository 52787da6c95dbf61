import { StudioError } from '../errors'
import type { PipelineJSON } from '../pipeline/pipeline'
import { stepFromJSON } from '../pipeline/pipeline'
import type { StepJSON } from '../pipeline/steps'
import type { ModelBundleV1, ModelBundleV2 } from './bundle'
import { missingHandled } from './missing-allowed'

/**
 * Version 1 → version 2. What version 1 lacks is filled with honest empties,
 * never with guesses: no cleaning steps (v1 bundles were trained on the table
 * as given to the trainer, and never replayed a recipe), no reference
 * statistics (null), no golden cases, no threshold (the most probable label,
 * as v1 predicted), held-out metrics only. The input schema gains
 * `missingAllowed`, which the fitted pipeline and model decide; v1 never
 * recorded training ranges, so there is no min/max. Pipeline steps in the
 * first studio version's forms (impute with `fills`, `standardize`, one-hot
 * with `categories` by column) are rewritten in today's forms through the
 * pipeline's own readers, which is how v1 predicted with them: the migrated
 * bundle predicts exactly as the v1 bundle did.
 */
export function migrateBundle(v1: ModelBundleV1): ModelBundleV2 {
  const pipeline = normalizePipeline(v1.pipeline)
  const labels = v1.target.labels
  return {
    format: v1.format,
    version: 2,
    createdAt: v1.createdAt ?? '',
    task: v1.task,
    target: { name: v1.target.name, labels, positiveLabel: v1.target.positiveLabel ?? (v1.task === 'binary' ? labels[1] ?? null : null) },
    inputSchema: v1.inputSchema.map((column) => ({ ...column, missingAllowed: missingHandled(pipeline, v1.model.family, column.name) })),
    cleaning: { steps: [], notReplayed: [] },
    pipeline,
    model: v1.model,
    metrics: { heldOut: { ...v1.metrics } },
    reference: null,
    golden: [],
    dataset: v1.dataset,
    training: v1.training,
  }
}

/** True for a step in a first-version form (see migrateBundle). */
function isLegacyStep(step: StepJSON): boolean {
  return step.kind === 'standardize' || (step.kind === 'impute' && 'fills' in step) || (step.kind === 'one-hot' && 'categories' in step)
}

function normalizePipeline(pipeline: PipelineJSON): PipelineJSON {
  if (!pipeline.steps.some(isLegacyStep)) return pipeline
  const steps = pipeline.steps.map((step, i) => {
    if (!isLegacyStep(step)) return step
    try {
      return stepFromJSON(step).toJSON()
    } catch (error) {
      throw new StudioError('bundle-invalid', `bundle: pipeline.steps[${i}]: a first-version ${step.kind} step that cannot be read (${error instanceof Error ? error.message : String(error)})`)
    }
  })
  return { ...pipeline, steps }
}

/**
 * A stored bundle as the current version, for records kept before version 2
 * (IndexedDB runs, experiment files): version 1 is migrated, anything else is
 * returned as it is. Never throws: a damaged bundle is reported, naming what
 * is wrong, when something loads it (Predictor.fromBundle, parseBundle).
 */
export function upgradeStoredBundle<T>(bundle: T): T | ModelBundleV2 {
  const doc = bundle as { version?: unknown; pipeline?: { steps?: unknown }; inputSchema?: unknown; target?: unknown; model?: unknown }
  if (typeof doc !== 'object' || doc === null || doc.version !== 1) return bundle
  try {
    return migrateBundle(bundle as unknown as ModelBundleV1)
  } catch {
    return bundle
  }
}
