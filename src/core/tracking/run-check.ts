import { parseBundle } from '../bundle/bundle'
import { StudioError } from '../errors'
import type { FieldChecker } from './checks'
import { trackingError } from './checks'
import { migrateRun, RUN_SCHEMA_VERSION, RUN_STATUSES, type RunRecord, type StoredRun } from './run-schema'

/**
 * Reading a run record from outside (an experiment file). It checks what the
 * pages and the registry rely on (identity, status, dataset, task, metrics,
 * the model bundle, tags and note) and passes the rest through; then the run
 * is migrated, so a file written by an older studio imports as current runs.
 * A run of a newer schema is refused: its fields could mean something this
 * studio does not know.
 */
export function parseRunRecord(value: unknown, field: string, check: FieldChecker): StoredRun {
  const doc = check.object(value, field)
  const id = check.string(doc.id, `${field}.id`, { nonEmpty: true })
  const at = `${field} ("${id}")`
  const schemaVersion = check.integer(doc.schemaVersion, `${at}.schemaVersion`, 1)
  if (schemaVersion > RUN_SCHEMA_VERSION) {
    throw trackingError('run-version', check.domain, `run "${id}" has schema ${schemaVersion}, newer than this studio reads (${RUN_SCHEMA_VERSION}); update the studio to import it`)
  }
  check.oneOf(doc.status, `${at}.status`, RUN_STATUSES)
  check.date(doc.startedAt, `${at}.startedAt`)
  const dataset = check.object(doc.dataset, `${at}.dataset`)
  check.string(dataset.name, `${at}.dataset.name`)
  check.string(dataset.fingerprint, `${at}.dataset.fingerprint`)
  check.string(doc.target, `${at}.target`)
  check.oneOf(doc.task, `${at}.task`, ['binary', 'multiclass', 'regression'])
  check.array(doc.features, `${at}.features`)
  check.string(doc.family, `${at}.family`, { nonEmpty: true })
  check.object(doc.params, `${at}.params`)
  const metrics = check.object(doc.metrics, `${at}.metrics`)
  for (const [name, metric] of Object.entries(metrics)) {
    if (metric !== null && typeof metric !== 'number') check.fail(`${at}.metrics.${name}`, metric, 'a number or null')
  }
  if (doc.tags !== undefined) check.array(doc.tags, `${at}.tags`).forEach((t, i) => check.string(t, `${at}.tags[${i}]`))
  if (doc.note !== undefined) check.string(doc.note, `${at}.note`)
  if (doc.bundle !== null && doc.bundle !== undefined) {
    try {
      parseBundle(doc.bundle)
    } catch (error) {
      if (!(error instanceof StudioError)) throw error
      throw trackingError('run-invalid', check.domain, `${at}.bundle: ${error.message}`)
    }
  }
  return migrateRun({ ...(doc as unknown as RunRecord), bundle: (doc.bundle ?? null) as RunRecord['bundle'] })
}
