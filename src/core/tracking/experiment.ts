import { quote, toIso, trackingError, type FieldChecker } from './checks'

/**
 * Experiments group runs. By default there is one per dataset, keyed by the
 * dataset's content fingerprint, so every run on the same data lands in the
 * same place without the user doing anything; the user may also create named
 * experiments of their own for the same data.
 */

export const EXPERIMENT_SCHEMA_VERSION = 1

/** An experiment as kept in storage and written to an experiment file. */
export interface ExperimentRecord {
  schemaVersion: number
  id: string
  name: string
  description: string
  /** Content fingerprint of the dataset its runs were trained on. */
  datasetFingerprint: string
  createdAt: string
}

/** Longest experiment name accepted: names are labels in lists, not documents. */
export const MAX_EXPERIMENT_NAME = 120

/**
 * The id of a dataset's default experiment. Derived, not random, so the
 * upgrade that files old runs, every later run on the same data and an
 * imported file all agree on it without looking anything up.
 */
export function experimentIdFor(datasetFingerprint: string): string {
  return `exp-${datasetFingerprint || 'unknown'}`
}

/** Checks and tidies an experiment name (trimmed, 1–120 characters). */
export function checkExperimentName(name: unknown): string {
  const text = typeof name === 'string' ? name.trim() : ''
  if (text === '' || text.length > MAX_EXPERIMENT_NAME) {
    throw trackingError('experiment-invalid', 'experiment', `name ${quote(name)} is not allowed; expected 1 to ${MAX_EXPERIMENT_NAME} characters of text`)
  }
  return text
}

/** The name a dataset's default experiment gets: the dataset's name, or its fingerprint when it has none. */
export function defaultExperimentName(datasetName: string, datasetFingerprint: string): string {
  const name = datasetName.trim().slice(0, MAX_EXPERIMENT_NAME)
  return name === '' ? `dataset ${datasetFingerprint || 'without a name'}` : name
}

/** Checks a description: any text, including none. */
export function checkDescription(description: unknown): string {
  if (typeof description !== 'string') throw trackingError('experiment-invalid', 'experiment', `description ${quote(description)} is not text`)
  return description
}

/**
 * A new experiment record. Without `id` it is the dataset's default experiment
 * (id from the fingerprint); the caller passes an id for a user-named one.
 */
export function newExperiment(
  datasetFingerprint: string,
  name: string,
  now: Date | string,
  options: { id?: string; description?: string } = {},
): ExperimentRecord {
  return {
    schemaVersion: EXPERIMENT_SCHEMA_VERSION,
    id: options.id ?? experimentIdFor(datasetFingerprint),
    name: checkExperimentName(name),
    description: checkDescription(options.description ?? ''),
    datasetFingerprint,
    createdAt: toIso(now, 'experiment'),
  }
}

/**
 * Validates an experiment read from outside (field paths under `field`) and
 * brings it to the current schema; a newer schema is refused, not misread.
 */
export function parseExperiment(value: unknown, field: string, check: FieldChecker): ExperimentRecord {
  const doc = check.object(value, field)
  const schemaVersion = doc.schemaVersion === undefined ? 1 : check.integer(doc.schemaVersion, `${field}.schemaVersion`, 1)
  if (schemaVersion > EXPERIMENT_SCHEMA_VERSION) {
    throw trackingError('experiment-version', check.domain, `${field}.schemaVersion ${schemaVersion} is newer than this studio reads (${EXPERIMENT_SCHEMA_VERSION}); update the studio`)
  }
  return {
    schemaVersion: EXPERIMENT_SCHEMA_VERSION,
    id: check.string(doc.id, `${field}.id`, { nonEmpty: true }),
    name: check.string(doc.name, `${field}.name`, { nonEmpty: true }),
    description: doc.description === undefined ? '' : check.string(doc.description, `${field}.description`),
    datasetFingerprint: check.string(doc.datasetFingerprint, `${field}.datasetFingerprint`),
    createdAt: check.date(doc.createdAt, `${field}.createdAt`),
  }
}
