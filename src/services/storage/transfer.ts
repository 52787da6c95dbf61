/** Experiment files: exporting an experiment with its runs and models, and importing one, all or nothing. */
import { StudioError } from '../../core/errors'
import { buildExperimentFile, parseExperimentFile } from '../../core/tracking/experiment-file'
import { planImport, type ConflictPolicy, type ImportReport } from '../../core/tracking/import-plan'
import { migrateRun, type RunRecord } from '../../core/tracking/run-schema'
import { storeApart } from './artifacts'
import { db, write } from './db'
import { putRunsWithRows } from './run-rows'

export type { ConflictPolicy, ImportReport } from '../../core/tracking/import-plan'

/**
 * The experiment file (JSON text) of experiment `experimentId`: the
 * experiment, its runs with their model bundles, and the registered models
 * pointing at them (see core/tracking/experiment-file).
 */
export async function exportExperiment(experimentId: string): Promise<string> {
  const tx = (await db()).transaction(['experiments', 'runs', 'registry', 'artifacts'], 'readonly')
  const experiment = await tx.objectStore('experiments').get(experimentId)
  const stored = await tx.objectStore('runs').index('experimentId').getAll(experimentId)
  const runs: RunRecord[] = []
  for (const run of stored) {
    const artifact = await tx.objectStore('artifacts').get(run.id)
    // The file carries each run whole, bundle inline, as the format always has; no summary needed.
    const { bundleSummary: _summary, ...rest } = { ...run, bundle: artifact?.bundle ?? run.bundle }
    void _summary
    runs.push(rest)
  }
  const registry = await tx.objectStore('registry').getAll()
  await tx.done
  if (!experiment) throw new StudioError('experiment-unknown', `storage: no experiment with id "${experimentId}" to export`)
  return JSON.stringify(buildExperimentFile({ experiment, runs: runs.map(migrateRun), registry, now: new Date() }))
}

/**
 * Imports an experiment file, all or nothing: the file is validated first
 * (errors from parseExperimentFile), then everything is written in ONE
 * transaction, so a conflict refused with 'fail' (the message lists the ids),
 * a full disk or any other failure leaves the store unchanged. `onConflict`
 * says what to do with run ids and model names already here: 'skip' keeps
 * them, 'replace' overwrites them, 'fail' (the default) refuses the import.
 */
export async function importExperiment(text: string, options: { onConflict?: ConflictPolicy } = {}): Promise<ImportReport> {
  const file = parseExperimentFile(text)
  return write(['experiments', 'runs', 'runRowBuckets', 'registry', 'artifacts'], 'nothing was imported', async (tx) => {
    const runs = tx.objectStore('runs')
    const registry = tx.objectStore('registry')
    const experiments = tx.objectStore('experiments')
    const plan = planImport(
      file,
      {
        experiment: await experiments.get(file.experiment.id),
        runIds: new Set(await runs.getAllKeys()),
        modelNames: new Set(await registry.getAllKeys()),
      },
      options.onConflict ?? 'fail',
    )
    if (plan.experiment) await experiments.put(plan.experiment)
    const kept: RunRecord[] = []
    for (const run of plan.runs) kept.push(await storeApart(tx.objectStore('artifacts'), run))
    await putRunsWithRows({ runs, buckets: tx.objectStore('runRowBuckets') }, kept)
    for (const model of plan.models) await registry.put(model)
    return plan.report
  })
}
