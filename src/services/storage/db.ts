/**
 * The studio's IndexedDB database: its name, version history and schema, the
 * one connection, and the write transaction every store module uses (all or
 * nothing, a full disk becomes a StorageFullError with a message a person can
 * act on). One module per store sits beside this one (runs, artifacts,
 * datasets, experiments, registry, transfer, usage); the rules they apply live
 * in src/core/tracking as pure functions.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb'
import type { ModelBundle } from '../../core/bundle/bundle'
import type { ExperimentRecord } from '../../core/tracking/experiment'
import { experimentsForRuns } from '../../core/tracking/experiments-from-runs'
import type { RegisteredModel } from '../../core/tracking/registry'
import { runRowOf, type RunRow } from '../../core/tracking/run-row'
import { forgetReadRows, writeRows, type RowBucket, type RowRevisions } from './run-rows'
import { migrateRun, summarizeBundle, type RunRecord, type StoredRun } from '../../core/tracking/run-schema'
import type { DatasetRecord } from './datasets'

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
 *   5: + runRowBuckets (key bucket): every run's row (core/tracking/run-row) in
 *      64 records of JSON text, written with the run, so the Runs table lists
 *      50,000 runs without reading their curves, folds and trials; built for
 *      every existing run.
 *   6: runRowBuckets hold columns (core/tracking/run-row-columns: numbers as
 *      Float64Arrays, shared values once per bucket) instead of JSON text, and
 *      a record of each bucket's revision, so the page re-reads only buckets
 *      that changed; rebuilt from every existing run (runs unchanged).
 */
export const DB_VERSION = 6

export interface StudioDB extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { startedAt: string; experimentId: string } }
  runRowBuckets: { key: number; value: RowBucket | RowRevisions }
  datasets: { key: string; value: DatasetRecord }
  experiments: { key: string; value: ExperimentRecord; indexes: { datasetFingerprint: string } }
  registry: { key: string; value: RegisteredModel }
  artifacts: { key: string; value: ArtifactRecord }
}

/** A run's model bundle, stored apart from the run record. */
export interface ArtifactRecord {
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

let dbPromise: Promise<IDBPDatabase<StudioDB>> | null = null

export function db(): Promise<IDBPDatabase<StudioDB>> {
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
      if (oldVersion < 5) database.createObjectStore('runRowBuckets', { keyPath: 'bucket' })
      // Rows are derived from runs: versions 5 (JSON text) and 6 (columns) are
      // both made by clearing the buckets and writing the row of every run in
      // today's form, so the version-5 step (which wrote JSON) is this one now.
      if (oldVersion >= 1 && oldVersion < 6) {
        const rows: RunRow[] = []
        let cursor = await transaction.objectStore('runs').openCursor()
        while (cursor) {
          rows.push(runRowOf(migrateRun(cursor.value)))
          cursor = await cursor.continue()
        }
        await transaction.objectStore('runRowBuckets').clear()
        await writeRows(transaction.objectStore('runRowBuckets'), rows)
      }
    },
    blocked() {
      console.warn('Clinical ML Studio: close other tabs of the studio to finish upgrading its storage')
    },
    blocking() {
      // A newer studio in another tab is upgrading the database: let it, and reopen on next use.
      void dbPromise?.then((d) => d.close())
      dbPromise = null
      forgetReadRows()
    },
  })
  return dbPromise
}

export async function guardQuota<T>(work: () => Promise<T>, lost?: string): Promise<T> {
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
export async function write<S extends Stores, T>(stores: S, lost: string, work: (tx: IDBPTransaction<StudioDB, S, 'readwrite'>) => Promise<T>): Promise<T> {
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

/** Resets the connection (tests). */
export function closeStorage(): void {
  void dbPromise?.then((d) => d.close())
  dbPromise = null
  forgetReadRows()
}
