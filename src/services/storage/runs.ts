/**
 * The runs store: saving, listing, tagging, moving and deleting training runs.
 * A run's model bundle is kept apart, in the artifacts store (./artifacts).
 */
import { StudioError } from '../../core/errors'
import { defaultExperimentName, experimentIdFor, newExperiment, type ExperimentRecord } from '../../core/tracking/experiment'
import { versionsOfRun, type Stage } from '../../core/tracking/registry'
import { checkNote, normalizeTags } from '../../core/tracking/run-meta'
import { migrateRun, type RunRecord, type StoredRun } from '../../core/tracking/run-schema'
import { storeApart } from './artifacts'
import { db, write } from './db'
import type { RunRow } from '../../core/tracking/run-row'
import { putRunsWithRows, readRows, writeRows } from './run-rows'

export { migrateRun, RUN_SCHEMA_VERSION } from '../../core/tracking/run-schema'
export type { RunRecord, RunStatus, StoredRun } from '../../core/tracking/run-schema'

/** A run that a registered model version points at, deleted without `force`. */
export class RunIsRegisteredError extends StudioError {
  readonly runId: string
  readonly versions: { model: string; version: number; stage: Stage }[]
  constructor(runId: string, versions: { model: string; version: number; stage: Stage }[]) {
    const list = versions.map((v) => `version ${v.version} of "${v.model}" (${v.stage})`).join(', ')
    super('run-registered', `storage: run "${runId}" is registered as ${list}; deleting it leaves that version without its model. Delete it with force to go ahead, or delete the registered model first`)
    this.name = 'RunIsRegisteredError'
    this.runId = runId
    this.versions = versions
  }
}

/** Minimal view of the experiments store, so helpers work inside any transaction that includes it. */
interface ExperimentStore {
  get(id: string): Promise<ExperimentRecord | undefined>
  put(record: ExperimentRecord): Promise<unknown>
}

/**
 * Makes sure the experiment `run` belongs to exists: a dataset's default
 * experiment is created on first use; any other id must already exist.
 */
async function ensureExperiment(store: ExperimentStore, run: StoredRun): Promise<void> {
  if (await store.get(run.experimentId)) return
  if (run.experimentId !== experimentIdFor(run.dataset.fingerprint)) {
    throw new StudioError('experiment-unknown', `storage: run "${run.id}" names experiment "${run.experimentId}", which does not exist; create it first, or leave experimentId out to file the run under its dataset`)
  }
  const started = Date.parse(run.startedAt)
  const name = defaultExperimentName(run.dataset.name, run.dataset.fingerprint)
  await store.put(newExperiment(run.dataset.fingerprint, name, Number.isNaN(started) ? new Date() : new Date(started)))
}

/**
 * Saves a run (new or updated). Tracking fields the record leaves out are
 * kept from the stored run, or defaulted: the dataset's experiment (created if
 * needed), no tags, an empty note. So the training page can save a run twice
 * (running, then finished) without knowing about experiments or undoing tags.
 */
export function saveRun(run: RunRecord): Promise<void> {
  return write(['runs', 'runRowBuckets', 'experiments', 'artifacts'], 'this run was not saved', async (tx) => {
    const runs = tx.objectStore('runs')
    const before = await runs.get(run.id)
    const complete = migrateRun({ ...run, experimentId: run.experimentId ?? before?.experimentId, tags: run.tags ?? before?.tags, note: run.note ?? before?.note })
    await ensureExperiment(tx.objectStore('experiments'), complete)
    await putRunsWithRows({ runs, buckets: tx.objectStore('runRowBuckets') }, [await storeApart(tx.objectStore('artifacts'), complete, before)])
  })
}

/**
 * Every run's row (what the Runs table shows of it), newest first: 64 records
 * of columns read, not 50,000 runs; only buckets changed since the last call
 * are read again, and the same array comes back when none changed.
 */
export async function listRunRows(): Promise<RunRow[]> {
  const tx = (await db()).transaction('runRowBuckets', 'readonly')
  const rows = await readRows(tx.store)
  await tx.done
  return rows
}

/** Runs, newest first: all of them, or one experiment's. */
export async function listRuns(filter: { experimentId?: string } = {}): Promise<StoredRun[]> {
  const database = await db()
  const runs =
    filter.experimentId === undefined
      ? await database.getAllFromIndex('runs', 'startedAt')
      : (await database.getAllFromIndex('runs', 'experimentId', filter.experimentId)).sort((a, b) => a.startedAt.localeCompare(b.startedAt))
  return runs.reverse().map(migrateRun)
}

/**
 * The runs with these ids, in that order, as listed (bundle null: bundleOf
 * reads one when needed); ids with no run are left out. The page lists rows
 * (./run-rows) and reads whole runs only for the one opened or those compared.
 */
export async function readRuns(ids: readonly string[]): Promise<StoredRun[]> {
  const tx = (await db()).transaction('runs', 'readonly')
  const found = await Promise.all(ids.map((id) => tx.store.get(id)))
  await tx.done
  return found.filter((run): run is RunRecord => !!run).map(migrateRun)
}

/** One run, migrated to the current schema, or undefined. */
export async function getRun(id: string): Promise<StoredRun | undefined> {
  const tx = (await db()).transaction(['runs', 'artifacts'], 'readonly')
  const run = await tx.objectStore('runs').get(id)
  const artifact = await tx.objectStore('artifacts').get(id)
  await tx.done
  return run && migrateRun({ ...run, bundle: artifact?.bundle ?? run.bundle })
}

/**
 * Changes what the user wrote on a run (tags, note) or moves it to another
 * existing experiment; fields left out stay as they are. Returns the run saved.
 */
export function updateRunMeta(id: string, meta: { tags?: string[]; note?: string; experimentId?: string }): Promise<StoredRun> {
  return write(['runs', 'runRowBuckets', 'experiments'], 'the change was not saved', async (tx) => {
    const stored = await tx.objectStore('runs').get(id)
    if (!stored) throw new StudioError('run-unknown', `storage: no run with id "${id}"`)
    const run = migrateRun(stored)
    const updated: StoredRun = {
      ...run,
      tags: meta.tags === undefined ? run.tags : normalizeTags(meta.tags),
      note: meta.note === undefined ? run.note : checkNote(meta.note),
      experimentId: meta.experimentId ?? run.experimentId,
    }
    if (meta.experimentId !== undefined && !(await tx.objectStore('experiments').get(meta.experimentId))) {
      throw new StudioError('experiment-unknown', `storage: experiment "${meta.experimentId}" does not exist; run "${id}" was not moved`)
    }
    await putRunsWithRows({ runs: tx.objectStore('runs'), buckets: tx.objectStore('runRowBuckets') }, [updated])
    return updated
  })
}

/**
 * Deletes a run. A run that a registered model version points at is refused
 * with RunIsRegisteredError (naming the model and version) unless
 * `force: true`: the page asks the user first. A forced delete leaves those
 * versions in the registry, pointing at a run that is gone.
 */
export function deleteRun(id: string, options: { force?: boolean } = {}): Promise<void> {
  return write(['runs', 'runRowBuckets', 'registry', 'artifacts'], 'nothing was deleted', async (tx) => {
    const registered = versionsOfRun(await tx.objectStore('registry').getAll(), id)
    if (registered.length > 0 && !options.force) throw new RunIsRegisteredError(id, registered)
    await tx.objectStore('runs').delete(id)
    await writeRows(tx.objectStore('runRowBuckets'), [], [id])
    await tx.objectStore('artifacts').delete(id)
  })
}

const INTERRUPTED = 'The page was closed or reloaded while this run was training.'

/**
 * Marks every run still 'running' as failed: a page closed mid-training can
 * never finish them. Only for browsers without Web Locks, where a page cannot
 * tell a run another open tab is training from one whose tab is gone; otherwise
 * the page asks run by run (markRunInterrupted, src/services/run-locks.ts).
 */
export async function markInterruptedRuns(): Promise<number> {
  const database = await db()
  const runs = await database.getAll('runs')
  let count = 0
  for (const run of runs) {
    if (run.status !== 'running') continue
    await saveRun({ ...run, status: 'failed', error: INTERRUPTED, finishedAt: run.startedAt })
    count++
  }
  return count
}

/**
 * Marks one run failed if it is still 'running', in one transaction (so a
 * finish saved meanwhile by its own tab is never overwritten); true when it
 * was. Call it only once the run's tab is known to be gone.
 */
export function markRunInterrupted(id: string): Promise<boolean> {
  return write(['runs', 'runRowBuckets'], 'the interrupted run was not marked failed', async (tx) => {
    const runs = tx.objectStore('runs')
    const run = await runs.get(id)
    if (!run || run.status !== 'running') return false
    await putRunsWithRows({ runs, buckets: tx.objectStore('runRowBuckets') }, [{ ...run, status: 'failed', error: INTERRUPTED, finishedAt: run.startedAt }])
    return true
  })
}
