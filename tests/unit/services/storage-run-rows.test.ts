import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { ROW_BUCKETS, runRowOf, type RunRow } from '../../../src/core/tracking/run-row'
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

describe('run rows (database version 5)', () => {
  it('builds the rows of every run when a version 4 database is upgraded, runs unchanged', async () => {
    const kept = [
      makeRun('a', '2026-01-01T00:00:00Z', { tags: ['baseline'], note: 'first', experimentId: 'exp-f' }),
      makeRun('b', '2026-01-03T00:00:00Z', { status: 'failed', error: 'out of memory', experimentId: 'exp-f' }),
      makeRun('c', '2026-01-02T00:00:00Z', { experimentId: 'exp-f', bundleSummary: { labels: ['no', 'yes'], trainRows: 8, testRows: 2, converged: true, bytes: 100 }, kind: 'trial', parentId: 'b' }),
    ]
    // The version-4 studio's stores, replayed by hand.
    await openRaw(4, (db) => {
      const runs = db.createObjectStore('runs', { keyPath: 'id' })
      runs.createIndex('startedAt', 'startedAt')
      runs.createIndex('experimentId', 'experimentId')
      db.createObjectStore('datasets', { keyPath: 'fingerprint' })
      db.createObjectStore('experiments', { keyPath: 'id' }).createIndex('datasetFingerprint', 'datasetFingerprint')
      db.createObjectStore('registry', { keyPath: 'name' })
      db.createObjectStore('artifacts', { keyPath: 'runId' })
      for (const run of kept) runs.put(run)
    })
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
    expect(new Set((await readRaw('runRowBuckets')).map((b) => (b as { bucket: number }).bucket)).size).toBe(ROW_BUCKETS)
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
