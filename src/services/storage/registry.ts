/** The model registry store: registered models, their versions and stages. */
import { StudioError } from '../../core/errors'
import {
  addModelVersion,
  checkModelName,
  createRegisteredModel,
  productionVersion as productionOf,
  transition,
  type ModelVersion,
  type RegisteredModel,
  type Stage,
  type TransitionResult,
} from '../../core/tracking/registry'
import { db, write } from './db'

export type { ModelVersion, RegisteredModel, Stage, StageTransition, TransitionResult } from '../../core/tracking/registry'

async function requireModel(get: (name: string) => Promise<RegisteredModel | undefined>, name: string): Promise<RegisteredModel> {
  const model = await get(name)
  if (!model) throw new StudioError('registry-unknown-model', `registry: no registered model named "${name}"`)
  return model
}

/**
 * Registers the model of finished run `runId` under `name`: creates the
 * registered model if it is new, else adds version n + 1. The new version is
 * in stage None. Refused: an unknown run, a run without a model (not
 * finished), a run already registered under this name.
 */
export async function registerModel(name: string, runId: string, comment = ''): Promise<{ model: RegisteredModel; version: ModelVersion }> {
  const modelName = checkModelName(name)
  return write(['runs', 'registry'], 'the model was not registered', async (tx) => {
    const run = await tx.objectStore('runs').get(runId)
    if (!run) throw new StudioError('registry-invalid', `registry: run "${runId}" does not exist`)
    if (run.status !== 'finished' || !(run.bundle || run.bundleSummary)) {
      throw new StudioError('registry-invalid', `registry: run "${runId}" is ${run.status}${run.status === 'finished' ? ' but has no model bundle' : ''}; only a finished run with a model can be registered`)
    }
    const registry = tx.objectStore('registry')
    const model = (await registry.get(modelName)) ?? createRegisteredModel(modelName, new Date())
    const result = addModelVersion(model, runId, comment, new Date())
    await registry.put(result.model)
    return result
  })
}

/**
 * Moves a version to another stage, with the rules of core/tracking/registry
 * (one Production version; `archiveExisting` archives the old one, otherwise
 * the promotion is refused and nothing changes). Returns the new model and
 * the history entries written.
 */
export function transitionVersion(
  name: string,
  version: number,
  toStage: Stage,
  comment = '',
  options: { archiveExisting?: boolean } = {},
): Promise<TransitionResult> {
  return write(['registry'], 'the stage change was not saved', async (tx) => {
    const registry = tx.objectStore('registry')
    const result = transition(await requireModel((n) => registry.get(n), name), version, toStage, comment, new Date(), options)
    await registry.put(result.model)
    return result
  })
}

/** All registered models, by name. */
export async function listRegisteredModels(): Promise<RegisteredModel[]> {
  const models = await (await db()).getAll('registry')
  return models.sort((a, b) => a.name.localeCompare(b.name))
}

/** One registered model with its versions and history, or undefined. */
export async function getRegisteredModel(name: string): Promise<RegisteredModel | undefined> {
  return (await db()).get('registry', name)
}

/** The version of model `name` in Production, or null; an unknown name is an error. */
export async function productionVersion(name: string): Promise<ModelVersion | null> {
  const database = await db()
  return productionOf(await requireModel((n) => database.get('registry', n), name))
}

/**
 * Deletes a registered model with its versions and history (the runs stay).
 * A model with a version in Production is refused unless `force: true`: it
 * may be what a server is predicting with.
 */
export function deleteRegisteredModel(name: string, options: { force?: boolean } = {}): Promise<void> {
  return write(['registry'], 'nothing was deleted', async (tx) => {
    const registry = tx.objectStore('registry')
    const model = await registry.get(name)
    if (!model) return
    const live = productionOf(model)
    if (live && !options.force) {
      throw new StudioError('registry-in-production', `registry: version ${live.version} of "${name}" is in Production; archive it first, or delete the model with force`)
    }
    await registry.delete(name)
  })
}

/**
 * Adds a whole registered model as it is (versions, stages, history), as an
 * import does; its versions' runs must already be stored. A model of that
 * name already there is refused and left as it is.
 */
export function addRegisteredModel(model: RegisteredModel): Promise<void> {
  return write(['runs', 'registry'], 'the model was not imported', async (tx) => {
    const registry = tx.objectStore('registry')
    if (await registry.get(model.name)) {
      throw new StudioError('registry-import-exists', `registry: a model named "${model.name}" is already registered, so nothing was imported; rename or delete that model first`)
    }
    for (const v of model.versions) {
      if (!(await tx.objectStore('runs').get(v.runId))) throw new StudioError('registry-invalid', `registry: run "${v.runId}" of version ${v.version} does not exist`)
    }
    await registry.put(model)
  })
}
