import type { FieldChecker } from './checks'
import { trackingError } from './checks'
import { REGISTRY_SCHEMA_VERSION, STAGES, type ModelVersion, type RegisteredModel, type Stage, type StageTransition } from './registry'

/**
 * Reading a registered model from outside (an experiment file): structure
 * first, then the registry's invariants, so an edited or damaged file cannot
 * bring in a model with two Production versions or a history that disagrees
 * with the stages it claims.
 */

/** Validates `value` as a registered model; errors name the field under `field`. */
export function parseRegisteredModel(value: unknown, field: string, check: FieldChecker): RegisteredModel {
  const doc = check.object(value, field)
  const schemaVersion = doc.schemaVersion === undefined ? 1 : check.integer(doc.schemaVersion, `${field}.schemaVersion`, 1)
  if (schemaVersion > REGISTRY_SCHEMA_VERSION) {
    throw trackingError('registry-version', check.domain, `${field}.schemaVersion ${schemaVersion} is newer than this studio reads (${REGISTRY_SCHEMA_VERSION}); update the studio`)
  }
  const name = check.string(doc.name, `${field}.name`, { nonEmpty: true })
  const versions = check.array(doc.versions, `${field}.versions`).map((v, i): ModelVersion => {
    const at = `${field}.versions[${i}]`
    const entry = check.object(v, at)
    return {
      version: check.integer(entry.version, `${at}.version`, 1),
      runId: check.string(entry.runId, `${at}.runId`, { nonEmpty: true }),
      stage: check.oneOf(entry.stage, `${at}.stage`, STAGES),
      createdAt: check.date(entry.createdAt, `${at}.createdAt`),
      comment: entry.comment === undefined ? '' : check.string(entry.comment, `${at}.comment`),
    }
  })
  const history = check.array(doc.history ?? [], `${field}.history`).map((h, i): StageTransition => {
    const at = `${field}.history[${i}]`
    const entry = check.object(h, at)
    return {
      version: check.integer(entry.version, `${at}.version`, 1),
      from: check.oneOf(entry.from, `${at}.from`, STAGES),
      to: check.oneOf(entry.to, `${at}.to`, STAGES),
      at: check.date(entry.at, `${at}.at`),
      comment: entry.comment === undefined ? '' : check.string(entry.comment, `${at}.comment`),
    }
  })
  const model: RegisteredModel = {
    schemaVersion: REGISTRY_SCHEMA_VERSION,
    name,
    description: doc.description === undefined ? '' : check.string(doc.description, `${field}.description`),
    createdAt: check.date(doc.createdAt, `${field}.createdAt`),
    updatedAt: doc.updatedAt === undefined ? check.date(doc.createdAt, `${field}.createdAt`) : check.date(doc.updatedAt, `${field}.updatedAt`),
    versions,
    history,
  }
  checkInvariants(model, field, check.domain)
  return model
}

/** The registry's rules on a whole model: unique versions, one Production, a history that replays to the stages shown. */
function checkInvariants(model: RegisteredModel, field: string, domain: string): void {
  const fail = (problem: string): never => {
    throw trackingError('registry-invalid', domain, `${field} (model "${model.name}"): ${problem}`)
  }
  const stages = new Map<number, Stage>()
  for (const v of model.versions) {
    if (stages.has(v.version)) fail(`version ${v.version} appears twice`)
    stages.set(v.version, 'None')
  }
  const production = model.versions.filter((v) => v.stage === 'Production').map((v) => v.version)
  if (production.length > 1) fail(`versions ${production.join(' and ')} are all in Production; at most one may be`)
  model.history.forEach((entry, i) => {
    const before = stages.get(entry.version)
    if (before === undefined) fail(`history[${i}] moves version ${entry.version}, which does not exist`)
    if (before !== entry.from) fail(`history[${i}] moves version ${entry.version} from ${entry.from}, but it was in ${before} then`)
    stages.set(entry.version, entry.to)
  })
  for (const v of model.versions) {
    const replayed = stages.get(v.version)
    if (replayed !== v.stage) fail(`version ${v.version} is in ${v.stage}, but its history leaves it in ${replayed}`)
  }
}
