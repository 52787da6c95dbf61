import { quote, toIso, trackingError } from './checks'

/**
 * The model registry's rules, as pure functions over plain records: named
 * models with numbered versions (1, 2, …), each version pointing at the run
 * whose bundle it is, moving between stages with every move kept in the
 * history. Nothing here touches storage: the storage module reads a model,
 * applies one of these functions and writes the result, so a refused change
 * never reaches the store.
 *
 * Stages follow MLflow's model registry. One rule is stricter than MLflow's
 * default: a model has at most ONE version in Production. Promoting another
 * either archives the current one (`archiveExisting: true`, MLflow's
 * archive_existing_versions) or is refused. Staging may hold several versions.
 */

export type Stage = 'None' | 'Staging' | 'Production' | 'Archived'
export const STAGES: readonly Stage[] = ['None', 'Staging', 'Production', 'Archived']

export const REGISTRY_SCHEMA_VERSION = 1
export const MAX_MODEL_NAME = 120

/** One version of a registered model: the bundle of one run. */
export interface ModelVersion {
  /** 1, 2, … in order of registration; never reused. */
  version: number
  runId: string
  stage: Stage
  createdAt: string
  comment: string
}

/** One stage change, as the history keeps it. */
export interface StageTransition {
  version: number
  from: Stage
  to: Stage
  /** ISO date-time. */
  at: string
  comment: string
}

/** A registered model with its versions and full transition history (oldest first). */
export interface RegisteredModel {
  schemaVersion: number
  name: string
  description: string
  createdAt: string
  updatedAt: string
  versions: ModelVersion[]
  history: StageTransition[]
}

/** What `transition` returns: the new model and the entries it appended to the history. */
export interface TransitionResult {
  model: RegisteredModel
  /** The requested change. */
  entry: StageTransition
  /** The automatic archiving of the previous Production version, when there was one. */
  archived: StageTransition | null
}

/** Checks and tidies a model name (trimmed, 1–120 characters). */
export function checkModelName(name: unknown): string {
  const text = typeof name === 'string' ? name.trim() : ''
  if (text === '' || text.length > MAX_MODEL_NAME) {
    throw trackingError('registry-invalid', 'registry', `model name ${quote(name)} is not allowed; expected 1 to ${MAX_MODEL_NAME} characters of text`)
  }
  return text
}

/** Checks that `stage` is one of the four stages. */
export function checkStage(stage: unknown): Stage {
  if (typeof stage !== 'string' || !STAGES.includes(stage as Stage)) {
    throw trackingError('registry-invalid', 'registry', `stage ${quote(stage)} is not one of ${STAGES.join(', ')}`)
  }
  return stage as Stage
}

/** A new registered model with no versions yet. */
export function createRegisteredModel(name: string, now: Date | string, description = ''): RegisteredModel {
  const at = toIso(now, 'registry')
  return { schemaVersion: REGISTRY_SCHEMA_VERSION, name: checkModelName(name), description, createdAt: at, updatedAt: at, versions: [], history: [] }
}

/**
 * Adds the next version (highest + 1) of `model` pointing at `runId`, in stage
 * None. A run already registered in this model is refused: two versions with
 * the same bundle would make "which version is in Production" ambiguous.
 */
export function addModelVersion(model: RegisteredModel, runId: string, comment: string, now: Date | string): { model: RegisteredModel; version: ModelVersion } {
  if (typeof runId !== 'string' || runId === '') throw trackingError('registry-invalid', 'registry', `run id ${quote(runId)} is not a run id`)
  const existing = model.versions.find((v) => v.runId === runId)
  if (existing) throw trackingError('registry-duplicate', 'registry', `run "${runId}" is already version ${existing.version} of "${model.name}"`)
  const at = toIso(now, 'registry')
  const number = model.versions.reduce((max, v) => Math.max(max, v.version), 0) + 1
  const version: ModelVersion = { version: number, runId, stage: 'None', createdAt: at, comment }
  return { model: { ...model, updatedAt: at, versions: [...model.versions, version] }, version }
}

/** The version of `model` numbered `version`; the error lists the versions there are. */
export function findVersion(model: RegisteredModel, version: number): ModelVersion {
  const found = model.versions.find((v) => v.version === version)
  if (!found) {
    const known = model.versions.length === 0 ? 'it has no versions yet' : `its versions are ${model.versions.map((v) => v.version).join(', ')}`
    throw trackingError('registry-unknown-version', 'registry', `model "${model.name}" has no version ${quote(version)}; ${known}`)
  }
  return found
}

/** The version of `model` in Production now, or null. */
export function productionVersion(model: RegisteredModel): ModelVersion | null {
  return model.versions.find((v) => v.stage === 'Production') ?? null
}

/**
 * Moves `version` of `model` to `toStage` at `now`, returning the new model and
 * the history entries added; `model` itself is never changed.
 *
 * Refused (StudioError, nothing changed): an unknown version or stage, a move
 * to the stage the version is already in, and a promotion to Production while
 * another version is there, unless `archiveExisting` is true: then that version
 * is archived first, at the same instant, and both moves enter the history
 * (the archiving first).
 */
export function transition(
  model: RegisteredModel,
  version: number,
  toStage: Stage,
  comment: string,
  now: Date | string,
  options: { archiveExisting?: boolean } = {},
): TransitionResult {
  const target = findVersion(model, version)
  const to = checkStage(toStage)
  const at = toIso(now, 'registry')
  if (target.stage === to) throw trackingError('registry-same-stage', 'registry', `version ${version} of "${model.name}" is already in ${to}`)
  const current = to === 'Production' ? productionVersion(model) : null
  if (current && !options.archiveExisting) {
    throw trackingError(
      'registry-production-taken',
      'registry',
      `version ${current.version} of "${model.name}" is in Production; archive it first, or promote version ${version} with archiveExisting to archive it automatically`,
    )
  }
  const archived: StageTransition | null = current ? { version: current.version, from: 'Production', to: 'Archived', at, comment: `archived automatically: version ${version} promoted to Production` } : null
  const entry: StageTransition = { version, from: target.stage, to, at, comment }
  const versions = model.versions.map((v) => {
    if (v.version === version) return { ...v, stage: to }
    if (current && v.version === current.version) return { ...v, stage: 'Archived' as const }
    return v
  })
  const history = archived ? [...model.history, archived, entry] : [...model.history, entry]
  return { model: { ...model, updatedAt: at, versions, history }, entry, archived }
}

/** Every version, across `models`, that points at `runId` (a run that may not be deleted silently). */
export function versionsOfRun(models: readonly RegisteredModel[], runId: string): { model: string; version: number; stage: Stage }[] {
  return models.flatMap((m) => m.versions.filter((v) => v.runId === runId).map((v) => ({ model: m.name, version: v.version, stage: v.stage })))
}
