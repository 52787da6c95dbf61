import { quote, trackingError } from './checks'
import type { ExperimentFile } from './experiment-file'
import type { ExperimentRecord } from './experiment'
import type { RegisteredModel } from './registry'
import type { StoredRun } from './run-schema'

/**
 * Deciding what an import writes, apart from the writing: given a parsed file
 * and what the store already holds, the records to put and a report. Storage
 * runs this inside its one transaction, so the decision and the writes see the
 * same store.
 */

/** What to do with a run id (or registered model name) that is already in the store. */
export type ConflictPolicy = 'skip' | 'replace' | 'fail'
export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['skip', 'replace', 'fail']

/** What an import did, for the page to tell the user. */
export interface ImportReport {
  experimentId: string
  /** True when the experiment was new to this studio. */
  experimentCreated: boolean
  runs: { added: string[]; replaced: string[]; skipped: string[] }
  models: { added: string[]; replaced: string[]; skipped: string[] }
}

export interface ImportPlan {
  /** The experiment record to write, or null to keep the one already stored. */
  experiment: ExperimentRecord | null
  runs: StoredRun[]
  models: RegisteredModel[]
  report: ImportReport
}

/**
 * Plans the import of `file` into a store holding `existing`. Conflicts are run
 * ids and registered model names already present: 'skip' keeps what is there,
 * 'replace' overwrites it with the file's record, 'fail' throws a StudioError
 * ('import-conflict') listing every conflicting id and name, and nothing is
 * written. An experiment already present is not a conflict (a dataset's
 * default experiment exists in every studio that used the data): its runs are
 * added to it, and only 'replace' overwrites its name and description.
 */
export function planImport(
  file: ExperimentFile,
  existing: { experiment: ExperimentRecord | undefined; runIds: ReadonlySet<string>; modelNames: ReadonlySet<string> },
  onConflict: ConflictPolicy,
): ImportPlan {
  if (!CONFLICT_POLICIES.includes(onConflict)) {
    throw trackingError('import-invalid', 'import', `onConflict ${quote(onConflict)} is not one of ${CONFLICT_POLICIES.join(', ')}`)
  }
  const runConflicts = file.runs.filter((r) => existing.runIds.has(r.id)).map((r) => r.id)
  const models = file.registry ?? []
  const modelConflicts = models.filter((m) => existing.modelNames.has(m.name)).map((m) => m.name)
  if (onConflict === 'fail' && runConflicts.length + modelConflicts.length > 0) {
    const parts: string[] = []
    if (runConflicts.length > 0) parts.push(`run${runConflicts.length > 1 ? 's' : ''} ${runConflicts.map((id) => `"${id}"`).join(', ')} already exist${runConflicts.length > 1 ? '' : 's'}`)
    if (modelConflicts.length > 0) parts.push(`registered model${modelConflicts.length > 1 ? 's' : ''} ${modelConflicts.map((n) => `"${n}"`).join(', ')} already exist${modelConflicts.length > 1 ? '' : 's'}`)
    throw trackingError('import-conflict', 'import', `${parts.join('; ')}; nothing was imported. Import again with "skip" to keep what is here or "replace" to overwrite it`)
  }
  const replace = onConflict === 'replace'
  const split = <T>(items: T[], key: (item: T) => string, present: ReadonlySet<string>) => {
    const write = items.filter((item) => !present.has(key(item)) || replace)
    return {
      write,
      added: items.filter((item) => !present.has(key(item))).map(key),
      replaced: replace ? items.filter((item) => present.has(key(item))).map(key) : [],
      skipped: replace ? [] : items.filter((item) => present.has(key(item))).map(key),
    }
  }
  const runs = split(file.runs, (r) => r.id, existing.runIds)
  const registry = split(models, (m) => m.name, existing.modelNames)
  return {
    experiment: existing.experiment && !replace ? null : file.experiment,
    runs: runs.write,
    models: registry.write,
    report: {
      experimentId: file.experiment.id,
      experimentCreated: existing.experiment === undefined,
      runs: { added: runs.added, replaced: runs.replaced, skipped: runs.skipped },
      models: { added: registry.added, replaced: registry.replaced, skipped: registry.skipped },
    },
  }
}
