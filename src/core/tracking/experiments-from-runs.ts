import { defaultExperimentName, newExperiment, type ExperimentRecord } from './experiment'
import type { StoredRun } from './run-schema'

/**
 * The experiments that runs of an older schema imply: one per experiment id
 * the runs carry (their dataset's default), named after the dataset and dated
 * from its earliest run. The storage upgrade to version 3 writes these so that
 * no run points at an experiment that does not exist.
 */
export function experimentsForRuns(runs: readonly Pick<StoredRun, 'experimentId' | 'startedAt' | 'dataset'>[]): ExperimentRecord[] {
  const byId = new Map<string, ExperimentRecord>()
  for (const run of [...runs].sort((a, b) => String(a.startedAt).localeCompare(String(b.startedAt)))) {
    if (byId.has(run.experimentId)) continue
    // Defensive about damaged records: a throw here would abort the storage upgrade and lock the studio out of its data.
    const started = Date.parse(run.startedAt)
    const fingerprint = run.dataset?.fingerprint ?? ''
    const name = defaultExperimentName(run.dataset?.name ?? '', fingerprint)
    byId.set(run.experimentId, newExperiment(fingerprint, name, new Date(Number.isNaN(started) ? 0 : started), { id: run.experimentId }))
  }
  return [...byId.values()]
}
