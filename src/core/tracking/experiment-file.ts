import { BUNDLE_FORMAT } from '../bundle/bundle'
import { FieldChecker, quote, toIso, trackingError } from './checks'
import { parseExperiment, type ExperimentRecord } from './experiment'
import { parseJsonText } from './json-text'
import type { RegisteredModel } from './registry'
import { parseRegisteredModel } from './registry-schema'
import { parseRunRecord } from './run-check'
import type { StoredRun } from './run-schema'

/**
 * The experiment file: one experiment, its runs with their model bundles (the
 * run record carries its bundle, so the artifacts travel inside the runs) and
 * the registered models that point at those runs. One JSON document with
 * `format` and `version`, validated on load like the model bundle; older run
 * schemas are migrated, anything newer than this studio reads is refused.
 */

export const EXPERIMENT_FILE_FORMAT = 'clinical-ml-studio/experiment'
export const EXPERIMENT_FILE_VERSION = 1

const DOMAIN = 'experiment file'

export interface ExperimentFile {
  format: typeof EXPERIMENT_FILE_FORMAT
  version: typeof EXPERIMENT_FILE_VERSION
  exportedAt: string
  experiment: ExperimentRecord
  runs: StoredRun[]
  registry?: RegisteredModel[]
}

/**
 * The file for `experiment`: its runs (oldest first) except those still
 * running, which have no result to carry and would never finish elsewhere,
 * and every registered model with a version pointing at one of them. Such a
 * model is exported whole, history included; a version of it whose run is in
 * another experiment keeps its run id, which the importing studio may lack.
 */
export function buildExperimentFile(input: {
  experiment: ExperimentRecord
  runs: readonly StoredRun[]
  registry: readonly RegisteredModel[]
  now: Date | string
}): ExperimentFile {
  const runs = input.runs
    .filter((r) => r.experimentId === input.experiment.id && r.status !== 'running')
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
  const ids = new Set(runs.map((r) => r.id))
  const registry = input.registry.filter((m) => m.versions.some((v) => ids.has(v.runId)))
  return {
    format: EXPERIMENT_FILE_FORMAT,
    version: EXPERIMENT_FILE_VERSION,
    exportedAt: toIso(input.now, DOMAIN),
    experiment: input.experiment,
    runs,
    ...(registry.length > 0 ? { registry } : {}),
  }
}

/**
 * Parses and validates the text of an experiment file. Every error is a
 * StudioError starting "experiment file:" that says what is wrong and where:
 * a model bundle or another file given by mistake, a newer file version, JSON
 * that is invalid or cut short, run ids repeated in the file, runs (or
 * registered models) of a newer schema, and any field of the wrong kind.
 * Runs come back migrated to the current schema and filed under the file's
 * experiment.
 */
export function parseExperimentFile(text: string): ExperimentFile {
  const json = parseJsonText(text, DOMAIN)
  const check = new FieldChecker(DOMAIN, 'experiment-file-invalid')
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw trackingError('experiment-file-format', DOMAIN, `the file holds ${Array.isArray(json) ? 'a list' : quote(json)}; expected an object with format "${EXPERIMENT_FILE_FORMAT}"`)
  }
  const doc = json as Record<string, unknown>
  checkFormat(doc.format)
  const version = check.integer(doc.version, 'version', 1)
  if (version > EXPERIMENT_FILE_VERSION) {
    throw trackingError('experiment-file-version', DOMAIN, `version ${version} is newer than this studio reads (version ${EXPERIMENT_FILE_VERSION}); update the studio to import it`)
  }
  const exportedAt = check.date(doc.exportedAt, 'exportedAt')
  const experiment = parseExperiment(doc.experiment, 'experiment', check)
  const rawRuns = check.array(doc.runs, 'runs')
  checkUnique(rawRuns.map((r) => (typeof r === 'object' && r !== null ? (r as { id?: unknown }).id : undefined)), 'run id', 'run')
  // The file says these are this experiment's runs; that wins over what an older schema would derive.
  const runs = rawRuns.map((r, i) => ({ ...parseRunRecord(r, `runs[${i}]`, check), experimentId: experiment.id }))
  let registry: RegisteredModel[] | undefined
  if (doc.registry !== undefined) {
    registry = check.array(doc.registry, 'registry').map((m, i) => parseRegisteredModel(m, `registry[${i}]`, check))
    checkUnique(registry.map((m) => m.name), 'registered model name', 'model')
  }
  return { format: EXPERIMENT_FILE_FORMAT, version: EXPERIMENT_FILE_VERSION, exportedAt, experiment, runs, ...(registry ? { registry } : {}) }
}

/** Refuses anything but an experiment file, recognising the studio's other files by name. */
function checkFormat(format: unknown): void {
  if (format === EXPERIMENT_FILE_FORMAT) return
  if (format === BUNDLE_FORMAT) {
    throw trackingError('experiment-file-format', DOMAIN, 'this is a model bundle, not an experiment; load it as a model (Predict page), or choose a file exported from the Experiments page')
  }
  if (typeof format === 'string' && format.startsWith('clinical-ml-studio/')) {
    throw trackingError('experiment-file-format', DOMAIN, `this is a Clinical ML Studio "${format}" file, not an experiment; expected format "${EXPERIMENT_FILE_FORMAT}"`)
  }
  throw trackingError('experiment-file-format', DOMAIN, `format is ${quote(format)}; expected "${EXPERIMENT_FILE_FORMAT}" (an experiment exported from Clinical ML Studio)`)
}

/** Refuses values that appear more than once, naming each with its count. */
function checkUnique(values: unknown[], what: string, noun: string): void {
  const counts = new Map<string, number>()
  for (const v of values) if (typeof v === 'string') counts.set(v, (counts.get(v) ?? 0) + 1)
  const repeated = [...counts].filter(([, n]) => n > 1)
  if (repeated.length === 0) return
  const list = repeated.map(([v, n]) => `"${v}" (${n} times)`).join(', ')
  throw trackingError('experiment-file-duplicate', DOMAIN, `${what}${repeated.length > 1 ? 's' : ''} ${list} repeated in the file; each ${noun} may appear once`)
}
