import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as storage from '../../../src/services/storage'
import type { RunRecord } from '../../../src/services/storage'

function run(id: string, startedAt: string, status: RunRecord['status'] = 'finished'): RunRecord {
  return {
    schemaVersion: storage.RUN_SCHEMA_VERSION, id, status, startedAt, finishedAt: null, durationMs: 10,
    dataset: { name: 'd.csv', fingerprint: 'f', rows: 10, columns: 2 }, target: 'y', task: 'binary', features: ['x'],
    family: 'logistic', params: { C: 1 }, seed: 1, testShare: 0.2, metrics: { auc: 0.9 }, confusion: null, roc: null,
    featureImportance: [], iterations: 3, error: null, bundle: null, recipe: null, pipelineConfig: null,
  }
}

afterEach(async () => {
  storage.closeStorage()
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(storage.DB_NAME)
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
})

describe('schema upgrade', () => {
  it('migrates a version 1 database: runs kept and completed, datasets store added', async () => {
    // Build the database exactly as the first schema did, with a schema-1 run record.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(storage.DB_NAME, 1)
      request.onupgradeneeded = () => {
        const runs = request.result.createObjectStore('runs', { keyPath: 'id' })
        runs.createIndex('startedAt', 'startedAt')
        const old: Record<string, unknown> = { ...run('old', '2025-12-01T00:00:00Z'), schemaVersion: 1 }
        delete old.recipe
        delete old.pipelineConfig
        runs.put(old)
      }
      request.onsuccess = () => {
        request.result.close()
        resolve()
      }
      request.onerror = () => reject(request.error)
    })
    const [migrated] = await storage.listRuns()
    expect(migrated).toMatchObject({ id: 'old', schemaVersion: 2, recipe: null, pipelineConfig: null, metrics: { auc: 0.9 } })
    await storage.saveDataset({ schemaVersion: 1, fingerprint: 'abc', name: 'd.csv', columns: ['x'], recipe: null, target: 'y', updatedAt: 'now' })
    expect((await storage.getDataset('abc'))?.target).toBe('y')
  })
})

describe('run storage', () => {
  it('saves, lists newest first, reads and deletes runs', async () => {
    await storage.saveRun(run('a', '2026-01-01T00:00:00Z'))
    await storage.saveRun(run('b', '2026-02-01T00:00:00Z'))
    expect((await storage.listRuns()).map((r) => r.id)).toEqual(['b', 'a'])
    expect((await storage.getRun('a'))?.metrics).toEqual({ auc: 0.9 })
    await storage.deleteRun('a')
    expect((await storage.listRuns()).map((r) => r.id)).toEqual(['b'])
  })

  it('marks runs left running by a closed page as failed', async () => {
    await storage.saveRun(run('r', '2026-01-01T00:00:00Z', 'running'))
    await storage.saveRun(run('f', '2026-01-02T00:00:00Z'))
    expect(await storage.markInterruptedRuns()).toBe(1)
    const r = await storage.getRun('r')
    expect(r?.status).toBe('failed')
    expect(r?.error).toMatch(/closed or reloaded/)
    expect((await storage.getRun('f'))?.status).toBe('finished')
  })

  it('turns a full disk into a StorageFullError that says what to do', async () => {
    const { IDBObjectStore } = globalThis as unknown as { IDBObjectStore: { prototype: { put: () => unknown } } }
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    try {
      await expect(storage.saveRun(run('q', '2026-01-01T00:00:00Z'))).rejects.toThrow(/storage for this site is full.*Delete old runs/)
    } finally {
      spy.mockRestore()
    }
  })
})
