/**
 * Saved pipelines and the history of their runs, kept in IndexedDB through
 * idb. A database of its own (not a store in services/storage/db.ts): pipelines
 * can be added, changed and upgraded without touching the studio's runs and
 * registry schema. Every record carries a schema version; a full disk becomes
 * a StorageFullError naming what was not saved.
 *
 * The rules (what a pipeline is, how a run goes) live in src/core/workflow;
 * this module only reads and writes records.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { StudioError } from '../core/errors'
import type { PipelineRunRecord, PipelineSpec } from '../core/workflow/types'
import { guardQuota } from './storage/db'

export const PIPELINE_DB_NAME = 'clinical-ml-studio-pipelines'
/**
 * Database versions (object stores and indexes):
 *   1: pipelines (key name), pipelineRuns (key id, index pipelineName).
 */
export const PIPELINE_DB_VERSION = 1
export const PIPELINE_RECORD_SCHEMA_VERSION = 1

/** A saved pipeline: its spec, and when it was saved. */
export interface PipelineRecord {
  schemaVersion: number
  name: string
  spec: PipelineSpec
  savedAt: string
}

/** One run of a pipeline, as kept: the core run record with a schema version. */
export type StoredPipelineRun = PipelineRunRecord & { schemaVersion: number }

interface PipelineDB extends DBSchema {
  pipelines: { key: string; value: PipelineRecord }
  pipelineRuns: { key: string; value: StoredPipelineRun; indexes: { pipelineName: string } }
}

let dbPromise: Promise<IDBPDatabase<PipelineDB>> | null = null

function db(): Promise<IDBPDatabase<PipelineDB>> {
  dbPromise ??= openDB<PipelineDB>(PIPELINE_DB_NAME, PIPELINE_DB_VERSION, {
    upgrade(database, oldVersion) {
      // One step per version; never edit a past step.
      if (oldVersion < 1) {
        database.createObjectStore('pipelines', { keyPath: 'name' })
        database.createObjectStore('pipelineRuns', { keyPath: 'id' }).createIndex('pipelineName', 'pipelineName')
      }
    },
    blocking() {
      // A newer studio in another tab is upgrading the database: let it, and reopen on next use.
      void dbPromise?.then((d) => d.close())
      dbPromise = null
    },
  })
  return dbPromise
}

/**
 * Saves a pipeline under its spec's name. A name already saved is refused
 * (the message names it) unless `replace: true`: the page asks first.
 */
export function savePipeline(spec: PipelineSpec, options: { replace?: boolean; now?: Date } = {}): Promise<PipelineRecord> {
  return guardQuota(async () => {
    const tx = (await db()).transaction('pipelines', 'readwrite')
    const existing = await tx.store.get(spec.name)
    if (existing && !options.replace) {
      tx.abort()
      await tx.done.catch(() => undefined)
      throw new StudioError('pipeline-name-taken', `pipelines: a pipeline named "${spec.name}" is already saved; choose another name, or replace it`)
    }
    const record: PipelineRecord = { schemaVersion: PIPELINE_RECORD_SCHEMA_VERSION, name: spec.name, spec, savedAt: (options.now ?? new Date()).toISOString() }
    await tx.store.put(record)
    await tx.done
    return record
  }, 'the pipeline was not saved')
}

/** Saved pipelines, by name. */
export async function listPipelines(): Promise<PipelineRecord[]> {
  const all = await (await db()).getAll('pipelines')
  return all.sort((a, b) => a.name.localeCompare(b.name))
}

/** One saved pipeline, or undefined. */
export async function getPipeline(name: string): Promise<PipelineRecord | undefined> {
  return (await db()).get('pipelines', name)
}

/** Deletes a pipeline and the history of its runs (the models it registered stay in the registry). */
export async function deletePipeline(name: string): Promise<void> {
  const tx = (await db()).transaction(['pipelines', 'pipelineRuns'], 'readwrite')
  await tx.objectStore('pipelines').delete(name)
  for (const key of await tx.objectStore('pipelineRuns').index('pipelineName').getAllKeys(name)) await tx.objectStore('pipelineRuns').delete(key)
  await tx.done
}

/** Keeps a run of a pipeline (new, or updated as its stages finish). */
export function savePipelineRun(run: PipelineRunRecord): Promise<void> {
  return guardQuota(async () => {
    await (await db()).put('pipelineRuns', { ...run, schemaVersion: PIPELINE_RECORD_SCHEMA_VERSION })
  }, 'the record of this pipeline run was not saved')
}

/** The runs of pipeline `name`, newest first. */
export async function listPipelineRuns(name: string): Promise<StoredPipelineRun[]> {
  const runs = await (await db()).getAllFromIndex('pipelineRuns', 'pipelineName', name)
  return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt))
}

/** Resets the connection (tests). */
export function closePipelineStorage(): void {
  void dbPromise?.then((d) => d.close())
  dbPromise = null
}
