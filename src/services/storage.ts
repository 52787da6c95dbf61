/**
 * The studio's only storage module: runs (and, later, datasets, experiments
 * and the registry) kept in IndexedDB through idb. Every record carries a
 * schema version; `upgrade` migrates older databases; a full disk becomes a
 * StorageFullError with a message a person can act on.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { ModelBundle } from '../core/bundle/bundle'
import type { CleaningRecipe } from '../core/clean/types'
import type { FoldScheme } from '../core/eval/folds'
import type { MetricSummary } from '../core/eval/summary'
import type { LossPoint } from '../core/model/estimator'
import type { PipelineConfig } from '../core/pipeline/config'
import type { RocCurve } from '../core/metrics/classification'
import type { Task } from '../core/types'

export const DB_NAME = 'clinical-ml-studio'
export const DB_VERSION = 2
export const RUN_SCHEMA_VERSION = 2
export const DATASET_SCHEMA_VERSION = 1

export type RunStatus = 'running' | 'finished' | 'failed' | 'cancelled'

/** One training run as kept in storage. */
export interface RunRecord {
  schemaVersion: number
  id: string
  status: RunStatus
  startedAt: string
  finishedAt: string | null
  durationMs: number | null
  dataset: { name: string; fingerprint: string; rows: number; columns: number }
  target: string
  task: Task
  features: string[]
  family: string
  params: Record<string, unknown>
  seed: number
  testShare: number
  metrics: Record<string, number | null>
  confusion: number[][] | null
  roc: RocCurve | null
  featureImportance: { name: string; value: number }[]
  iterations: number | null
  error: string | null
  bundle: ModelBundle | null
  /** The cleaning recipe applied before training (schema 2). */
  recipe: CleaningRecipe | null
  /** The feature pipeline configuration (schema 2). */
  pipelineConfig: PipelineConfig | null
  /** How the fitted pipeline prepared each feature, in plain words (absent on older runs). */
  pipelineSteps?: { step: string; columns: string[]; detail: string }[]
  /** Drop in held-out score when each feature is shuffled (absent on older runs). */
  permutationImportance?: { scoring: string; baseline: number; features: { name: string; mean: number; std: number }[] } | null
  /** Regression: held-out predictions against truth, for the residual plot. */
  residuals?: { predicted: number[]; actual: number[] } | null
  /** Loss per round or epoch (boosting, neural net). */
  history?: LossPoint[] | null
  bestIteration?: number | null
  oobScore?: number | null
  /** Compute backend that ran the fit (neural net: webgpu, wasm or cpu). */
  backend?: string
  /** Cross-validation behind this model (search or leaderboard refits): scheme, metric and mean ± std per metric. */
  cv?: { scheme: FoldScheme; metric: string; summary: Record<string, MetricSummary> } | null
  /** The search this model won: method, every trial and the best parameters. */
  search?: {
    method: string
    metric: string
    trials: { params: Record<string, unknown>; share: number; status: string; summary: Record<string, MetricSummary> | null }[]
    bestParams: Record<string, unknown>
    bestScore: number | null
  } | null
}

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
  runs: { key: string; value: RunRecord; indexes: { startedAt: string } }
  datasets: { key: string; value: DatasetRecord }
}

export class StorageFullError extends Error {
  constructor(usageBytes?: number, quotaBytes?: number) {
    const used = usageBytes === undefined ? '' : ` (${(usageBytes / 1e6).toFixed(1)} MB used of ${((quotaBytes ?? 0) / 1e6).toFixed(0)} MB)`
    super(`The browser's storage for this site is full${used}. Delete old runs on the Runs page to free space; this run was not saved.`)
    this.name = 'StorageFullError'
  }
}

let dbPromise: Promise<IDBPDatabase<StudioDB>> | null = null

function db(): Promise<IDBPDatabase<StudioDB>> {
  dbPromise ??= openDB<StudioDB>(DB_NAME, DB_VERSION, {
    async upgrade(database, oldVersion, _newVersion, transaction) {
      // Each step migrates from one version to the next; never edit a past step.
      if (oldVersion < 1) {
        const runs = database.createObjectStore('runs', { keyPath: 'id' })
        runs.createIndex('startedAt', 'startedAt')
      }
      if (oldVersion < 2) {
        database.createObjectStore('datasets', { keyPath: 'fingerprint' })
        if (oldVersion >= 1) {
          // Runs of schema 1 had no recipe or pipeline configuration: they were trained without cleaning and with the default pipeline.
          let cursor = await transaction.objectStore('runs').openCursor()
          while (cursor) {
            await cursor.update(migrateRun(cursor.value))
            cursor = await cursor.continue()
          }
        }
      }
    },
    blocked() {
      console.warn('Clinical ML Studio: close other tabs of the studio to finish upgrading its storage')
    },
  })
  return dbPromise
}

async function guardQuota<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') {
      const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined)
      throw new StorageFullError(estimate?.usage, estimate?.quota)
    }
    throw error
  }
}

/** Brings a run record of any earlier schema up to the current one. */
export function migrateRun(record: RunRecord): RunRecord {
  const run = { ...record }
  if ((run.schemaVersion ?? 1) < 2) {
    run.recipe = null
    run.pipelineConfig = null
    run.schemaVersion = 2
  }
  return run
}

export function saveRun(run: RunRecord): Promise<void> {
  return guardQuota(async () => {
    await (await db()).put('runs', run)
  })
}

/** All runs, newest first. */
export async function listRuns(): Promise<RunRecord[]> {
  const database = await db()
  const runs = await database.getAllFromIndex('runs', 'startedAt')
  return runs.reverse().map(migrateRun)
}

export async function getRun(id: string): Promise<RunRecord | undefined> {
  return (await db()).get('runs', id)
}

export function saveDataset(record: DatasetRecord): Promise<void> {
  return guardQuota(async () => {
    await (await db()).put('datasets', record)
  })
}

export async function getDataset(fingerprint: string): Promise<DatasetRecord | undefined> {
  return (await db()).get('datasets', fingerprint)
}

export async function deleteRun(id: string): Promise<void> {
  await (await db()).delete('runs', id)
}

/**
 * Marks runs still 'running' from an earlier page as failed: a page closed
 * mid-training can never finish them. Called once at start-up.
 */
export async function markInterruptedRuns(): Promise<number> {
  const database = await db()
  const runs = await database.getAll('runs')
  let count = 0
  for (const run of runs) {
    if (run.status !== 'running') continue
    await saveRun({ ...run, status: 'failed', error: 'The page was closed or reloaded while this run was training.', finishedAt: run.startedAt })
    count++
  }
  return count
}

/** Resets the connection (tests). */
export function closeStorage(): void {
  void dbPromise?.then((d) => d.close())
  dbPromise = null
}
