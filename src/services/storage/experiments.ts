/** The experiments store: the groups runs are filed under, one default per dataset. */
import { StudioError } from '../../core/errors'
import { checkDescription, checkExperimentName, defaultExperimentName, experimentIdFor, newExperiment, type ExperimentRecord } from '../../core/tracking/experiment'
import { db, write } from './db'

export type { ExperimentRecord } from '../../core/tracking/experiment'

/** All experiments, newest first. */
export async function listExperiments(): Promise<ExperimentRecord[]> {
  const experiments = await (await db()).getAll('experiments')
  return experiments.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

/** One experiment, or undefined. */
export async function getExperiment(id: string): Promise<ExperimentRecord | undefined> {
  return (await db()).get('experiments', id)
}

/** The default experiment of the dataset with `fingerprint`, created (named `datasetName`) if it does not exist yet. */
export function getOrCreateExperimentForDataset(fingerprint: string, datasetName: string): Promise<ExperimentRecord> {
  return write(['experiments'], 'the experiment was not created', async (tx) => {
    const store = tx.objectStore('experiments')
    const existing = await store.get(experimentIdFor(fingerprint))
    if (existing) return existing
    const created = newExperiment(fingerprint, defaultExperimentName(datasetName, fingerprint), new Date())
    await store.put(created)
    return created
  })
}

/** A new experiment the user names, for runs on the dataset with `datasetFingerprint`. */
export async function createExperiment(name: string, datasetFingerprint: string, description = ''): Promise<ExperimentRecord> {
  const id = `exp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const created = newExperiment(datasetFingerprint, name, new Date(), { id, description })
  return write(['experiments'], 'the experiment was not created', async (tx) => {
    await tx.objectStore('experiments').put(created)
    return created
  })
}

/** Renames an experiment; the error names a bad name or an unknown id. */
export async function renameExperiment(id: string, name: string): Promise<ExperimentRecord> {
  return updateExperiment(id, { name: checkExperimentName(name) })
}

/** Sets an experiment's description. */
export async function describeExperiment(id: string, description: string): Promise<ExperimentRecord> {
  return updateExperiment(id, { description: checkDescription(description) })
}

function updateExperiment(id: string, patch: Partial<Pick<ExperimentRecord, 'name' | 'description'>>): Promise<ExperimentRecord> {
  return write(['experiments'], 'the change was not saved', async (tx) => {
    const store = tx.objectStore('experiments')
    const existing = await store.get(id)
    if (!existing) throw new StudioError('experiment-unknown', `storage: no experiment with id "${id}"`)
    const updated = { ...existing, ...patch }
    await store.put(updated)
    return updated
  })
}
