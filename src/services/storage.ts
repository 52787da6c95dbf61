/**
 * The studio's only storage module: runs, datasets, experiments and the model
 * registry, kept in IndexedDB through idb. Every record carries a schema
 * version; `upgrade` migrates older databases; a full disk becomes a
 * StorageFullError with a message a person can act on.
 *
 * The rules (run schema, experiments, registry stages, the experiment file,
 * import conflicts) live in src/core/tracking as pure functions; this module
 * only reads records, applies a rule and writes the result, each change in one
 * transaction so a refused or failed change leaves the store as it was.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb'
import type { CleaningRecipe } from '../core/clean/types'
import { StudioError } from '../core/errors'
import { checkDescription, checkExperimentName, defaultExperimentName, experimentIdFor, newExperiment, type ExperimentRecord } from '../core/tracking/experiment'
import { buildExperimentFile, parseExperimentFile } from '../core/tracking/experiment-file'
import { experimentsForRuns } from '../core/tracking/experiments-from-runs'
import { planImport, type ConflictPolicy, type ImportReport } from '../core/tracking/import-plan'
import {
  addModelVersion,
  checkModelName,
  createRegisteredModel,
  productionVersion as productionOf,
  transition,
  versionsOfRun,
  type ModelVersion,
  type RegisteredModel,
  type Stage,
  type TransitionResult,
} from '../core/tracking/registry'
import { checkNote, normalizeTags } from '../core/tracking/run-meta'
import { migrateRun, summarizeBundle, type RunRecord, type StoredRun } from '../core/tracking/run-schema'
import type { ModelBundle } from '../core/bundle/bundle'
import { upgradeStoredBundle } from '../core/bundle/migrate'

export { migrateRun, RUN_SCHEMA_VERSION } from '../core/tracking/run-schema'
export type { RunRecord, RunStatus, StoredRun } from '../core/tracking/run-schema'
export type { ExperimentRecord } from '../core/tracking/experiment'
export type { ModelVersion, RegisteredModel, Stage, StageTransition, TransitionResult } from '../core/tracking/registry'
export type { ConflictPolicy, ImportReport } from '../core/tracking/import-plan'

export const DB_NAME = 'clinical-ml-studio'
/**
 * Database versions (object stores and indexes):
 *   1: runs (key id, index startedAt)
 *   2: + datasets (key fingerprint)
 *   3: + experiments (key id, index datasetFingerprint), + registry (key name),
 *      + runs index experimentId; runs migrated to schema 3 and the default
 *      experiment of every dataset they were trained on created.
 *   4: + artifacts (key runId): model bundles moved out of run records, so listing
 *      thousands of runs does not read every model (a forest's bundle is megabytes).
 */
export const DB_VERSION = 4
export const DATASET_SCHEMA_VERSION = 1

/** What the studio remembers about a dataset, by content fingerprint: its cleaning recipe and target. */
export interface DatasetRecord {
  schemaVersion: number
  fingerprint: string
  name: string
  columns: string[]
  recipe: CleaningRecipe | null
  target: string | null
  updatedAt: string
}

interface StudioDB extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { startedAt: string; experimentId: string } }
  datasets: { key: string; value: DatasetRecord }
  experiments: { key: string; value: ExperimentRecord; indexes: { datasetFingerprint: string } }
  registry: { key: string; value: RegisteredModel }
  artifacts: { key: string; value: ArtifactRecord }
}

/** A run's model bundle, stored apart from the run record. */
interface ArtifactRecord {
  schemaVersion: 1
  runId: string
  bundle: ModelBundle
}

/** The browser refused a write because the site's storage is full. */
export class StorageFullError extends Error {
  readonly usageBytes: number | undefined
  readonly quotaBytes: number | undefined
  /** `lost` says what the refused write was, e.g. "this run was not saved". */
  constructor(usageBytes?: number, quotaBytes?: number, lost = 'this run was not saved') {
    const used = usageBytes === undefined ? '' : ` (${(usageBytes / 1e6).toFixed(1)} MB used of ${((quotaBytes ?? 0) / 1e6).toFixed(0)} MB)`
    super(`The browser's storage for this site is full${used}. Delete old runs or artifacts to free space; ${lost}.`)
    this.name = 'StorageFullError'
    this.usageBytes = usageBytes
    this.quotaBytes = quotaBytes
  }
}

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

let dbPromise: Promise<IDBPDatabase<StudioDB>> | null = null

function db(): Promise<IDBPDatabase<StudioDB>> {
  dbPromise ??= openDB<StudioDB>(DB_NAME, DB_VERSION, {
    async upgrade(database, oldVersion, _newVersion, transaction) {
      // Stores and indexes: one step per version; never edit a past step.
      if (oldVersion < 1) {
        const runs = database.createObjectStore('runs', { keyPath: 'id' })
        runs.createIndex('startedAt', 'startedAt')
      }
      if (oldVersion < 2) {
        database.createObjectStore('datasets', { keyPath: 'fingerprint' })
      }
      if (oldVersion < 3) {
        const experiments = database.createObjectStore('experiments', { keyPath: 'id' })
        experiments.createIndex('datasetFingerprint', 'datasetFingerprint')
        database.createObjectStore('registry', { keyPath: 'name' })
        transaction.objectStore('runs').createIndex('experimentId', 'experimentId')
      }
      // Records: migrateRun knows every run schema, so existing runs are brought
      // to the current one in a single pass whichever version the database came
      // from; then each dataset they used gets its default experiment, so no run
      // points at an experiment that does not exist.
      if (oldVersion >= 1 && oldVersion < 3) {
        const filed: Pick<StoredRun, 'experimentId' | 'startedAt' | 'dataset'>[] = []
        let cursor = await transaction.objectStore('runs').openCursor()
        while (cursor) {
          const run = migrateRun(cursor.value)
          await cursor.update(run)
          filed.push({ experimentId: run.experimentId, startedAt: run.startedAt, dataset: run.dataset })
          cursor = await cursor.continue()
        }
        for (const experiment of experimentsForRuns(filed)) await transaction.objectStore('experiments').put(experiment)
      }
      if (oldVersion < 4) database.createObjectStore('artifacts', { keyPath: 'runId' })
      if (oldVersion >= 1 && oldVersion < 4) {
        let cursor = await transaction.objectStore('runs').openCursor()
        while (cursor) {
          const run = cursor.value
          if (run.bundle) {
            await transaction.objectStore('artifacts').put({ schemaVersion: 1, runId: run.id, bundle: run.bundle })
            await cursor.update({ ...run, bundle: null, bundleSummary: summarizeBundle(run.bundle) })
          }
          cursor = await cursor.continue()
        }
      }
    },
    blocked() {
      console.warn('Clinical ML Studio: close other tabs of the studio to finish upgrading its storage')
    },
    blocking() {
      // A newer studio in another tab is upgrading the database: let it, and reopen on next use.
      void dbPromise?.then((d) => d.close())
      dbPromise = null
    },
  })
  return dbPromise
}

async function guardQuota<T>(work: () => Promise<T>, lost?: string): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'QuotaExceededError') {
      const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined)
      throw new StorageFullError(estimate?.usage, estimate?.quota, lost)
    }
    throw error
  }
}

type Stores = ArrayLike<StoreNames<StudioDB>>

/**
 * Runs `work` in one read-write transaction over `stores`, through the quota
 * guard. If `work` throws (a refused rule, a full disk), the transaction is
 * aborted, so nothing it wrote stays: callers get all-or-nothing for free.
 * Inside `work`, await only IndexedDB requests: any other await lets the
 * transaction commit early.
 */
async function write<S extends Stores, T>(stores: S, lost: string, work: (tx: IDBPTransaction<StudioDB, S, 'readwrite'>) => Promise<T>): Promise<T> {
  return guardQuota(async () => {
    const tx = (await db()).transaction(stores, 'readwrite')
    try {
      const result = await work(tx)
      await tx.done
      return result
    } catch (error) {
      tx.done.catch(() => undefined) // rejects on abort; `error` is the one that matters
      try {
        tx.abort()
      } catch {
        // already aborted by the failed request, or finished
      }
      throw error
    }
  }, lost)
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

// ─── Runs ────────────────────────────────────────────────────────────────────

/**
 * Saves a run (new or updated). Tracking fields the record leaves out are
 * kept from the stored run, or defaulted: the dataset's experiment (created if
 * needed), no tags, an empty note. So the training page can save a run twice
 * (running, then finished) without knowing about experiments or undoing tags.
 */
export function saveRun(run: RunRecord): Promise<void> {
  return write(['runs', 'experiments', 'artifacts'], 'this run was not saved', async (tx) => {
    const runs = tx.objectStore('runs')
    const before = await runs.get(run.id)
    const complete = migrateRun({ ...run, experimentId: run.experimentId ?? before?.experimentId, tags: run.tags ?? before?.tags, note: run.note ?? before?.note })
    await ensureExperiment(tx.objectStore('experiments'), complete)
    await runs.put(await storeApart(tx.objectStore('artifacts'), complete, before))
  })
}

/** Writes a run's bundle to the artifacts store and returns the record to keep in `runs` (bundle null, summary set). */
async function storeApart<R extends RunRecord>(artifacts: { put(record: ArtifactRecord): Promise<unknown> }, run: R, before?: RunRecord): Promise<R> {
  if (!run.bundle) return { ...run, bundleSummary: run.bundleSummary ?? before?.bundleSummary ?? null }
  await artifacts.put({ schemaVersion: 1, runId: run.id, bundle: run.bundle })
  return { ...run, bundle: null, bundleSummary: summarizeBundle(run.bundle) }
}

/** A run's model bundle, or null when it has none. */
export async function getRunBundle(runId: string): Promise<ModelBundle | null> {
  const bundle = (await (await db()).get('artifacts', runId))?.bundle ?? null
  // Runs kept before bundle version 2 hold version 1: read it as version 2.
  return bundle && (upgradeStoredBundle(bundle) as ModelBundle)
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
  return write(['runs', 'experiments'], 'the change was not saved', async (tx) => {
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
    await tx.objectStore('runs').put(updated)
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
  return write(['runs', 'registry', 'artifacts'], 'nothing was deleted', async (tx) => {
    const registered = versionsOfRun(await tx.objectStore('registry').getAll(), id)
    if (registered.length > 0 && !options.force) throw new RunIsRegisteredError(id, registered)
    await tx.objectStore('runs').delete(id)
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
  return write(['runs'], 'the interrupted run was not marked failed', async (tx) => {
    const runs = tx.objectStore('runs')
    const run = await runs.get(id)
    if (!run || run.status !== 'running') return false
    await runs.put({ ...run, status: 'failed', error: INTERRUPTED, finishedAt: run.startedAt })
    return true
  })
}

// ─── Datasets ────────────────────────────────────────────────────────────────

/** Remembers a dataset's cleaning recipe and target, by content fingerprint. */
export function saveDataset(record: DatasetRecord): Promise<void> {
  return guardQuota(async () => {
    await (await db()).put('datasets', record)
  }, 'the dataset settings were not saved')
}

/** What the studio remembers about the dataset with `fingerprint`, or undefined. */
export async function getDataset(fingerprint: string): Promise<DatasetRecord | undefined> {
  return (await db()).get('datasets', fingerprint)
}

// ─── Experiments ─────────────────────────────────────────────────────────────

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

// ─── Model registry ──────────────────────────────────────────────────────────

async function requireModel(get: (name: string) => Promise<RegisteredModel | undefined>, name: string): Promise<RegisteredModel> {
  const model = await get(name)
  if (!model) throw new StudioError('registry-unknown-model', `registry: no registered model named "${name}"`)
  return model
}

/**
 * Registers the model of finished run `runId` under `name`: creates the
 * registered model if it is new, else adds version n + 1. The new version is
 * in stage None. Refused: an unknown run, a run without a model (not
 * finished), a run already registered under this name.
 */
export async function registerModel(name: string, runId: string, comment = ''): Promise<{ model: RegisteredModel; version: ModelVersion }> {
  const modelName = checkModelName(name)
  return write(['runs', 'registry'], 'the model was not registered', async (tx) => {
    const run = await tx.objectStore('runs').get(runId)
    if (!run) throw new StudioError('registry-invalid', `registry: run "${runId}" does not exist`)
    if (run.status !== 'finished' || !(run.bundle || run.bundleSummary)) {
      throw new StudioError('registry-invalid', `registry: run "${runId}" is ${run.status}${run.status === 'finished' ? ' but has no model bundle' : ''}; only a finished run with a model can be registered`)
    }
    const registry = tx.objectStore('registry')
    const model = (await registry.get(modelName)) ?? createRegisteredModel(modelName, new Date())
    const result = addModelVersion(model, runId, comment, new Date())
    await registry.put(result.model)
    return result
  })
}

/**
 * Moves a version to another stage, with the rules of core/tracking/registry
 * (one Production version; `archiveExisting` archives the old one, otherwise
 * the promotion is refused and nothing changes). Returns the new model and
 * the history entries written.
 */
export function transitionVersion(
  name: string,
  version: number,
  toStage: Stage,
  comment = '',
  options: { archiveExisting?: boolean } = {},
): Promise<TransitionResult> {
  return write(['registry'], 'the stage change was not saved', async (tx) => {
    const registry = tx.objectStore('registry')
    const result = transition(await requireModel((n) => registry.get(n), name), version, toStage, comment, new Date(), options)
    await registry.put(result.model)
    return result
  })
}

/** All registered models, by name. */
export async function listRegisteredModels(): Promise<RegisteredModel[]> {
  const models = await (await db()).getAll('registry')
  return models.sort((a, b) => a.name.localeCompare(b.name))
}

/** One registered model with its versions and history, or undefined. */
export async function getRegisteredModel(name: string): Promise<RegisteredModel | undefined> {
  return (await db()).get('registry', name)
}

/** The version of model `name` in Production, or null; an unknown name is an error. */
export async function productionVersion(name: string): Promise<ModelVersion | null> {
  const database = await db()
  return productionOf(await requireModel((n) => database.get('registry', n), name))
}

/**
 * Deletes a registered model with its versions and history (the runs stay).
 * A model with a version in Production is refused unless `force: true`: it
 * may be what a server is predicting with.
 */
export function deleteRegisteredModel(name: string, options: { force?: boolean } = {}): Promise<void> {
  return write(['registry'], 'nothing was deleted', async (tx) => {
    const registry = tx.objectStore('registry')
    const model = await registry.get(name)
    if (!model) return
    const live = productionOf(model)
    if (live && !options.force) {
      throw new StudioError('registry-in-production', `registry: version ${live.version} of "${name}" is in Production; archive it first, or delete the model with force`)
    }
    await registry.delete(name)
  })
}

// ─── Export and import ───────────────────────────────────────────────────────

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
  return write(['experiments', 'runs', 'registry', 'artifacts'], 'nothing was imported', async (tx) => {
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
    for (const run of plan.runs) await runs.put(await storeApart(tx.objectStore('artifacts'), run))
    for (const model of plan.models) await registry.put(model)
    return plan.report
  })
}

// ─── Usage ───────────────────────────────────────────────────────────────────

/** How full storage is and which runs take the most room, so the page can say what to delete. */
export interface StorageUsage {
  /** Bytes the site uses: the browser's estimate, or the sum of record sizes when it gives none. */
  usageBytes: number
  /** Bytes the browser allows the site, or null when it does not say. */
  quotaBytes: number | null
  /** True when usageBytes is the studio's own estimate from record sizes. */
  estimated: boolean
  /** Number of runs stored. */
  runs: number
  /** Estimated bytes of all runs. */
  runBytes: number
  /** The largest runs, largest first; `registered` runs need force to delete. */
  largestRuns: { id: string; bytes: number; startedAt: string; family: string; experimentId: string; registered: boolean }[]
}

/**
 * Storage used and allowed, and the `limit` largest runs. A record's size is
 * estimated from the length of its JSON text: close enough to rank runs and
 * to show megabytes, without the cost of measuring IndexedDB's own encoding.
 */
export async function storageUsage(options: { limit?: number } = {}): Promise<StorageUsage> {
  const database = await db()
  const tx = database.transaction(['runs', 'registry', 'experiments', 'datasets', 'artifacts'], 'readonly')
  const sizes: StorageUsage['largestRuns'] = []
  const registered = new Set((await tx.objectStore('registry').getAll()).flatMap((m) => m.versions.map((v) => v.runId)))
  let cursor = await tx.objectStore('runs').openCursor()
  while (cursor) {
    const run = migrateRun(cursor.value)
    sizes.push({ id: run.id, bytes: JSON.stringify(cursor.value).length + (run.bundleSummary?.bytes ?? 0), startedAt: run.startedAt, family: run.family, experimentId: run.experimentId, registered: registered.has(run.id) })
    cursor = await cursor.continue()
  }
  let otherBytes = 0
  for (const store of ['registry', 'experiments', 'datasets'] as const) {
    for (const record of await tx.objectStore(store).getAll()) otherBytes += JSON.stringify(record).length
  }
  await tx.done
  const runBytes = sizes.reduce((sum, s) => sum + s.bytes, 0)
  const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined)
  sizes.sort((a, b) => b.bytes - a.bytes)
  return {
    usageBytes: estimate?.usage ?? runBytes + otherBytes,
    quotaBytes: estimate?.quota ?? null,
    estimated: estimate?.usage === undefined,
    runs: sizes.length,
    runBytes,
    largestRuns: sizes.slice(0, options.limit ?? 10),
  }
}

/** Resets the connection (tests). */
export function closeStorage(): void {
  void dbPromise?.then((d) => d.close())
  dbPromise = null
}
