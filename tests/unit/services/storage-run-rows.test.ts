import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bucketOf, ROW_BUCKETS, runRowOf, type RunRow } from '../../../src/core/tracking/run-row'
import { REVISIONS_KEY } from '../../../src/services/storage/run-rows'
import { migrateRun } from '../../../src/core/tracking/run-schema'
import { StorageFullError } from '../../../src/services/storage/db'
import { createExperiment } from '../../../src/services/storage/experiments'
import { registerModel } from '../../../src/services/storage/registry'
import { deleteRun, getRun, listRunRows, listRuns, markInterruptedRuns, markRunInterrupted, readRuns, saveRun, updateRunMeta } from '../../../src/services/storage/runs'
import { exportExperiment, importExperiment } from '../../../src/services/storage/transfer'
import { makeRun, tinyBundle } from '../core/tracking/fixtures'
import { fillDiskAfter, openRaw, readRaw, resetDatabase } from './db-helpers'

afterEach(resetDatabase)

/** The invariant every write keeps: the rows are exactly the rows of the runs, in the runs' order. */
async function expectRowsOfRuns(): Promise<RunRow[]> {
  const rows = await listRunRows()
  // Through JSON, as the rows are kept.
  expect(rows).toEqual(JSON.parse(JSON.stringify((await listRuns()).map(runRowOf))))
  return rows
}

/** The version-4 studio's stores, replayed by hand, holding `kept`. */
function version4Stores(db: IDBDatabase, kept: readonly unknown[]): IDBObjectStore {
  const runs = db.createObjectStore('runs', { keyPath: 'id' })
  runs.createIndex('startedAt', 'startedAt')
  runs.createIndex('experimentId', 'experimentId')
  db.createObjectStore('datasets', { keyPath: 'fingerprint' })
  db.createObjectStore('experiments', { keyPath: 'id' }).createIndex('datasetFingerprint', 'datasetFingerprint')
  db.createObjectStore('registry', { keyPath: 'name' })
  db.createObjectStore('artifacts', { keyPath: 'runId' })
  for (const run of kept) runs.put(run)
  return runs
}

/** The buckets of rows (without the revisions record). */
async function rowBuckets(): Promise<{ bucket: number; rowSchemaVersion: number }[]> {
  return ((await readRaw('runRowBuckets')) as { bucket: number; rowSchemaVersion: number }[]).filter((b) => b.bucket !== REVISIONS_KEY)
}

describe('run rows (database version 5, columns since version 6)', () => {
  it('builds the rows of every run when a version 4 database is upgraded, runs unchanged', async () => {
    const kept = [
      makeRun('a', '2026-01-01T00:00:00Z', { tags: ['baseline'], note: 'first', experimentId: 'exp-f' }),
      makeRun('b', '2026-01-03T00:00:00Z', { status: 'failed', error: 'out of memory', experimentId: 'exp-f' }),
      makeRun('c', '2026-01-02T00:00:00Z', { experimentId: 'exp-f', bundleSummary: { labels: ['no', 'yes'], trainRows: 8, testRows: 2, converged: true, bytes: 100 }, kind: 'trial', parentId: 'b' }),
    ]
    await openRaw(4, (db) => void version4Stores(db, kept))
    const rows = await expectRowsOfRuns()
    expect(rows.map((r) => r.id)).toEqual(['b', 'c', 'a'])
    expect(rows[0]).toMatchObject({ status: 'failed', error: 'out of memory', tags: [], note: '' })
    expect(rows[1]).toMatchObject({ kind: 'trial', parentId: 'b', bundleSummary: { labels: ['no', 'yes'] } })
    expect(rows[2]).toMatchObject({ tags: ['baseline'], note: 'first', metrics: { auc: 0.9 } })
    // A row leaves out what the table does not show.
    expect(rows[2]).not.toHaveProperty('roc')
    expect(rows[2]).not.toHaveProperty('features')
    expect(await readRaw('runs')).toEqual(kept)
  })

  it('rebuilds the rows of every run as columns when a version 5 database (rows as JSON text) is upgraded, runs unchanged', async () => {
    const kept = [
      makeRun('a', '2026-01-01T00:00:00Z', { tags: ['baseline'], note: 'first', experimentId: 'exp-f', bundle: null }),
      makeRun('b', '2026-01-03T00:00:00Z', { status: 'failed', error: 'out of memory', experimentId: 'exp-f', bundle: null, metrics: { auc: 0.7, logLoss: null } }),
      makeRun('c', '2026-01-02T00:00:00Z', { experimentId: 'exp-f', bundle: null, kind: 'trial', parentId: 'b' }),
    ]
    // The version-5 studio: its rows in JSON buckets (one of them stale, to show they are rebuilt from the runs, not converted).
    await openRaw(5, (db) => {
      version4Stores(db, kept)
      const buckets = db.createObjectStore('runRowBuckets', { keyPath: 'bucket' })
      const v5Row = (run: ReturnType<typeof makeRun>, status = run.status) => ({ ...runRowOf(migrateRun(run)), status, rowSchemaVersion: 1, searchText: run.id })
      buckets.put({ bucket: 3, rowSchemaVersion: 1, json: JSON.stringify([v5Row(kept[0], 'running'), v5Row(kept[2])]) })
      buckets.put({ bucket: 9, rowSchemaVersion: 1, json: JSON.stringify([v5Row(kept[1])]) })
    })
    const rows = await expectRowsOfRuns()
    expect(rows.map((r) => [r.id, r.status])).toEqual([['b', 'failed'], ['c', 'finished'], ['a', 'finished']])
    expect(rows[0].metrics).toEqual({ auc: 0.7, logLoss: null })
    expect(rows[1]).toMatchObject({ kind: 'trial', parentId: 'b' })
    expect(rows[2]).not.toHaveProperty('searchText')
    const buckets = await rowBuckets()
    expect(buckets.every((b) => b.rowSchemaVersion === 2 && !('json' in b))).toBe(true)
    expect(await readRaw('runs')).toEqual(kept)
  })

  it('re-reads only the buckets that changed, and gives back the same list when none did', async () => {
    for (let i = 0; i < 200; i++) await saveRun(makeRun(`r${i}`, new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), { bundle: null }))
    const first = await listRunRows()
    expect(await listRunRows()).toBe(first)
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll')
    const get = vi.spyOn(IDBObjectStore.prototype, 'get')
    try {
      await updateRunMeta('r7', { tags: ['reviewed'] })
      get.mockClear()
      const second = await listRunRows()
      expect(second).not.toBe(first)
      // The revisions record and the one bucket of r7.
      expect(get).toHaveBeenCalledTimes(2)
      expect(getAll).not.toHaveBeenCalled()
      expect(second.find((r) => r.id === 'r7')?.tags).toEqual(['reviewed'])
      // Rows of buckets that did not change are the very same objects.
      const r8 = first.find((r) => r.id === 'r8')!
      if (bucketOf('r8') !== bucketOf('r7')) expect(second.find((r) => r.id === 'r8')).toBe(r8)
    } finally {
      getAll.mockRestore()
      get.mockRestore()
    }
    await expectRowsOfRuns()
  })

  it('keeps the rows in step with saving, tagging, failing and deleting runs', async () => {
    await saveRun(makeRun('a', '2026-01-01T00:00:00Z', { status: 'running', bundle: null }))
    await saveRun(makeRun('b', '2026-01-02T00:00:00Z'))
    expect((await expectRowsOfRuns()).map((r) => [r.id, r.status, r.bundleSummary?.labels])).toEqual([
      ['b', 'finished', ['no', 'yes']],
      ['a', 'running', undefined],
    ])
    await updateRunMeta('b', { tags: ['reviewed'], note: 'good' })
    expect((await expectRowsOfRuns())[0]).toMatchObject({ id: 'b', tags: ['reviewed'], note: 'good' })
    expect(await markRunInterrupted('a')).toBe(true)
    expect((await expectRowsOfRuns())[1]).toMatchObject({ id: 'a', status: 'failed' })
    await saveRun(makeRun('c', '2026-01-03T00:00:00Z', { status: 'running', bundle: null }))
    expect(await markInterruptedRuns()).toBe(1)
    expect((await expectRowsOfRuns())[0]).toMatchObject({ id: 'c', status: 'failed' })
    await deleteRun('b')
    expect((await expectRowsOfRuns()).map((r) => r.id)).toEqual(['c', 'a'])
  })

  it('a refused delete or a full disk leaves the rows as they were', async () => {
    await saveRun(makeRun('a', '2026-01-01T00:00:00Z'))
    await registerModel('screening', 'a', '')
    await expect(deleteRun('a')).rejects.toMatchObject({ code: 'run-registered' })
    const restore = fillDiskAfter(1)
    try {
      await expect(saveRun(makeRun('b', '2026-01-02T00:00:00Z'))).rejects.toBeInstanceOf(StorageFullError)
    } finally {
      restore()
    }
    expect((await expectRowsOfRuns()).map((r) => r.id)).toEqual(['a'])
  })

  it('imports thousands of runs with their rows, spread over every bucket', async () => {
    const experiment = await createExperiment('bulk', 'f')
    for (let i = 0; i < 2000; i++) await saveRun(makeRun(`r${i}`, new Date(Date.UTC(2026, 0, 1) + (i % 500) * 60_000).toISOString(), { experimentId: experiment.id, bundle: null }))
    const text = await exportExperiment(experiment.id)
    await resetDatabase()
    await importExperiment(text)
    const rows = await expectRowsOfRuns()
    expect(rows).toHaveLength(2000)
    expect(new Set((await rowBuckets()).map((b) => b.bucket)).size).toBe(ROW_BUCKETS)
    // Same start: the greater id first (as text), as runs were always listed.
    expect(rows.slice(0, 4).map((r) => r.id)).toEqual(['r999', 'r499', 'r1999', 'r1499'])
  })

  it('reads whole runs by id for the page, in the order asked, without their bundles', async () => {
    await saveRun(makeRun('a', '2026-01-01T00:00:00Z', { bundle: tinyBundle() }))
    await saveRun(makeRun('b', '2026-01-02T00:00:00Z'))
    const runs = await readRuns(['b', 'gone', 'a'])
    expect(runs.map((r) => r.id)).toEqual(['b', 'a'])
    expect(runs[1]).toMatchObject({ bundle: null, roc: null, features: ['x'], bundleSummary: { labels: ['no', 'yes'] } })
    expect(runs[1]).toEqual({ ...migrateRun((await getRun('a'))!), bundle: null })
  })
})
